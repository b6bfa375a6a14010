/**
 * Recovery fields the CLI hands to agents must work when run literally: quote idempotency
 * conflicts, create/edit retries after a 502 that already reserved credits (the service's
 * own JSON error, and a 502 without a JSON envelope, where only the CLI can add recovery);
 * and the credits commands' own argument rules (buy sends a key, status takes one reference:
 * exactly one until 0.1.25, at most one from 0.1.40, where none shows the balance; the CLI may
 * refuse itself or relay the service's refusal).
 */
import { test, expect } from '../fixtures/test.js';
import { needed } from '../fixtures/needed.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataOf, errorOf, printedFlagValue, signedIn } from '../fixtures/scenario-helpers.js';
import type { Cli } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import type { FakeService } from '../harness/fake/types.js';
import { makePng } from '../harness/fake/png.js';
import { scanShellLine } from '../harness/runner/shell-scan.js';
import type { CreateData, QuoteData, UploadData } from '../fixtures/shapes.js';
import { ruleInForce } from './rules-in-force.js';

test('a quote idempotency conflict suggests a command that works', { tag: ['@recovery', '@credits'] }, async ({ cli, contract }) => {
  cli = await signedIn(cli);
  const key = 'quote-run-conflict-1';
  const first = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json']);
  const q1 = dataOf<QuoteData>(first);
  const again = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json']);
  await contract.rule('media.quote.idempotent', () => expect(dataOf<QuoteData>(again).quote_id, 'same key and terms give the same quote').toBe(q1.quote_id));

  const conflict = await cli.run(['credits', 'quote', '--credits', '137', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json']);
  const suggested = needed(await contract.rule('media.quote.conflict-recovery', () => {
    expect(conflict).not.toExitWith(0);
    const command = errorOf(conflict).recovery?.suggested_command;
    expect(typeof command, 'error.recovery.suggested_command').toBe('string');
    const words = scanShellLine(command as string).flatMap((t) => (t.kind === 'word' ? [t.segments.map((x) => x.text).join('')] : []));
    expect(words.filter((w) => w === key || w.endsWith(`=${key}`)), `a fresh key, not the one reused, in ${command}`).toEqual([]);
    return command as string;
  }), 'the quote conflict gave no recovery command');
  await contract.observe('the suggested command carries its fresh key as --idempotency-key', () => expect(printedFlagValue(suggested, '--idempotency-key')).toBeTruthy());
  await contract.observe('the conflict error code is CREDIT_QUOTE_CONFLICT', () => expect(errorOf(conflict).code).toBe('CREDIT_QUOTE_CONFLICT'));

  const fixed = await cli.runPrinted(suggested);
  await contract.rule('media.quote.conflict-recovery', () => {
    expect(fixed, `exit of ${suggested}`).toExitWith(0);
    const q2 = dataOf<QuoteData>(fixed);
    expect(q2.quote_id).not.toBe(q1.quote_id);
    expect(q2.credits, 'the suggested command quotes the attempted terms').toBe(137);
  });
});

test('credits buy never sends a purchase without an idempotency key', { tag: ['@credits', '@exit-codes'] }, async ({ cli, fake, contract }) => {
  cli = await signedIn(cli);
  const quote = dataOf<QuoteData>(await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', 'q-buy-1', '--json']));
  const buy = await cli.run(['credits', 'buy', '--provider', 'stripe', '--quote-id', quote.quote_id, '--json']);
  const purchases = fake.journal.entries().filter((e) => e.path.startsWith('/v1/credit-purchases') && e.method === 'POST');
  await contract.rule('media.buy.sends-key', () => {
    for (const p of purchases) expect((p.body as { idempotency_key?: unknown } | null)?.idempotency_key, `idempotency_key of POST ${p.path}`).toBeTruthy();
  });
  const attempts = fake.journal.entries().filter((e) => (e.created.payment_attempt ?? 0) > 0);
  await contract.rule('media.buy.requires-explicit-key', () => {
    expect(buy).not.toExitWith(0);
    errorOf(buy);
    expect(attempts.map((e) => `${e.method} ${e.path}`), 'requests that created a payment attempt').toEqual([]);
  });
  await contract.rule('exit.code-2-invalid-arguments', () => expect(buy).toExitWith(2));
  await contract.observe('credits buy without --idempotency-key exits 2 before any request', () => expect(purchases).toEqual([]));
});

/** How many reference flags credits status takes: exactly one (0.1.25), at most one (0.1.40 on). */
const STATUS_REFERENCE_RULES = ['media.status.one-reference', 'media.status.at-most-one-reference'] as const;

test('credits status takes one reference flag, not two', { tag: ['@credits', '@exit-codes'] }, async ({ cli, contract, stated }) => {
  cli = await signedIn(cli);
  const quote = dataOf<QuoteData>(await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', 'q-status-1', '--json']));
  const none = await cli.run(['credits', 'status', '--json']);
  const two = await cli.run(['credits', 'status', '--quote-id', quote.quote_id, '--receipt-id', 'rcpt_x', '--json']);
  await ruleInForce(contract, stated, STATUS_REFERENCE_RULES, () => errorOf(two));
  await contract.rule('exit.code-2-invalid-arguments', () => expect(two, 'two reference flags').toExitWith(2));
  if (stated.ids.has('media.status.one-reference')) {
    await contract.rule('media.status.one-reference', () => errorOf(none));
    await contract.rule('exit.code-2-invalid-arguments', () => expect(none, 'no reference flag').toExitWith(2));
  }
  // From 0.1.40 none shows the balance; the fake still refuses a status request without a reference, so that is not checked here.
  await contract.observe('credits status refuses two reference flags before any request', () =>
    expect(two).not.toHaveRequested('*', '/v1/credit-purchases/status'),
  );
  const one = await cli.run(['credits', 'status', '--quote-id', quote.quote_id, '--json']);
  await ruleInForce(contract, stated, STATUS_REFERENCE_RULES, () => expect(one, 'one reference flag').toExitWith(0));
});

type Operation = 'create' | 'edit';

/** Upload a PNG for edit; the args of the create/edit that will fail once. */
async function creativeArgs(cli: Cli, sandbox: { work: string }, op: Operation, key: string): Promise<{ args: string[]; input: string | null }> {
  if (op === 'create') return { args: ['create', '--prompt', 'a lighthouse at dusk', '--idempotency-key', key, '--json'], input: null };
  const source = join(sandbox.work, 'input.png');
  await writeFile(source, makePng('0f0f0f', 320, 320));
  const uploaded = dataOf<UploadData>(await cli.run(['upload', source, '--json']));
  const input = uploaded.asset.asset_id;
  return { args: ['edit', '--input', input, '--prompt', 'warmer light', '--accept-unknown-cost', '--idempotency-key', key, '--json'], input };
}

/** Fail the first create/edit after its reservation, run the printed recovery, and check the reservation is reused. */
async function retryAfter502(cli: Cli, fake: FakeService, contract: ContractChecks, sandbox: { work: string }, op: Operation, envelope: boolean) {
  cli = await signedIn(cli);
  const key = `${op}-run-502-1`;
  const { args, input } = await creativeArgs(cli, sandbox, op, key);
  const rule = op === 'create' ? 'media.create.retry-recovery' : 'media.edit.retry-recovery';
  fake.override({
    name: `${op}-502-after-reserve`,
    method: 'POST',
    path: `/v1/${op}`,
    afterHandler: true,
    times: 1,
    status: 502,
    // The service's own error (with the recovery the contract describes), or a proxy page the CLI must make sense of.
    ...(envelope ? { error: { code: 'PROVIDER_FAILURE', message: 'provider failed after the reservation', retryable: true } } : { malformed: 'html' as const }),
  });
  const failed = await cli.run(args);
  expect(fake.state.reservations().filter((r) => r.idempotency_key === key), 'the failed request reserved once (fake)').toHaveLength(1);
  const error = needed(await contract.rule(rule, () => errorOf(failed)), `${args.join(' ')} gave no error envelope`);
  if (envelope) await contract.rule('exit.code-7-provider', () => expect(failed).toExitWith(7));
  else await contract.observe('a 502 without a JSON envelope exits 7', () => expect(failed).toExitWith(7));
  if (!envelope && error.retryable !== true) {
    await contract.observe('the CLI reports a 502 without a JSON envelope as retryable', () => expect(error.retryable).toBe(true));
    return;
  }
  const suggested = needed(await contract.rule(rule, () => {
    const recovery = error.recovery ?? {};
    expect(typeof recovery.idempotency_key, 'error.recovery.idempotency_key').toBe('string');
    expect(typeof recovery.suggested_command, 'error.recovery.suggested_command').toBe('string');
    expect(recovery.suggested_command as string, 'the suggested command re-runs with that key').toContain(recovery.idempotency_key as string);
    if (input) expect(recovery.suggested_command as string, 'the suggested edit names the same input').toContain(input);
    return recovery.suggested_command as string;
  }), `${args.join(' ')} gave no retry recovery`);

  const reservedBefore = fake.state.reservations().length;
  const retry = await cli.runPrinted(suggested);
  await contract.rule(rule, () => {
    expect(retry, `exit of ${suggested}`).toExitWith(0);
    expect(dataOf<CreateData>(retry).job_id).toBeTruthy();
    expect(fake.state.reservations(), 'the retry must reuse the first reservation').toHaveLength(reservedBefore);
    expect(fake.state.reservations().filter((r) => r.idempotency_key === key)).toHaveLength(1);
  });
}

for (const op of ['create', 'edit'] as const) {
  const a = op === 'edit' ? 'an' : 'a';
  test(`${a} ${op} retry after a 502 that reserved credits reserves exactly once`, { tag: ['@recovery', '@create'] }, async ({ cli, fake, contract, sandbox }) => {
    await retryAfter502(cli, fake, contract, sandbox, op, true);
  });
  test(`${a} ${op} retry after a 502 without a JSON envelope reserves exactly once`, { tag: ['@recovery', '@create'] }, async ({ cli, fake, contract, sandbox }) => {
    await retryAfter502(cli, fake, contract, sandbox, op, false);
  });
}
