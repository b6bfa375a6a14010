/**
 * Signup modes: default save (mode 0600, IMAGE_SKILL_CONFIG_PATH or a default location no
 * sentence names), --show-token --no-save (token once, nothing written anywhere), the
 * compatibility flags, and contact validation. Each assertion cites its rule
 * (harness/rules/catalogue/signup.ts).
 */
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import type { CheckedInvocation } from '../fixtures/test.js';
import { dataOf, errorOf, exists, fileMode, readJson, signupArgs } from '../fixtures/scenario-helpers.js';
import { noTokenShown, shownToken } from './rules-in-force.js';

/** The one field read back from a saved config file (not schema-checked, so left unknown). */
interface SavedConfig {
  token?: unknown;
}

/** Files (absolute paths) the command left holding the token. */
async function filesHolding(root: string, inv: CheckedInvocation, token: string | undefined): Promise<string[]> {
  const found: string[] = [];
  for (const c of inv.fsChanges.filter((c) => c.kind !== 'removed' && c.size !== null)) {
    const content = (await readJson(join(root, c.path)).catch(() => null)) as SavedConfig | null;
    if (token && content && content.token === token) found.push(join(root, c.path));
  }
  return found;
}

test.describe('signup modes', () => {
  test('default signup saves the token in a config file with mode 0600; later commands use it', { tag: ['@signup', '@config', '@token'] }, async ({ cli, sandbox, fake, contract, stated }) => {
    const inv = await cli.run(signupArgs(cli));
    await contract.rule('signup.example-invalid-contact', () => expect(inv).toExitWith(0));
    await noTokenShown(contract, stated, inv);
    const token = fake.issuedTokens().at(-1);
    const saved = await filesHolding(sandbox.root, inv, token);
    await contract.rule('signup.default-saves-config', async () => {
      expect(inv).toExitWith(0);
      expect(saved, 'a config file holding the token the service issued').not.toHaveLength(0);
      for (const p of saved) expect(await fileMode(p), p).toBe('0600');
    });
    // Where the default config lives is not in the documents: the XDG location is only observed.
    const xdg = join(sandbox.configHome, 'image-skill', 'config.json');
    await contract.observe(`the default config is ${xdg.slice(sandbox.root.length + 1)} (XDG_CONFIG_HOME)`, () => expect(saved).toContain(xdg));

    const whoami = await cli.run(['whoami', '--json']);
    await contract.rule('auth.saved-config', () => {
      expect(whoami).toExitWith(0);
      expect(whoami.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'whoami must send the saved token').toBe(true);
    });
  });

  test('IMAGE_SKILL_CONFIG_PATH decides where the token is saved', { tag: ['@signup', '@config'] }, async ({ cli, sandbox, fake, contract }) => {
    const custom = join(sandbox.work, 'state', 'image-skill.json');
    const env = { IMAGE_SKILL_CONFIG_PATH: custom };
    const inv = await cli.run(signupArgs(cli), { env });
    const quota = await cli.run(['usage', 'quota', '--json'], { env });
    const saved = await filesHolding(sandbox.root, inv, fake.issuedTokens().at(-1));
    await contract.rule('signup.config-path-env', async () => {
      expect(inv).toExitWith(0);
      expect(await exists(custom), `config expected at ${custom}`).toBe(true);
      expect(saved, 'the token is saved at IMAGE_SKILL_CONFIG_PATH and nowhere else').toEqual([custom]);
      expect(quota, 'usage quota with the same IMAGE_SKILL_CONFIG_PATH').toExitWith(0);
    });
    await contract.rule('signup.default-saves-config', async () => expect(await fileMode(custom)).toBe('0600'));
  });

  test('--show-token --no-save prints the token once and writes nothing; env and stdin auth work', { tag: ['@signup', '@token', '@config'] }, async ({ cli, fake, contract, stated }) => {
    const inv = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
    await contract.rule('signup.example-invalid-contact', () => expect(inv).toExitWith(0));
    const token = (await shownToken(contract, stated, inv, () => fake.issuedTokens())) ?? '';
    await contract.rule('signup.show-token-no-save', () => {
      expect(inv.fsChanges, 'nothing may be written anywhere in the sandbox').toEqual([]);
    });

    const viaEnv = await cli.run(['whoami', '--json'], { env: { IMAGE_SKILL_TOKEN: token } });
    await contract.rule('auth.env-token', () => {
      expect(viaEnv).toExitWith(0);
      expect(viaEnv.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'whoami must send the IMAGE_SKILL_TOKEN token').toBe(true);
    });

    const viaStdin = await cli.run(['usage', 'quota', '--token-stdin', '--json'], { stdin: `${token}\n` });
    await contract.rule('auth.token-stdin', () => {
      expect(viaStdin).toExitWith(0);
      expect(viaStdin.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'usage quota must send the --token-stdin token').toBe(true);
    });
    await contract.observe('commands authenticated from env or stdin write no file', () => {
      for (const later of [viaEnv, viaStdin]) expect(later.fsChanges).toEqual([]);
    });
  });

  test('--save is accepted as a no-op and --human-email as an alias', { tag: ['@signup'] }, async ({ cli, sandbox, fake, contract }) => {
    const save = await cli.run(signupArgs(cli, ['--save']));
    const saved = await filesHolding(sandbox.root, save, fake.issuedTokens().at(-1));
    await contract.rule('signup.save-noop', () => {
      expect(save).toExitWith(0);
      expect(saved, 'signup --save saves the token as the default does').not.toHaveLength(0);
    });

    const alias = await cli.run([
      'signup', '--agent', '--human-email', 'operator@example.invalid', '--agent-name', 'alias-agent', '--runtime', 'conformance-harness', '--show-token', '--no-save', '--json',
    ]);
    await contract.rule('signup.human-email-alias', () => {
      expect(alias).toExitWith(0);
      const body = alias.requests.find((r) => r.path === '/v1/agent-signups')?.body as Record<string, unknown> | undefined;
      expect(body, 'a signup request reached the service').toBeTruthy();
      expect(body!.agent_contact ?? body!.human_email).toBe('operator@example.invalid');
    });
  });

  test('an example.invalid contact is accepted; a contact that is not email-shaped exits 2', { tag: ['@signup', '@recovery', '@exit-codes'] }, async ({ cli, fake, contract }) => {
    const bad = await cli.run(['signup', '--agent', '--agent-contact', 'not-an-inbox', '--agent-name', 'x', '--runtime', 'y', '--json']);
    await contract.rule('signup.contact-email-shaped', () => {
      errorOf(bad);
      expect(fake.state.agents(), 'no agent may be created for a refused contact').toHaveLength(0);
    });
    await contract.rule('exit.code-2-invalid-arguments', () => expect(bad, 'a contact that is not email-shaped').toExitWith(2));
    const suggested = (bad.json as { error?: { recovery?: { suggested_command?: unknown } } } | null)?.error?.recovery?.suggested_command;
    // skill.md: recovery "may include" suggested_command; nothing says a contact error carries one.
    await contract.observe('the contact error offers error.recovery.suggested_command, and it works when run', async () => {
      expect(typeof suggested, 'error.recovery.suggested_command').toBe('string');
      const fixed = await cli.runPrinted(suggested as string, { placeholders: { AGENT_OR_OPERATOR_INBOX: 'recovered-agent@example.invalid' } });
      expect(fixed, `suggested command failed: ${fixed.shell?.executed}`).toExitWith(0);
    });

    const before = fake.state.agents().length;
    const good = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
    await contract.rule('signup.example-invalid-contact', () => {
      expect(cli.placeholders.AGENT_OR_OPERATOR_INBOX).toMatch(/@[^@]+\.invalid$/);
      expect(good).toExitWith(0);
      dataOf(good);
      expect(fake.state.agents()).toHaveLength(before + 1);
      expect(fake.state.agents().at(-1)!.agent_contact).toMatch(/example\.invalid/);
    });
  });
});

