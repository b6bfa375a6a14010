import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake, dataOf, signupAgent } from '../../harness/fake/client.js';
import { startStripeBackend } from '../../harness/stripe/index.js';

let fake: RunningFake;
test.afterEach(async () => {
  await fake.close();
});

test('quota-exhausted leaves no credits until paid credits arrive; clearing restores free preview', async () => {
  fake = await startFakeService({ seed: 1 });
  const agent = await signupAgent(fake.url);
  fake.preset('quota-exhausted');
  expect(dataOf(await callFake(fake.url, 'GET', '/v1/quota', { token: agent.token })).limits).toMatchObject({ remaining_credits: 0, free_preview_remaining_credits: 0 });
  const refused = await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'x' } });
  expect(refused.status).toBe(402);
  expect(refused.body).toMatchObject({ error: { code: 'QUOTA_EXCEEDED' } });
  fake.ctx.ledger.grantPaidCredits(agent.agentId, 20);
  expect((await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'x' } })).status).toBe(200);
  expect(fake.state.quotaFor(agent.agentId)).toEqual({ remaining_credits: 8, payment_backed_remaining_credits: 8 });
  fake.clearOverrides();
  expect(fake.state.quotaFor(agent.agentId).remaining_credits).toBe(48);
});

test('no-executable-model leaves no runnable create row', async () => {
  fake = await startFakeService({ seed: 2 });
  const agent = await signupAgent(fake.url);
  fake.preset('no-executable-model');
  const list = dataOf(await callFake(fake.url, 'GET', '/v1/models?available=true&operation=image.generate'));
  expect(list.models).toEqual([]);
  expect(list.summary).toMatchObject({ execution_availability: { 'image.generate': { status: 'no_runnable_model' } } });
  const refused = await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'x' } });
  expect(refused.status).toBe(403);
  expect(refused.headers.get('x-image-skill-exit-code')).toBe('4');
  fake.clearOverrides();
  expect((dataOf(await callFake(fake.url, 'GET', '/v1/models?available=true&operation=image.generate')).models as unknown[]).length).toBe(2);
});

test('service-down answers 503 everywhere except the admin API', async () => {
  fake = await startFakeService({ seed: 3 });
  fake.preset('service-down');
  for (const path of ['/healthz', '/v1/models', '/v1/payment-methods', '/skill.md']) {
    const call = await callFake(fake.url, 'GET', path);
    expect(call.status).toBe(503);
    expect(call.body).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
  }
  expect((await callFake(fake.url, 'GET', '/__admin/state')).status).toBe(200);
  expect((await callFake(fake.url, 'POST', '/__admin/reset')).status).toBe(200);
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(200);
});

test('x402-unavailable flips the payment area switch', async () => {
  const stripe = await startStripeBackend({ mode: 'embedded' });
  try {
    fake = await startFakeService({ seed: 4, stripe });
    const x402 = async () => {
      const methods = dataOf(await callFake(fake.url, 'GET', '/v1/payment-methods')).methods as Array<Record<string, unknown>>;
      return methods.find((m) => m.method_id === 'stripe_x402.exact.usdc');
    };
    const before = await x402();
    fake.preset('x402-unavailable');
    const after = await x402();
    expect(after).toMatchObject({ available: false, quoteable: false, purchasable: false });
    expect(after?.unavailable_reason).not.toBe(before?.unavailable_reason);
    fake.clearOverrides();
    expect((await x402())?.unavailable_reason).toBe(before?.unavailable_reason);
  } finally {
    await fake.close();
    await stripe.stop();
  }
});
