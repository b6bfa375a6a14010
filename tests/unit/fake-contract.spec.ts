/**
 * The fake's own answers, checked against the same contract schemas the CLI output is
 * checked against, route by route, so the fake cannot drift from the contract.
 * Each route is validated as the data of the CLI command that prints it.
 */
import { test, expect } from '@playwright/test';
import { startFakeService } from '../../harness/fake/index.js';
import { callFake, dataOf, signupAgent } from '../../harness/fake/client.js';
import type { FakeCall } from '../../harness/fake/client.js';
import { startStripeBackend } from '../../harness/stripe/index.js';
import { startChain } from '../../harness/chain/index.js';
import { loadSchemaSet } from '../../harness/checks/schema-registry.js';
import { validateInvocationJson, formatSchemaFailure } from '../../harness/checks/schema-validate.js';
import { makePng } from '../../harness/fake/png.js';
import { createHash } from 'node:crypto';

const set = loadSchemaSet('0.1.25');

function expectShape(args: string[], call: FakeCall) {
  const result = validateInvocationJson(set, args, call.body);
  expect(result.schemaId, `a schema applies to ${args.join(' ')}`).toBeTruthy();
  expect(result.ok, formatSchemaFailure(args.join(' '), result, call.body)).toBe(true);
}

test('every route the CLI reads answers in the documented shape', async () => {
  test.setTimeout(60_000);
  const stripe = await startStripeBackend({ mode: 'embedded' });
  const chain = await startChain({ forkUrl: null });
  const fake = await startFakeService({ stripe, chain });
  try {
    const url = fake.url;
    const { token } = await signupAgent(url, 'contract-check@example.invalid');
    const get = (path: string) => callFake(url, 'GET', path, { token });
    const post = (path: string, body: unknown) => callFake(url, 'POST', path, { token, body });

    expectShape(['credits', 'methods'], await callFake(url, 'GET', '/v1/payment-methods'));
    expectShape(['credits', 'packs', 'list'], await callFake(url, 'GET', '/v1/credit-packs'));
    expectShape(['whoami'], await get('/v1/whoami'));
    expectShape(['usage', 'quota'], await get('/v1/quota'));
    const models = await get('/v1/models');
    expectShape(['models', 'list'], models);
    const modelId = String((dataOf(models).models as Array<{ id: string }>)[0].id);
    expectShape(['models', 'show', modelId], await get(`/v1/models/${modelId}`));
    const caps = await get('/v1/capabilities');
    expectShape(['capabilities'], caps);
    const capId = String((dataOf(caps).capabilities as Array<{ id: string }>)[0].id);
    expectShape(['capabilities', 'show', capId], await get(`/v1/capabilities/${capId}`));

    const created = await post('/v1/create', { prompt: 'a lighthouse', idempotency_key: 'contract-create-1' });
    expectShape(['create', '--prompt', 'a lighthouse'], created);
    const c = dataOf(created) as { job_id: string; assets: Array<{ asset_id: string }> };
    expectShape(['create', '--dry-run', '--prompt', 'a lighthouse'], await post('/v1/create', { prompt: 'a lighthouse', dry_run: true }));
    expectShape(['jobs', 'show', c.job_id], await get(`/v1/jobs/${c.job_id}`));
    expectShape(['assets', 'show', c.assets[0].asset_id], await get(`/v1/assets/${c.assets[0].asset_id}`));
    expectShape(['activity', 'list'], await get('/v1/activity?limit=20'));
    expectShape(['activity', 'show', c.job_id], await get(`/v1/activity/${c.job_id}`));

    const png = makePng('c0ffee', 320, 320);
    const uploaded = await post('/v1/upload', {
      source_kind: 'local_path', filename: 'in.png', remote_origin: null, mime_type: 'image/png',
      content_length: png.length, sha256: createHash('sha256').update(png).digest('hex'), bytes_base64: Buffer.from(png).toString('base64'),
    });
    expectShape(['upload', 'in.png'], uploaded);
    const inputId = String((dataOf(uploaded).asset as { asset_id: string }).asset_id);
    expectShape(['edit', '--input', inputId, '--prompt', 'x'], await post('/v1/edit', { input_asset_id: inputId, prompt: 'warmer', accept_unknown_cost: true, idempotency_key: 'contract-edit-1' }));
    expectShape(['feedback', 'create'], await post('/v1/feedback', { type: 'user_feedback', title: 't', body: 'b' }));

    const checkoutQuote = await post('/v1/credit-quotes', { pack_id: 'starter-500', payment_method: 'stripe_checkout', idempotency_key: 'contract-q-1' });
    expectShape(['credits', 'quote'], checkoutQuote);
    const buy = await post('/v1/credit-purchases/stripe-checkout-sessions', { quote_id: dataOf(checkoutQuote).quote_id, idempotency_key: 'contract-b-1' });
    expectShape(['credits', 'buy', '--provider', 'stripe'], buy);
    const attempt = String(dataOf(buy).payment_attempt_id);
    expectShape(['credits', 'status', '--payment-attempt-id', attempt], await get(`/v1/credit-purchases/status?payment_attempt_id=${attempt}`));
    const done = await callFake(url, 'POST', `/__admin/stripe/checkout-sessions/${String(dataOf(buy).checkout_session_id)}/complete`);
    expect(done.status).toBeLessThan(300);
    const succeeded = await get(`/v1/credit-purchases/status?payment_attempt_id=${attempt}`);
    expect(dataOf(succeeded).state).toBe('succeeded');
    expectShape(['credits', 'status', '--payment-attempt-id', attempt], succeeded);

    const x402Quote = await post('/v1/credit-quotes', { pack_id: 'starter-500', payment_method: 'stripe_x402.exact.usdc', idempotency_key: 'contract-q-2' });
    expectShape(['credits', 'quote'], x402Quote);
    expectShape(['credits', 'buy', '--provider', 'stripe_x402'], await post('/v1/credit-purchases/stripe-x402-deposits', { quote_id: dataOf(x402Quote).quote_id, idempotency_key: 'contract-b-2' }));

    expectShape(['whoami'], await callFake(url, 'GET', '/v1/whoami'));
    expectShape(['jobs', 'show', 'job_missing'], await get('/v1/jobs/job_missing'));
  } finally {
    await fake.close();
    await chain.stop();
    await stripe.stop();
  }
});
