/**
 * A config home the CLI cannot write, made real even though the harness runs as root:
 * either the CLI runs as an unprivileged uid, or a regular file sits where a parent
 * directory should be. A saving signup must fail with exit 9 and a recovery command that
 * works. What the guide hands out instead depends on the release: a --show-token --no-save
 * signup (0.1.25), or a saving signup prefixed with IMAGE_SKILL_CONFIG_PATH, the no-save path
 * staying as a fallback (0.1.40 on); each release is judged by its own sentence.
 */
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import type { CheckedInvocation, Cli } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import { dataOf, errorOf, fileMode, readJson, signupArgs } from '../fixtures/scenario-helpers.js';
import { makeConfigHomeUnwritable } from '../harness/runner/sandbox.js';
import { scanShellLine } from '../harness/runner/shell-scan.js';
import type { Sandbox } from '../harness/runner/sandbox.js';
import type { StatedRules } from '../harness/rules/stated.js';
import type { ScenarioFake } from '../fixtures/test.js';
import type { GuideData, SignupData } from '../fixtures/shapes.js';
import { ruleInForce, shownToken } from './rules-in-force.js';

/** The one field read back from a saved config file (not schema-checked, so left unknown). */
interface SavedConfig {
  token?: unknown;
}

const VARIANTS = ['unprivileged-uid', 'file-in-path'] as const;

/** The guide's stage at auth_required, as 0.1.25 and as 0.1.40 on word it. */
const AUTH_STAGE_RULES = ['guide.stage.auth-required', 'guide.stage.auth-required.fill-inputs'] as const;
const OLD_GUIDE_RULE = 'guide.probes-config-path';
const NEW_GUIDE_RULE = 'guide.unwritable-config.saved-signup';
/** The assignment 0.1.40's guide puts in front of its signup, as printed (the shell expands $PWD). */
const CONFIG_PATH_PREFIX = 'IMAGE_SKILL_CONFIG_PATH=$PWD/.image-skill/config.json';

/** Stdin/env for a printed "with_stdin" command: the token goes on stdin; env only if the template asks for it. */
function stdinHandoff(template: string, token: string) {
  return { stdin: `${token}\n`, env: template.includes('$IMAGE_SKILL_TOKEN') || template.includes('${IMAGE_SKILL_TOKEN}') ? { IMAGE_SKILL_TOKEN: token } : {} };
}

/** The words of a printed command line, as written (quotes dropped, nothing expanded). */
const words = (line: string) => scanShellLine(line).flatMap((t) => (t.kind === 'word' ? [t.segments.map((s) => s.text).join('')] : []));

/** Files a command left holding the token, relative to the sandbox root. */
async function filesHolding(sandbox: Sandbox, inv: CheckedInvocation, token: string | undefined): Promise<string[]> {
  const found: string[] = [];
  for (const c of inv.fsChanges.filter((c) => c.kind !== 'removed' && c.size !== null)) {
    const content = (await readJson(join(sandbox.root, c.path)).catch(() => null)) as SavedConfig | null;
    if (token && content && content.token === token) found.push(c.path);
  }
  return found;
}

