/**
 * A config home the CLI cannot write, made real even though the harness runs as root:
 * either the CLI runs as an unprivileged uid, or a regular file sits where a parent
 * directory should be. Signup must fail with exit 9 and a recovery command that works;
 * the guide must probe the path and hand out a --show-token --no-save signup instead.
 */
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, fileMode, readJson, signupArgs } from '../fixtures/scenario-helpers.js';
import { makeConfigHomeUnwritable } from '../harness/runner/sandbox.js';
import type { Cli } from '../fixtures/test.js';
import type { GuideData, SignupData } from '../fixtures/shapes.js';

/** The one field read back from a saved config file (not schema-checked, so left unknown). */
interface SavedConfig {
  token?: unknown;
}

const VARIANTS = ['unprivileged-uid', 'file-in-path'] as const;

/** Stdin/env for a printed "with_stdin" command: the token goes on stdin; env only if the template asks for it. */
function stdinHandoff(template: string, token: string) {
  return { stdin: `${token}\n`, env: template.includes('$IMAGE_SKILL_TOKEN') || template.includes('${IMAGE_SKILL_TOKEN}') ? { IMAGE_SKILL_TOKEN: token } : {} };
}

async function signupTokenFrom(cli: Cli) {
  return cli.invocations.at(-1)!.json as { data: { token: string } };
}

for (const variant of VARIANTS) {
  test.describe(`read-only config home (${variant})`, () => {
    test('signup fails with exit 9 and its recovery command saves the token at a writable path', { tag: ['@config', '@recovery', '@exit-codes', '@signup'] }, async ({ cli, sandbox }) => {
      const uid = await makeConfigHomeUnwritable(sandbox, variant);
      const as = uid === null ? {} : { uid, gid: uid };

      const failed = await cli.run(signupArgs(cli), as);
      expect(failed.exitCode).toBe(9);
      const error = errorOf(failed);
      expect(error.code).toBe('PUBLIC_CLI_CONFIG_WRITE_FAILED');
      const suggested = error.recovery?.suggested_command;
      expect(typeof suggested).toBe('string');

      const fixed = await cli.runPrinted(suggested as string, as);
      expect(fixed.exitCode, `recovery command failed: ${fixed.shell?.executed}\n${fixed.stdout}`).toBe(0);
      const token = (await signupTokenFrom(cli)).data.token;

      const written = fixed.fsChanges.filter((c) => c.kind === 'added' && c.size !== null);
      const configs = [];
      for (const c of written) {
        const content = (await readJson(join(sandbox.root, c.path)).catch(() => null)) as SavedConfig | null;
        if (content && content.token === token) configs.push(c);
      }
      expect(configs.map((c) => c.path), 'the recovery must save the token in one file').toHaveLength(1);
      expect(configs[0].mode).toBe('0600');
      const m = /IMAGE_SKILL_CONFIG_PATH="?\$PWD\/([^"\s]+)"?/.exec(suggested as string);
      if (m) expect(configs[0].path).toBe(join('work', m[1]));
      expect(await fileMode(join(sandbox.root, configs[0].path))).toBe('0600');

      const whoami = await cli.run(['whoami', '--json'], { ...as, env: { IMAGE_SKILL_CONFIG_PATH: join(sandbox.root, configs[0].path) } });
      expect(whoami.exitCode).toBe(0);
    });

    test('the guide probes the config path and its --show-token --no-save path gets past auth', { tag: ['@guide', '@config', '@token'] }, async ({ cli, sandbox }) => {
      const uid = await makeConfigHomeUnwritable(sandbox, variant);
      const as = uid === null ? {} : { uid, gid: uid };

      const guide = await cli.run(['create', '--guide', '--prompt', cli.placeholders.PROMPT, '--json'], as);
      expect(guide.exitCode).toBe(0);
      const g = dataOf<GuideData>(guide);
      expect(g.stage).toBe('auth_required');
      expect(g.next_command).toContain('--show-token');
      expect(g.next_command).toContain('--no-save');

      const signup = await cli.runPrinted(g.next_command, as);
      expect(signup.exitCode).toBe(0);
      expect(signup.fsChanges.filter((c) => c.kind === 'added')).toEqual([]);
      const token = dataOf<SignupData>(signup).token as string;
      expect(token).toMatch(/^isk_r_/);

      const rerun = g.auth_handoff?.rerun_guide?.with_stdin as string;
      expect(typeof rerun).toBe('string');
      const again = await cli.runPrinted(rerun, { ...as, ...stdinHandoff(rerun, token) });
      expect(again.exitCode).toBe(0);
      const stage = dataOf<GuideData>(again).stage;
      expect(['quota_required', 'ready_to_create'], `guide stayed at ${stage}`).toContain(stage);
      expect(again.requests.find((r) => r.path === '/v1/quota')?.rawAuthorization).toBe(`Bearer ${token}`);
    });
  });
}
