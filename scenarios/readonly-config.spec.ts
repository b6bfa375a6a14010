/**
 * A config home the CLI cannot write, made real even though the harness runs as root:
 * either the CLI runs as an unprivileged uid, or a regular file sits where a parent
 * directory should be. A saving signup must fail with exit 9 and a recovery command that
 * works; the guide must probe the path and hand out a --show-token --no-save signup instead.
 */
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, fileMode, readJson, signupArgs } from '../fixtures/scenario-helpers.js';
import { makeConfigHomeUnwritable } from '../harness/runner/sandbox.js';
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

/** The words of a printed command line (flags are single words, so whitespace splitting is enough to find them). */
const words = (line: string) => line.split(/\s+/).map((w) => w.replace(/^["']|["']$/g, ''));

for (const variant of VARIANTS) {
  test.describe(`read-only config home (${variant})`, () => {
    test('signup fails with exit 9 and its recovery command gets a usable token', { tag: ['@config', '@recovery', '@exit-codes', '@signup'] }, async ({ cli, sandbox, fake, contract }) => {
      const uid = await makeConfigHomeUnwritable(sandbox, variant);
      const as = uid === null ? {} : { uid, gid: uid };

      const failed = await cli.run(signupArgs(cli), as);
      // A default signup saves its token; when the config cannot be written it cannot succeed.
      const refused = await contract.rule('signup.default-saves-config', () => {
        expect(failed, 'a saving signup into an unwritable config home must not succeed').not.toExitWith(0);
        return true;
      });
      if (!refused) return;
      await contract.rule('exit.code-9-filesystem', () => expect(failed).toExitWith(9));
      await contract.rule('config.write-failed-code', () => expect(errorOf(failed).code).toBe('PUBLIC_CLI_CONFIG_WRITE_FAILED'));
      const suggested = await contract.rule('config.write-failed-recovery', () => {
        const s = errorOf(failed).recovery?.suggested_command;
        expect(typeof s, 'error.recovery.suggested_command').toBe('string');
        return s as string;
      });
      if (!suggested) return;

      const fixed = await cli.runPrinted(suggested, as);
      const ran = await contract.rule('config.write-failed-recovery', () => {
        expect(fixed.exitCode, `recovery command failed: ${fixed.shell?.executed}\n${fixed.stdout.slice(0, 400)}`).toBe(0);
        dataOf(fixed);
        return true;
      });
      if (!ran) return;

      if (words(suggested).includes('--no-save')) {
        // The recovery hands the token out instead of saving it: it must show it, and it must work.
        const token = await contract.rule('signup.token-only-with-show-token', () => {
          const t = dataOf<SignupData>(fixed).token;
          expect(t, 'a --no-save recovery must print the token (--show-token)').toMatch(/^isk_r_/);
          return t as string;
        });
        if (!token) return;
        const whoami = await cli.run(['whoami', '--token-stdin', '--json'], { ...as, stdin: `${token}\n` });
        await contract.rule('auth.token-stdin', () => expect(whoami).toExitWith(0));
        return;
      }

      // A saving recovery: the newest token the service issued is in a 0600 file, and that file authenticates.
      const token = fake.issuedTokens().at(-1);
      const configs: string[] = [];
      for (const c of fixed.fsChanges.filter((c) => c.kind !== 'removed' && c.size !== null)) {
        const content = (await readJson(join(sandbox.root, c.path)).catch(() => null)) as SavedConfig | null;
        if (token && content && content.token === token) configs.push(c.path);
      }
      const saved = await contract.rule('signup.default-saves-config', async () => {
        expect(configs, 'the recovery signup must save the token it got in a config file').not.toHaveLength(0);
        for (const p of configs) expect(await fileMode(join(sandbox.root, p)), p).toBe('0600');
        return configs[0];
      });
      if (!saved) return;
      await contract.observe('the recovery saves the token in exactly one file', () => expect(configs).toHaveLength(1));
      const whoami = await cli.run(['whoami', '--json'], { ...as, env: { IMAGE_SKILL_CONFIG_PATH: join(sandbox.root, saved) } });
      await contract.rule('auth.saved-config', () => {
        expect(whoami).toExitWith(0);
        expect(whoami.requests.some((r) => r.rawAuthorization === `Bearer ${token}`)).toBe(true);
      });
    });

    test('the guide probes the config path and its --show-token --no-save path gets past auth', { tag: ['@guide', '@config', '@token'] }, async ({ cli, sandbox, contract }) => {
      const uid = await makeConfigHomeUnwritable(sandbox, variant);
      const as = uid === null ? {} : { uid, gid: uid };

      const guide = await cli.run(['create', '--guide', '--prompt', cli.placeholders.PROMPT, '--json'], as);
      const g = await contract.rule('guide.probes-config-path', () => {
        expect(guide).toExitWith(0);
        const d = dataOf<GuideData>(guide);
        expect(d.stage).toBe('auth_required');
        expect(words(d.next_command)).toContain('--show-token');
        expect(words(d.next_command)).toContain('--no-save');
        expect(typeof d.auth_handoff?.rerun_guide?.with_stdin, 'data.auth_handoff.rerun_guide.with_stdin').toBe('string');
        return d;
      });
      if (!g) return;

      const signup = await cli.runPrinted(g.next_command, as);
      const token = await contract.rule('signup.token-only-with-show-token', () => {
        expect(signup).toExitWith(0);
        const t = dataOf<SignupData>(signup).token;
        expect(t).toMatch(/^isk_r_/);
        return t as string;
      });
      await contract.rule('signup.show-token-no-save', () => {
        expect(signup.fsChanges.filter((c) => c.kind === 'added'), 'a --no-save signup writes no file').toEqual([]);
      });
      if (!token) return;

      const rerun = g.auth_handoff!.rerun_guide!.with_stdin as string;
      const again = await cli.runPrinted(rerun, { ...as, ...stdinHandoff(rerun, token) });
      await contract.rule('guide.probes-config-path', () => {
        expect(again).toExitWith(0);
        const stage = dataOf<GuideData>(again).stage;
        expect(stage, `the guide rerun with the token on stdin stayed at ${stage}`).not.toBe('auth_required');
        expect(again.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'the rerun sends the stdin token').toBe(true);
      });
    });
  });
}
