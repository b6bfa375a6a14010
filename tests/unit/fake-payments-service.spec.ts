import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { startStripeBackend } from '../../harness/stripe/index.js';
import type { StripeBackend } from '../../harness/stripe/types.js';

// The payment area inside the real fake core: signup, quote, Checkout, webhook, quota.
let stripe: StripeBackend;
let fake: RunningFake;
test.beforeEach(async () => {
  stripe = await startStripeBackend({ mode: 'embedded' });
  fake = await startFakeService({ stripe });
});
test.afterEach(async () => {
  await fake?.close();
  await stripe?.stop();
});

type Json = Record<string, unknown>;

async function call(method: string, path: string, opts: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fake.url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body), redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as Json) : null };
}

test('Checkout purchase end to end in the fake: paid credits land once and show in quota and state', async () => {
  const signup = await call('POST', '/v1/agent-signups', {
    body: { agent_contact: 'agent@example.invalid', agent_name: 'payer', runtime: 'unit', return_token: true },
  });
  expect(signup.status).toBe(200);
  const { token, agent_id: agentId } = signup.json?.data as { token: string; agent_id: string };
  const before = (await call('GET', '/v1/quota', { token })).json?.data as { limits: Json };

  const quote = (await call('POST', '/v1/credit-quotes', { token, body: { pack_id: 'starter-500', idempotency_key: 'q1' } })).json as Json;
  expect(quote.ok).toBe(true);
  expect((quote.actor as Json).actor_id).toBe(agentId);
  const quoteId = (quote.data as Json).quote_id;
  const buy = (await call('POST', '/v1/credit-purchases/stripe-checkout-sessions', { token, body: { quote_id: quoteId, idempotency_key: 'b1' } }))
    .json?.data as Json;
  expect(buy.checkout_handoff_url).toBe(`${fake.url}/pay/${String(buy.payment_attempt_id)}`);
  const redirect = await call('GET', `/pay/${String(buy.payment_attempt_id)}`);
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get('location')).toBe(buy.checkout_url);

  for (let i = 0; i < 2; i++) {
    const done = await call('POST', `/__admin/stripe/checkout-sessions/${String(buy.payment_attempt_id)}/complete`);
    expect(done.json?.delivery_status).toBe(200);
  }
  const after = (await call('GET', '/v1/quota', { token })).json?.data as { limits: Json };
  expect(Number(after.limits.payment_backed_remaining_credits) - Number(before.limits.payment_backed_remaining_credits)).toBe(500);
  expect(fake.state.receipts()).toHaveLength(1);
  expect(fake.state.paymentAttempt(String(buy.payment_attempt_id))).toMatchObject({ status: 'succeeded' });
  expect(fake.state.webhookEvents().map((e) => e.outcome)).toEqual(['granted', 'already_fulfilled']);
  const types = fake.state.activity(agentId).map((e) => e.type);
  expect(types).toContain('payment.checkout_session.created');
  expect(types.filter((t) => t === 'credits.payment_backed_granted')).toHaveLength(1);

  const journal = fake.journal.entries().filter((e) => e.path === '/v1/webhooks/stripe');
  expect(journal.map((e) => e.status)).toEqual([200, 200]);
});

test('the journal says what a payment request created: a quote, then nothing for the same key again', async () => {
  const signup = await call('POST', '/v1/agent-signups', { body: { agent_contact: 'agent-inbox@example.invalid', agent_name: 'a', runtime: 'r', return_token: true } });
  const token = String((signup.json?.data as Json).token);
  const quote = { credits: 10, idempotency_key: 'quote-journal-001', payment_method: 'stripe_checkout' };
  expect((await call('POST', '/v1/credit-quotes', { token, body: quote })).status).toBe(200);
  expect((await call('POST', '/v1/credit-quotes', { token, body: quote })).status).toBe(200);
  const quotes = fake.journal.entries().filter((e) => e.path === '/v1/credit-quotes').map((e) => e.created);
  expect(quotes).toEqual([{ quote: 1 }, {}]);
});
