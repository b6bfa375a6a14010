/**
 * The first contact of an agent with the service: signup, whoami, usage quota, credits
 * methods and packs list. Every output is schema-checked by the fixture; here we assert on
 * the journal: which requests each command made, and which carried a token.
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf, signupArgs } from '../fixtures/scenario-helpers.js';
import type { QuotaData } from '../fixtures/shapes.js';
import { ruleInForce, shownToken } from './rules-in-force.js';

/** The claim state a command reports, in data or in the envelope's actor. */
function claimState(json: unknown): unknown {
  const env = json as { data?: { claim_state?: unknown } | null; actor?: { claim_state?: unknown } | null };
  return env.data?.claim_state ?? env.actor?.claim_state;
}

test('signup, whoami, usage quota, credits methods and packs list', { tag: ['@signup', '@credits', '@envelope', '@network', '@token'] }, async ({ cli, fake, contract, stated }) => {
  // Token through IMAGE_SKILL_TOKEN (accepted by every version's documents; saving to config
  // is covered by signup-modes.spec.ts).
  const signup = await cli.run(signupArgs(cli, ['--show-token', '--no-save']));
  // The harness's contact is an example.invalid inbox: a refused signup breaks that rule, not the token one.
  await contract.rule('signup.example-invalid-contact', () => expect(signup).toExitWith(0));
  const token = await shownToken(contract, stated, signup, () => fake.issuedTokens());
  const env = { IMAGE_SKILL_TOKEN: token ?? '' };
  await contract.observe('signup reports claim_state unclaimed', () => expect(claimState(signup.json)).toBe('unclaimed'));

  const whoami = await cli.run(['whoami', '--json'], { env });
  await contract.rule('auth.env-token', () => {
    expect(whoami).toExitWith(0);
    expect(whoami.requests.some((r) => r.rawAuthorization === `Bearer ${token}`), 'whoami sends the token').toBe(true);
  });
  await contract.rule('whoami.claim-state', () => expect(typeof claimState(whoami.json), 'claim_state in data or in the actor').toBe('string'));
  await contract.observe('whoami of a fresh agent reports claim_state unclaimed', () => expect(claimState(whoami.json)).toBe('unclaimed'));
  await contract.observe('whoami makes exactly one request, GET /v1/whoami', () => {
    expect(whoami.requests.filter((r) => !r.telemetry).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/whoami']);
  });

  const quota = await cli.run(['usage', 'quota', '--json'], { env });
  await contract.rule('auth.env-token', () => expect(quota).toExitWith(0));
  const q = quota.json && (quota.json as { ok?: boolean }).ok ? dataOf<QuotaData>(quota) : null;
  await contract.observe('usage quota reports authenticated: true and a numeric limits.remaining_credits', () => {
    expect(q?.authenticated).toBe(true);
    expect(typeof q?.limits?.remaining_credits).toBe('number');
  });

  const alias = await cli.run(['quota', '--json'], { env });
  await contract.rule('quota.alias', () => {
    expect(alias).toExitWith(0);
    const a = dataOf<QuotaData>(alias);
    if (typeof q?.limits?.remaining_credits === 'number') expect(a.limits?.remaining_credits).toBe(q.limits.remaining_credits);
  });

  const methods = await cli.run(['credits', 'methods', '--json'], { env });
  await contract.rule('discovery.payment-methods-no-auth', () => {
    expect(methods).toExitWith(0);
    expect(JSON.stringify(dataOf(methods)), 'the rails the service listed').toContain('stripe_checkout');
  });
  await contract.observe('credits methods makes one request, GET /v1/payment-methods, without a token', () => {
    const calls = methods.requests.filter((r) => !r.telemetry);
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/payment-methods']);
    expect(calls.every((r) => r.rawAuthorization === null), 'credits methods sent a token').toBe(true);
  });

  const packs = await cli.run(['credits', 'packs', 'list', '--json'], { env });
  await contract.rule('discovery.packs-public', () => {
    expect(packs).toExitWith(0);
    expect(JSON.stringify(dataOf(packs)), 'the packs the service listed').toContain('starter-500');
  });
  await contract.observe('credits packs list sends no token', () => {
    expect(packs.requests.filter((r) => !r.telemetry).every((r) => r.rawAuthorization === null)).toBe(true);
  });
});

test('discovery commands work before any signup and need no token', { tag: ['@credits', '@network'] }, async ({ cli, fake, contract, stated }) => {
  const cases: Array<[string[], string[]]> = [
    [['discovery.payment-methods-no-auth'], ['credits', 'methods', '--json']],
    [['discovery.packs-public'], ['credits', 'packs', 'list', '--json']],
    // The model registry of 0.1.25, the compact model menu of 0.1.40 on.
    [['discovery.models-public', 'discovery.models-menu-public'], ['models', 'list', '--json']],
  ];
  for (const [rules, args] of cases) {
    const inv = await cli.run(args);
    await ruleInForce(contract, stated, rules, () => expect(inv.exitCode, args.join(' ')).toBe(0));
  }
  await contract.observe('no discovery request carries an Authorization header', () => {
    expect(fake.journal.entries().filter((e) => e.rawAuthorization !== null)).toEqual([]);
  });
});

test('a command needing auth without any token exits 3 before or at the service', { tag: ['@exit-codes', '@token'] }, async ({ cli, contract }) => {
  const inv = await cli.run(['whoami', '--json']);
  await contract.rule('exit.code-3-auth', () => {
    expect(inv).toExitWith(3);
    expect((inv.json as { ok: boolean }).ok).toBe(false);
  });
});
