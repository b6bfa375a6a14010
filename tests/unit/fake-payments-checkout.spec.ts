import { test, expect } from '@playwright/test';
import { startPaymentHarness, type PaymentHarness } from '../../harness/fake/payments/test-support.js';

let h: PaymentHarness;
test.afterEach(async () => h?.close());

type Json = Record<string, unknown>;

async function quote(token: string, body: Json): Promise<Json> {
  const res = await h.call('POST', '/v1/credit-quotes', { token, body });
  expect(res.status).toBe(200);
  return res.json?.data as Json;
}

async function buyCheckout(token: string, quoteId: unknown, key: string) {
  return h.call('POST', '/v1/credit-purchases/stripe-checkout-sessions', { token, body: { quote_id: quoteId, idempotency_key: key } });
}

test('Checkout buy returns the handoff shape with an intact # fragment and is idempotent', async () => {
  h = await startPaymentHarness();
  const { agent, token } = h.ctx.addAgent('a');
  const q = await quote(token, { pack_id: 'starter-500', payment_method: 'stripe_checkout', idempotency_key: 'q1' });
  const res = await buyCheckout(token, q.quote_id, 'stripe-buy-run-001');
  expect(res.status).toBe(200);
  const data = res.json?.data as Json;
  const attemptId = String(data.payment_attempt_id);
  const handoff = `${h.origin}/pay/${attemptId}`;
  expect(data).toMatchObject({
    state: 'action_required', quote_id: q.quote_id, provider: 'stripe', accepted_payment_method: 'stripe_checkout',
    checkout_handoff_url: handoff, checkout_compact_url: handoff, credits: 500, amount_cents: 500, currency: 'USD', live_money: true,
  });
  expect(attemptId).toMatch(/^payatt_/);
  expect(String(data.checkout_session_id)).toMatch(/^cs_/);
  const checkoutUrl = String(data.checkout_url);
  expect(checkoutUrl).toContain(String(data.checkout_session_id));
  expect(checkoutUrl.split('#')[1]?.length ?? 0).toBeGreaterThan(40);
  expect(data.next).toMatchObject({
    human_action: 'open_checkout_url', checkout_handoff_url: handoff, checkout_compact_url: handoff, fallback_checkout_url: checkoutUrl,
  });
  expect(String((data.next as Json).after_payment)).toContain(attemptId);

  // The session exists on the Stripe backend with our metadata.
  const session = await h.ctx.stripe!.client.checkout.sessions.retrieve(String(data.checkout_session_id));
  expect(session.metadata).toMatchObject({ payment_attempt_id: attemptId, quote_id: q.quote_id, agent_id: agent.agent_id });
  expect(session.amount_total).toBe(500);

  expect(h.ctx.activity.map((e) => e.type)).toEqual(['payment.checkout_session.created']);
  expect(h.ctx.activity[0].links).toMatchObject({ quote_id: q.quote_id, payment_attempt_id: attemptId });

  // Same key, sequential and concurrent: always the same attempt.
  const replays = await Promise.all(Array.from({ length: 5 }, () => buyCheckout(token, q.quote_id, 'stripe-buy-run-001')));
  for (const r of replays) expect((r.json?.data as Json).payment_attempt_id).toBe(attemptId);
  expect(h.ctx.activity).toHaveLength(1);
  expect(h.ctx.grants).toEqual([]);

  const redirect = await h.call('GET', `/pay/${attemptId}`);
  expect(redirect.status).toBe(302);
  expect(redirect.headers.get('location')).toBe(checkoutUrl);
  const unknown = await h.call('GET', '/pay/payatt_nope');
  expect(unknown.status).toBe(404);
  expect(unknown.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('concurrent first buys with one key create a single attempt', async () => {
  h = await startPaymentHarness();
  const { token } = h.ctx.addAgent('a');
  const q = await quote(token, { credits: 137, payment_method: 'stripe_checkout', idempotency_key: 'q137' });
  const results = await Promise.all(Array.from({ length: 6 }, () => buyCheckout(token, q.quote_id, 'race-key')));
  const ids = new Set(results.map((r) => (r.json?.data as Json).payment_attempt_id));
  expect(ids.size).toBe(1);
  expect(h.ctx.activity).toHaveLength(1);
});

test('buy validation: key required, matching method, own quote, key reuse on another quote', async () => {
  h = await startPaymentHarness();
  const a = h.ctx.addAgent('a');
  const b = h.ctx.addAgent('b');
  const q = await quote(a.token, { credits: 10, idempotency_key: 'q' });
  const noKey = await h.call('POST', '/v1/credit-purchases/stripe-checkout-sessions', { token: a.token, body: { quote_id: q.quote_id } });
  expect(noKey.status).toBe(400);
  expect(noKey.headers.get('x-image-skill-exit-code')).toBe('2');
  const wrongRail = await h.call('POST', '/v1/credit-purchases/stripe-x402-deposits', { token: a.token, body: { quote_id: q.quote_id, idempotency_key: 'k' } });
  expect(wrongRail.status).toBe(400);
  expect(String((wrongRail.json?.error as Json).recovery && ((wrongRail.json?.error as Json).recovery as Json).suggested_command)).toContain('--provider stripe ');
  const foreign = await buyCheckout(b.token, q.quote_id, 'k');
  expect(foreign.status).toBe(404);
  expect((await buyCheckout(a.token, q.quote_id, 'k1')).status).toBe(200);
  const q2 = await quote(a.token, { credits: 11, idempotency_key: 'q2' });
  const reuse = await buyCheckout(a.token, q2.quote_id, 'k1');
  expect(reuse.status).toBe(409);
  expect(reuse.headers.get('x-image-skill-exit-code')).toBe('1');
});

test('status needs exactly one reference and follows a Checkout purchase to success', async () => {
  h = await startPaymentHarness();
  const { agent, token } = h.ctx.addAgent('a');
  const other = h.ctx.addAgent('b');
  for (const query of ['', '?quote_id=a&payment_attempt_id=b', '?receipt_id=', '?checkout_session_id=x&receipt_id=y']) {
    const res = await h.call('GET', `/v1/credit-purchases/status${query}`, { token });
    expect(res.status, query).toBe(400);
    expect(res.headers.get('x-image-skill-exit-code')).toBe('2');
    expect((res.json?.error as Json).code).toBe('INVALID_ARGUMENT');
  }
  expect((await h.call('GET', '/v1/credit-purchases/status?payment_attempt_id=payatt_nope', { token })).status).toBe(404);

  const q = await quote(token, { pack_id: 'starter-500', idempotency_key: 'q' });
  const created = (await h.call('GET', `/v1/credit-purchases/status?quote_id=${String(q.quote_id)}`, { token })).json?.data as Json;
  expect(created).toMatchObject({ state: 'created', payment_attempt: null, receipt: null, credit_event: null });

  const buy = (await buyCheckout(token, q.quote_id, 'b1')).json?.data as Json;
  const attemptId = String(buy.payment_attempt_id);
  expect((await h.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${attemptId}`, { token: other.token })).status).toBe(404);

  const waiting = (await h.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${attemptId}`, { token })).json?.data as Json;
  expect(waiting).toMatchObject({
    state: 'action_required',
    quote: { quote_id: q.quote_id, credits: 500, price_amount_cents: 500, accepted_payment_method: 'stripe_checkout', pack_id: 'starter-500', x402: null },
    payment_attempt: {
      payment_attempt_id: attemptId, checkout_session_id: buy.checkout_session_id, checkout_url: buy.checkout_url,
      checkout_handoff_url: buy.checkout_handoff_url, checkout_compact_url: buy.checkout_compact_url, attempt_status: 'requires_action',
    },
    receipt: null,
    credit_event: null,
    next: { retry_after_seconds: 10, human_action: 'open_checkout_url', checkout_handoff_url: buy.checkout_handoff_url },
  });
  const bySession = (await h.call('GET', `/v1/credit-purchases/status?checkout_session_id=${String(buy.checkout_session_id)}`, { token })).json?.data as Json;
  expect((bySession.payment_attempt as Json).payment_attempt_id).toBe(attemptId);

  const completion = await h.call('POST', `/__admin/stripe/checkout-sessions/${String(buy.checkout_session_id)}/complete`);
  expect(completion.status).toBe(200);
  expect(completion.json).toMatchObject({ delivery_status: 200, payment_attempt_id: attemptId });
  expect(String(completion.json?.event_id)).toMatch(/^evt_/);

  const done = (await h.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${attemptId}`, { token })).json?.data as Json;
  expect(done).toMatchObject({
    state: 'succeeded',
    payment_attempt: { attempt_status: 'succeeded' },
    receipt: { payment_attempt_id: attemptId, credits: 500, amount_cents: 500 },
    credit_event: { type: 'credits.payment_backed_granted', credits: 500 },
    provider_event: { event_id: completion.json?.event_id, type: 'checkout.session.completed' },
    limits: { payment_backed_remaining_credits: 500 },
  });
  const receiptId = String((done.receipt as Json).receipt_id);
  expect(receiptId).toMatch(/^rcpt_/);
  expect(String((done.credit_event as Json).credit_event_id)).toMatch(/^cevt_/);
  const byReceipt = (await h.call('GET', `/v1/credit-purchases/status?receipt_id=${receiptId}`, { token })).json?.data as Json;
  expect(byReceipt.state).toBe('succeeded');
  expect(h.ctx.balances.get(agent.agent_id)).toBe(500);
  const granted = h.ctx.activity.filter((e) => e.type === 'credits.payment_backed_granted');
  expect(granted).toHaveLength(1);
  expect(granted[0].links).toMatchObject({
    quote_id: q.quote_id, receipt_id: receiptId, credit_event_id: (done.credit_event as Json).credit_event_id,
  });
});

test('an attempt past its expiry reads as expired and suggests a fresh quote', async () => {
  h = await startPaymentHarness();
  const { token } = h.ctx.addAgent('a');
  const q = await quote(token, { credits: 25, idempotency_key: 'q' });
  const buy = (await buyCheckout(token, q.quote_id, 'b')).json?.data as Json;
  h.ctx.clockOffsetMs = 25 * 60 * 60 * 1000;
  const data = (await h.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${String(buy.payment_attempt_id)}`, { token })).json?.data as Json;
  expect(data.state).toBe('expired');
  const next = data.next as { suggested_commands: string[] };
  expect(next.suggested_commands[0]).toMatch(/^image-skill credits quote --credits 25 --payment-method stripe_checkout --idempotency-key \S+ --json$/);
});
