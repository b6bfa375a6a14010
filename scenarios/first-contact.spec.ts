/**
 * The first contact of an agent with the service: signup, whoami, usage quota, credits
 * methods and packs list. Every output is schema-checked by the fixture; here we assert on
 * the journal: which requests each command made, and which carried a token.
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf, signupSaved } from '../fixtures/scenario-helpers.js';
import type { MethodsData, PacksData, QuotaData, WhoamiData } from '../fixtures/shapes.js';

test('signup, whoami, usage quota, credits methods and packs list', { tag: ['@signup', '@credits', '@envelope', '@network', '@token'] }, async ({ cli }) => {
  const signup = await signupSaved(cli);
  expect(signup.claim_state).toBe('unclaimed');

  const whoami = await cli.run(['whoami', '--json']);
  expect(whoami.exitCode).toBe(0);
  expect(dataOf<WhoamiData>(whoami).claim_state).toBe('unclaimed');
  expect(whoami.requests.filter((r) => !r.telemetry).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/whoami']);
  expect(whoami.requests.find((r) => r.path === '/v1/whoami')?.rawAuthorization).toMatch(/^Bearer isk_r_/);

  const quota = await cli.run(['usage', 'quota', '--json']);
  expect(quota.exitCode).toBe(0);
  const q = dataOf<QuotaData>(quota);
  expect(q.authenticated).toBe(true);
  expect(typeof q.limits.remaining_credits).toBe('number');

  const alias = await cli.run(['quota', '--json']);
  expect(alias.exitCode).toBe(0);
  expect(dataOf<QuotaData>(alias).limits.remaining_credits).toBe(q.limits.remaining_credits);

  const methods = await cli.run(['credits', 'methods', '--json']);
  expect(methods.exitCode).toBe(0);
  const ids = dataOf<MethodsData>(methods).methods.map((m: { method_id: string }) => m.method_id);
  expect(ids).toContain('stripe_checkout');
  const methodCalls = methods.requests.filter((r) => !r.telemetry);
  expect(methodCalls.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/payment-methods']);
  expect(methodCalls.every((r) => r.rawAuthorization === null), 'credits methods must not send a token').toBe(true);

  const packs = await cli.run(['credits', 'packs', 'list', '--json']);
  expect(packs.exitCode).toBe(0);
  expect(dataOf<PacksData>(packs).packs.map((p: { pack_id: string }) => p.pack_id)).toContain('starter-500');
  expect(packs.requests.filter((r) => !r.telemetry).every((r) => r.rawAuthorization === null)).toBe(true);
});

test('discovery commands work before any signup and need no token', { tag: ['@credits', '@network'] }, async ({ cli, fake }) => {
  for (const args of [['credits', 'methods', '--json'], ['credits', 'packs', 'list', '--json'], ['models', 'list', '--json']]) {
    const inv = await cli.run(args);
    expect(inv.exitCode, args.join(' ')).toBe(0);
  }
  expect(fake.journal.entries().filter((e) => e.rawAuthorization !== null)).toEqual([]);
});

test('a command needing auth without any token exits 3 before or at the service', { tag: ['@exit-codes', '@token'] }, async ({ cli }) => {
  const inv = await cli.run(['whoami', '--json']);
  expect(inv.exitCode).toBe(3);
  expect((inv.json as { ok: boolean }).ok).toBe(false);
});
