/**
 * Signup modes: default save (mode 0600, XDG default or IMAGE_SKILL_CONFIG_PATH),
 * --show-token --no-save (token once, nothing written anywhere), the compatibility flags,
 * and contact validation with a recovery command that works when run.
 */
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, exists, fileMode, readJson, signupArgs } from '../fixtures/scenario-helpers.js';
import type { SignupData } from '../fixtures/shapes.js';

/** The one field read back from the saved config file (not schema-checked, so left unknown). */
interface SavedConfig {
  token?: unknown;
}

test.describe('signup modes', () => {
  test('default signup saves the token at the XDG default with mode 0600; later commands use it', { tag: ['@signup', '@config', '@token'] }, async ({ cli, sandbox }) => {
    const inv = await cli.run(signupArgs(cli));
    expect(inv.exitCode).toBe(0);
    expect(dataOf<SignupData>(inv).token, 'no --show-token: the token must not be printed').toBeUndefined();
    const configPath = join(sandbox.configHome, 'image-skill', 'config.json');
    expect(await exists(configPath), `config expected at ${configPath}`).toBe(true);
    expect(await fileMode(configPath)).toBe('0600');
    const saved = (await readJson(configPath)) as SavedConfig;
    expect(saved.token).toMatch(/^isk_r_[0-9a-f]+$/);
    const added = inv.fsChanges.filter((c) => c.kind !== 'removed' && c.mode !== null && c.size !== null);
    expect(added.map((c) => c.path)).toContain(join('home', '.config', 'image-skill', 'config.json'));

    const whoami = await cli.run(['whoami', '--json']);
    expect(whoami.exitCode).toBe(0);
    expect(whoami.requests.find((r) => r.path === '/v1/whoami')?.rawAuthorization).toBe(`Bearer ${saved.token}`);
  });

  test('IMAGE_SKILL_CONFIG_PATH decides where the token is saved', { tag: ['@signup', '@config'] }, async ({ cli, sandbox }) => {
    const custom = join(sandbox.work, 'state', 'image-skill.json');
    const env = { IMAGE_SKILL_CONFIG_PATH: custom };
    const inv = await cli.run(signupArgs(cli), { env });
    expect(inv.exitCode).toBe(0);
    expect(await fileMode(custom)).toBe('0600');
    expect(await exists(join(sandbox.configHome, 'image-skill', 'config.json'))).toBe(false);
    const quota = await cli.run(['usage', 'quota', '--json'], { env });
    expect(quota.exitCode).toBe(0);
  });

  test('--show-token --no-save prints the token once and writes nothing; env and stdin auth work', { tag: ['@signup', '@token', '@config'] }, async ({ cli }) => {
    const inv = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
    expect(inv.exitCode).toBe(0);
    const token = dataOf<SignupData>(inv).token as string;
    expect(token).toMatch(/^isk_r_/);
    expect(inv.fsChanges, 'nothing may be written anywhere in the sandbox').toEqual([]);

    const viaEnv = await cli.run(['whoami', '--json'], { env: { IMAGE_SKILL_TOKEN: token } });
    expect(viaEnv.exitCode).toBe(0);
    expect(viaEnv.requests.find((r) => r.path === '/v1/whoami')?.rawAuthorization).toBe(`Bearer ${token}`);

    const viaStdin = await cli.run(['usage', 'quota', '--token-stdin', '--json'], { stdin: `${token}\n` });
    expect(viaStdin.exitCode).toBe(0);
    expect(viaStdin.requests.find((r) => r.path === '/v1/quota')?.rawAuthorization).toBe(`Bearer ${token}`);
    for (const later of [viaEnv, viaStdin]) expect(later.fsChanges).toEqual([]);
  });

  test('--save is accepted as a no-op and --human-email as an alias', { tag: ['@signup'] }, async ({ cli, sandbox }) => {
    const save = await cli.run(signupArgs(cli, ['--save']));
    expect(save.exitCode).toBe(0);
    expect(await exists(join(sandbox.configHome, 'image-skill', 'config.json'))).toBe(true);

    const alias = await cli.run([
      'signup', '--agent', '--human-email', 'operator@example.invalid', '--agent-name', 'alias-agent', '--runtime', 'conformance-harness', '--show-token', '--no-save', '--json',
    ]);
    expect(alias.exitCode).toBe(0);
    const body = alias.requests.find((r) => r.path === '/v1/agent-signups')?.body as Record<string, unknown>;
    expect(body.agent_contact ?? body.human_email).toBe('operator@example.invalid');
  });

  test('an example.invalid contact is accepted; a contact that is not email-shaped exits 2 with a working recovery', { tag: ['@signup', '@recovery', '@exit-codes'] }, async ({ cli, fake }) => {
    const bad = await cli.run(['signup', '--agent', '--agent-contact', 'not-an-inbox', '--agent-name', 'x', '--runtime', 'y', '--json']);
    expect(bad.exitCode).toBe(2);
    const error = errorOf(bad);
    const suggested = error.recovery?.suggested_command;
    expect(typeof suggested, 'error.recovery.suggested_command must be present').toBe('string');
    expect(fake.state.agents()).toHaveLength(0);

    const fixed = await cli.runPrinted(suggested as string);
    expect(fixed.exitCode, `suggested command failed: ${fixed.shell?.executed}`).toBe(0);
    expect(fake.state.agents()).toHaveLength(1);
    expect(fake.state.agents()[0].agent_contact).toMatch(/example\.invalid/);
  });
});

test('a token passed with --token-stdin is the one used, even with another token in the environment', { tag: ['@token'] }, async ({ cli }) => {
  // Not a sentence of the contract, but an explicit flag that names where the secret comes
  // from must not lose to an ambient variable: that is how a runtime keeps two identities apart.
  const first = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
  const ambient = dataOf<SignupData>(first).token as string;
  cli.placeholders.AGENT_OR_OPERATOR_INBOX = 'second-agent@example.invalid';
  const second = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
  const explicit = dataOf<SignupData>(second).token as string;
  const inv = await cli.run(['whoami', '--token-stdin', '--json'], { stdin: `${explicit}\n`, env: { IMAGE_SKILL_TOKEN: ambient } });
  expect(inv.exitCode).toBe(0);
  expect(inv.requests.find((r) => r.path === '/v1/whoami')?.rawAuthorization).toBe(`Bearer ${explicit}`);
});
