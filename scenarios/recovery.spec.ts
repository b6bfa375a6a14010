/**
 * Recovery fields the CLI hands to agents must work when run literally: quote idempotency
 * conflicts, create retries after a 502 that already reserved credits; and the credits
 * commands' own argument rules (buy needs a key, status needs exactly one reference).
 */
import { test, expect } from '../fixtures/test.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataOf, errorEnvelope, errorOf, signupSaved } from '../fixtures/scenario-helpers.js';
import { makePng } from '../harness/fake/png.js';
import type { CreateData, QuoteData, UploadData } from '../fixtures/shapes.js';

test('a quote idempotency conflict suggests a command that works', { tag: ['@recovery', '@credits'] }, async ({ cli }) => {
  await signupSaved(cli);
  const key = 'quote-run-conflict-1';
  const first = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json']);
  const q1 = dataOf<QuoteData>(first);
  const again = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json']);
  expect(dataOf<QuoteData>(again).quote_id, 'same key and terms give the same quote').toBe(q1.quote_id);

  const conflict = await cli.run(['credits', 'quote', '--credits', '137', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json']);
  expect(conflict.exitCode).not.toBe(0);
  const error = errorOf(conflict);
  expect(error.code).toBe('CREDIT_QUOTE_CONFLICT');
  const suggested = error.recovery?.suggested_command as string;
  const freshKey = /--idempotency-key[= ]'?([^\s']+)/.exec(suggested)?.[1];
  expect(freshKey, `a fresh key in ${suggested}`).toBeTruthy();
  expect(freshKey).not.toBe(key);

  const fixed = await cli.runPrinted(suggested);
  expect(fixed.exitCode).toBe(0);
  const q2 = dataOf<QuoteData>(fixed);
  expect(q2.quote_id).not.toBe(q1.quote_id);
  expect(q2.credits).toBe(137);
});

test('credits buy without --idempotency-key is rejected before any request', { tag: ['@credits', '@exit-codes'] }, async ({ cli, fake }) => {
  await signupSaved(cli);
  const quote = dataOf<QuoteData>(await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', 'q-buy-1', '--json']));
  const buy = await cli.run(['credits', 'buy', '--provider', 'stripe', '--quote-id', quote.quote_id, '--json']);
  expect(buy.exitCode).toBe(2);
  errorOf(buy);
  expect(fake.journal.entries().filter((e) => e.path.startsWith('/v1/credit-purchases'))).toEqual([]);
});

test('credits status needs exactly one reference flag', { tag: ['@credits', '@exit-codes'] }, async ({ cli, fake }) => {
  await signupSaved(cli);
  const quote = dataOf<QuoteData>(await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', 'q-status-1', '--json']));
  const none = await cli.run(['credits', 'status', '--json']);
  expect(none.exitCode).toBe(2);
  const two = await cli.run(['credits', 'status', '--quote-id', quote.quote_id, '--receipt-id', 'rcpt_x', '--json']);
  expect(two.exitCode).toBe(2);
  expect(fake.journal.entries().filter((e) => e.path === '/v1/credit-purchases/status')).toEqual([]);
  const one = await cli.run(['credits', 'status', '--quote-id', quote.quote_id, '--json']);
  expect(one.exitCode).toBe(0);
});

test('a create retry after a 502 that reserved credits reserves exactly once', { tag: ['@recovery', '@create'] }, async ({ cli, fake }) => {
  await signupSaved(cli);
  fake.override({
    name: '502-after-reserve',
    method: 'POST',
    path: '/v1/create',
    afterHandler: true,
    times: 1,
    status: 502,
    body: errorEnvelope('create', 'PROVIDER_FAILURE', 'provider failed after the reservation', true),
  });
  const failed = await cli.run(['create', '--prompt', 'a lighthouse at dusk', '--json']);
  expect(failed.exitCode).toBe(7);
  const error = errorOf(failed);
  const key = error.recovery?.idempotency_key as string;
  const suggested = error.recovery?.suggested_command as string;
  expect(key).toBeTruthy();
  expect(suggested).toContain(key);
  expect(fake.state.reservations()).toHaveLength(1);

  const retry = await cli.runPrinted(suggested);
  expect(retry.exitCode).toBe(0);
  expect(dataOf<CreateData>(retry).job_id).toMatch(/^job_/);
  const reservations = fake.state.reservations();
  expect(reservations, 'the retry must reuse the first reservation').toHaveLength(1);
  expect(reservations[0].idempotency_key).toBe(key);
});

test('an edit retry after a 502 that reserved credits reserves exactly once', { tag: ['@recovery', '@create'] }, async ({ cli, fake, sandbox }) => {
  await signupSaved(cli);
  const source = join(sandbox.work, 'input.png');
  await writeFile(source, makePng('0f0f0f', 320, 320));
  const uploaded = dataOf<UploadData>(await cli.run(['upload', source, '--json']));
  fake.override({
    name: 'edit-502-after-reserve',
    method: 'POST',
    path: '/v1/edit',
    afterHandler: true,
    times: 1,
    status: 502,
    body: errorEnvelope('edit', 'PROVIDER_FAILURE', 'provider failed after the reservation', true),
  });
  const failed = await cli.run(['edit', '--input', uploaded.asset.asset_id, '--prompt', 'warmer light', '--accept-unknown-cost', '--json']);
  expect(failed.exitCode).toBe(7);
  const error = errorOf(failed);
  const key = error.recovery?.idempotency_key as string;
  const suggested = error.recovery?.suggested_command as string;
  expect(key, 'a retryable edit error carries recovery.idempotency_key').toBeTruthy();
  expect(suggested).toContain(key);
  expect(suggested).toContain(uploaded.asset.asset_id);

  const retry = await cli.runPrinted(suggested);
  expect(retry.exitCode).toBe(0);
  const reservations = fake.state.reservations().filter((r) => r.idempotency_key === key);
  expect(reservations, 'the edit retry must reuse the first reservation').toHaveLength(1);
});