test('a token passed with --token-stdin is the one used, even with another token in the environment', { tag: ['@token'] }, async ({ cli, fake, contract, stated }) => {
  // Not a sentence of the contract: which source wins when both are given is left open, so
  // the precedence is observed. An explicit flag losing to an ambient variable is worth showing.
  const first = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
  cli.placeholders.AGENT_OR_OPERATOR_INBOX = 'second-agent@example.invalid';
  const second = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
  await contract.rule('signup.example-invalid-contact', () => {
    expect(first).toExitWith(0);
    expect(second).toExitWith(0);
  });
  const ambient = await shownToken(contract, stated, first, () => fake.issuedTokens());
  const explicit = await shownToken(contract, stated, second, () => fake.issuedTokens());
  if (!ambient || !explicit) return;
  const tokens = { ambient, explicit };
  const inv = await cli.run(['whoami', '--token-stdin', '--json'], { stdin: `${tokens.explicit}\n`, env: { IMAGE_SKILL_TOKEN: tokens.ambient } });
  await contract.observe('--token-stdin wins over IMAGE_SKILL_TOKEN', () => {
    expect(inv).toExitWith(0);
    expect(inv.requests.find((r) => r.path === '/v1/whoami')?.rawAuthorization).toBe(`Bearer ${tokens.explicit}`);
  });
});