for (const variant of VARIANTS) {
  test.describe(`read-only config home (${variant})`, () => {
    test('signup fails with exit 9 and its recovery command gets a usable token', { tag: ['@config', '@recovery', '@exit-codes', '@signup'] }, async ({ cli, sandbox, fake, contract, stated }) => {
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
        const token = await shownToken(contract, stated, fixed, () => fake.issuedTokens());
        if (!token) return;
        const whoami = await cli.run(['whoami', '--token-stdin', '--json'], { ...as, stdin: `${token}\n` });
        await contract.rule('auth.token-stdin', () => expect(whoami).toExitWith(0));
        return;
      }

      // A saving recovery: the newest token the service issued is in a 0600 file, and that file authenticates.
      const token = fake.issuedTokens().at(-1);
      const configs = await filesHolding(sandbox, fixed, token);
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

    test('the guide probes the config path and hands out a signup that gets past auth', { tag: ['@guide', '@config', '@token'] }, async ({ cli, sandbox, fake, contract, stated }) => {
      const uid = await makeConfigHomeUnwritable(sandbox, variant);
      const as = uid === null ? {} : { uid, gid: uid };
      const guideArgs = ['create', '--guide', '--prompt', cli.placeholders.PROMPT, '--json'];

      const guide = await cli.run(guideArgs, as);
      const g = await ruleInForce(contract, stated, AUTH_STAGE_RULES, () => {
        expect(guide).toExitWith(0);
        const d = dataOf<GuideData>(guide);
        expect(d.stage).toBe('auth_required');
        return d;
      });
      if (!g) return;
      const ctx: GuideCtx = { cli, sandbox, fake, contract, stated, as, guideArgs, g };

      const oldSaid = stated.ids.has(OLD_GUIDE_RULE);
      const newSaid = stated.ids.has(NEW_GUIDE_RULE);
      if (oldSaid) await noSaveHandout(ctx);
      if (newSaid) await configPathHandout(ctx);
      if (!oldSaid && !newSaid) {
        // Neither sentence is in these documents: what the guide hands out is only observed.
        await contract.observe('the guide hands out a signup that does not write the unwritable default config', () => {
          const w = words(g.next_command);
          expect(w.includes('--no-save') || w.includes(CONFIG_PATH_PREFIX), `next_command: ${g.next_command}`).toBe(true);
        });
      }
    });
  });
}

interface GuideCtx {
  cli: Cli;
  sandbox: Sandbox;
  fake: ScenarioFake;
  contract: ContractChecks;
  stated: StatedRules;
  as: { uid?: number; gid?: number };
  guideArgs: string[];
  g: GuideData;
}

/** 0.1.25: data.next_command is a --show-token --no-save signup, and rerun_guide.with_stdin gets past auth with its token. */
async function noSaveHandout({ cli, fake, contract, stated, as, g }: GuideCtx): Promise<void> {
  const handout = await contract.rule(OLD_GUIDE_RULE, () => {
    expect(words(g.next_command)).toContain('--show-token');
    expect(words(g.next_command)).toContain('--no-save');
    expect(typeof g.auth_handoff?.rerun_guide?.with_stdin, 'data.auth_handoff.rerun_guide.with_stdin').toBe('string');
    return true;
  });
  if (!handout) return;

  const signup = await cli.runPrinted(g.next_command, as);
  const token = await shownToken(contract, stated, signup, () => fake.issuedTokens());
  await contract.rule('signup.show-token-no-save', () => {
    expect(signup.fsChanges.filter((c) => c.kind === 'added'), 'a --no-save signup writes no file').toEqual([]);
  });
  if (!token) return;
  await rerunWithStdin(OLD_GUIDE_RULE, { cli, contract, as, g }, token);
}

/**
 * 0.1.40 on: data.next_command is the saving signup with IMAGE_SKILL_CONFIG_PATH in front; run as
 * printed it saves the token under $PWD and prints none, and the guide rerun with that config path
 * gets past auth. The --show-token --no-save route with rerun_guide.with_stdin stays as a fallback.
 */
async function configPathHandout({ cli, sandbox, fake, contract, stated, as, guideArgs, g }: GuideCtx): Promise<void> {
  const handout = await contract.rule(NEW_GUIDE_RULE, () => {
    const w = words(g.next_command);
    expect(w, `the IMAGE_SKILL_CONFIG_PATH prefix in ${g.next_command}`).toContain(CONFIG_PATH_PREFIX);
    expect(w, 'a signup').toContain('signup');
    expect(w, 'the normal saved-config signup, not a --no-save one').not.toContain('--no-save');
    return true;
  });
  if (handout) {
    const signup = await cli.runPrinted(g.next_command, as);
    const token = fake.issuedTokens().at(-1);
    const saved = await contract.rule('guide.unwritable-config.saves-locally', async () => {
      expect(signup, `exit of ${g.next_command}`).toExitWith(0);
      expect(dataOf<SignupData>(signup).token ?? null, 'the one-time token is not printed').toBeNull();
      const files = await filesHolding(sandbox, signup, token);
      expect(files, 'the signup saved the token it got').not.toHaveLength(0);
      return files;
    });
    if (saved) {
      // $PWD of a printed command is the sandbox's work folder (the runner's cwd).
      const expected = join('work', '.image-skill', 'config.json');
      await contract.rule(NEW_GUIDE_RULE, () => expect(saved, 'the token is saved at $PWD/.image-skill/config.json').toContain(expected));
      await contract.rule('signup.default-saves-config', async () => {
        for (const p of saved) expect(await fileMode(join(sandbox.root, p)), p).toBe('0600');
      });
      const again = await cli.run(guideArgs, { ...as, env: { IMAGE_SKILL_CONFIG_PATH: join(sandbox.root, saved.includes(expected) ? expected : saved[0]) } });
      await contract.rule('auth.saved-config', () => {
        expect(again).toExitWith(0);
        const stage = dataOf<GuideData>(again).stage;
        expect(stage, `the guide rerun with that config path stayed at ${stage}`).not.toBe('auth_required');
        expect(again.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'the rerun sends the saved token').toBe(true);
      });
    }
  }

  // The fallback for runtimes with their own secret store.
  const fallback = await contract.rule('guide.unwritable-config.fallback', () => {
    expect(typeof g.auth_handoff?.rerun_guide?.with_stdin, 'data.auth_handoff.rerun_guide.with_stdin').toBe('string');
    return true;
  });
  if (!fallback) return;
  const noSave = await cli.run(signupArgs(cli, ['--show-token', '--no-save']), as);
  const token = await shownToken(contract, stated, noSave, () => fake.issuedTokens());
  await contract.rule('signup.show-token-no-save', () => {
    expect(noSave.fsChanges.filter((c) => c.kind === 'added'), 'a --no-save signup writes no file').toEqual([]);
  });
  if (!token) return;
  await rerunWithStdin('guide.unwritable-config.fallback', { cli, contract, as, g }, token);
}

/** Run the guide's rerun_guide.with_stdin with the token on stdin: it must get past auth_required with that token. */
async function rerunWithStdin(rule: string, { cli, contract, as, g }: Pick<GuideCtx, 'cli' | 'contract' | 'as' | 'g'>, token: string): Promise<void> {
  const rerun = g.auth_handoff!.rerun_guide!.with_stdin as string;
  const again = await cli.runPrinted(rerun, { ...as, ...stdinHandoff(rerun, token) });
  await contract.rule(rule, () => {
    expect(again).toExitWith(0);
    const stage = dataOf<GuideData>(again).stage;
    expect(stage, `the guide rerun with the token on stdin stayed at ${stage}`).not.toBe('auth_required');
    expect(again.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'the rerun sends the stdin token').toBe(true);
  });
}
