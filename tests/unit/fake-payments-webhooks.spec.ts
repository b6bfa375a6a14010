import { test, expect } from '@playwright/test';
import { buildEvent } from '../../harness/stripe/index.js';
import { startPaymentHarness, type PaymentHarness } from '../../harness/fake/payments/test-support.js';

let h: PaymentHarness;
test.afterEach(async () => h?.close());

type Json = Record<string, unknown>;

/** An agent with a Checkout attempt for 500 credits, not yet paid. */
async function pendingCheckout() {
  const { agent, token } = h.ctx.addAgent('payer');
  const q = (await h.call('POST', '/v1/credit-quotes', { token, body: { pack_id: 'starter-500', idempotency_key: 'q' } })).json?.data as Json;
  const buy = (await h.call('POST', '/v1/credit-purchases/stripe-checkout-sessions', { token, body: { quote_id: q.quote_id, idempotency_key: 'b' } }))
    .json?.data as Json;
  return { agent, token, attemptId: String(buy.payment_attempt_id), sessionId: String(buy.checkout_session_id), quoteId: String(q.quote_id) };
}

function completedEvent(p: { attemptId: string; sessionId: string }, opts: { id?: string; createdSec?: number; amount?: number } = {}) {
  return buildEvent(
    'checkout.session.completed',
    {
      id: p.sessionId, object: 'checkout.session', status: 'complete', payment_status: 'paid',
      amount_total: opts.amount ?? 500, currency: 'usd', metadata: { payment_attempt_id: p.attemptId },
    },
    opts,
  );
}

async function deliver(event: Json, extra: Json = {}) {
  return h.call('POST', '/__admin/stripe/deliver', { body: { event, ...extra } });
}

async function state(token: string, attemptId: string): Promise<Json> {
  return (await h.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${attemptId}`, { token })).json?.data as Json;
}

test('one event replayed 5 times in a row grants once', async () => {
  h = await startPaymentHarness();
  const p = await pendingCheckout();
  const event = completedEvent(p);
  const outcomes: string[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await deliver(event);
    expect(res.json?.status).toBe(200);
    outcomes.push(String(((res.json?.body as Json).data as Json).outcome));
  }
  expect(outcomes[0]).toBe('granted');
  expect(h.ctx.grants).toEqual([{ agentId: p.agent.agent_id, credits: 500 }]);
  expect(h.area.state.receipts()).toHaveLength(1);
  const log = h.area.webhookLog() as { events: Json[]; deliveries: Json[] };
  expect(log.events).toHaveLength(1);
  expect(log.events[0]).toMatchObject({ duplicate_deliveries: 4, outcome: 'granted' });
  expect(log.deliveries.filter((d) => d.outcome === 'duplicate')).toHaveLength(4);
});

test('10 concurrent deliveries (same and distinct events) grant once', async () => {
  h = await startPaymentHarness();
  const p = await pendingCheckout();
  const same = completedEvent(p);
  const distinct = Array.from({ length: 5 }, () => completedEvent(p));
  const intent = buildEvent('payment_intent.succeeded', {
    id: 'pi_x', object: 'payment_intent', amount: 500, amount_received: 500, currency: 'usd', metadata: { payment_attempt_id: p.attemptId },
  });
  const results = await Promise.all([...Array.from({ length: 4 }, () => deliver(same)), ...distinct.map((e) => deliver(e)), deliver(intent)]);
  for (const r of results) expect(r.json?.status).toBe(200);
  expect(h.ctx.grants).toHaveLength(1);
  expect(h.ctx.balances.get(p.agent.agent_id)).toBe(500);
  expect(h.ctx.activity.filter((e) => e.type === 'credits.payment_backed_granted')).toHaveLength(1);
  expect((await state(p.token, p.attemptId)).state).toBe('succeeded');
});

test('forged, stale and unsigned deliveries are rejected with no effect', async () => {
  h = await startPaymentHarness();
  const p = await pendingCheckout();
  const forged = await deliver(completedEvent(p), { signature: 'forged' });
  const stale = await deliver(completedEvent(p), { timestampSec: Math.floor(Date.now() / 1000) - 600 });
  const unsigned = await deliver(completedEvent(p), { signature: 'missing' });
  for (const res of [forged, stale, unsigned]) {
    expect(res.json?.status).toBe(400);
    expect((res.json?.body as Json).ok).toBe(false);
  }
  // A raw POST with a garbage header, straight to the endpoint.
  const raw = await h.call('POST', '/v1/webhooks/stripe', { body: completedEvent(p), headers: { 'stripe-signature': 't=1,v1=abc' } });
  expect(raw.status).toBe(400);
  expect(h.ctx.grants).toEqual([]);
  expect(h.area.state.webhookEvents()).toEqual([]);
  const log = h.area.webhookLog() as { deliveries: Json[] };
  expect(log.deliveries.map((d) => d.outcome)).toEqual(['signature_rejected', 'signature_rejected', 'signature_rejected', 'signature_rejected']);
  expect((await state(p.token, p.attemptId)).state).toBe('action_required');
  // Within tolerance is fine.
  const recent = await deliver(completedEvent(p), { timestampSec: Math.floor(Date.now() / 1000) - 120 });
  expect(recent.json?.status).toBe(200);
  expect(h.ctx.grants).toHaveLength(1);
});

test('unknown event types are acknowledged and ignored', async () => {
  h = await startPaymentHarness();
  await pendingCheckout();
  const res = await deliver(buildEvent('customer.created', { id: 'cus_1', object: 'customer' }));
  expect(res.json?.status).toBe(200);
  expect(((res.json?.body as Json).data as Json).outcome).toBe('ignored_unknown_type');
  expect(h.area.state.webhookEvents()).toEqual([expect.objectContaining({ type: 'customer.created', outcome: 'ignored_unknown_type' })]);
  expect(h.ctx.grants).toEqual([]);
});

test('an older failure arriving after success does not regress the attempt', async () => {
  h = await startPaymentHarness();
  const p = await pendingCheckout();
  const now = Math.floor(Date.now() / 1000);
  await deliver(completedEvent(p, { createdSec: now }));
  const failed = buildEvent('checkout.session.expired', { id: p.sessionId, object: 'checkout.session', metadata: { payment_attempt_id: p.attemptId } }, { createdSec: now - 60 });
  const res = await deliver(failed);
  expect(((res.json?.body as Json).data as Json).outcome).toBe('ignored_after_success');
  expect((await state(p.token, p.attemptId)).state).toBe('succeeded');

  // And without a success: an older expiry cannot undo a newer "processing".
  const q = h.ctx.addAgent('other');
  const quote = (await h.call('POST', '/v1/credit-quotes', { token: q.token, body: { credits: 5, idempotency_key: 'q' } })).json?.data as Json;
  const buy = (await h.call('POST', '/v1/credit-purchases/stripe-checkout-sessions', { token: q.token, body: { quote_id: quote.quote_id, idempotency_key: 'b' } })).json?.data as Json;
  const meta = { payment_attempt_id: buy.payment_attempt_id };
  await deliver(buildEvent('checkout.session.completed', { id: buy.checkout_session_id, object: 'checkout.session', payment_status: 'unpaid', metadata: meta }, { createdSec: now }));
  await deliver(buildEvent('checkout.session.expired', { id: buy.checkout_session_id, object: 'checkout.session', metadata: meta }, { createdSec: now - 30 }));
  expect((await state(q.token, String(buy.payment_attempt_id))).state).toBe('processing');
});

test('a wrong amount goes to review without a grant', async () => {
  h = await startPaymentHarness();
  const p = await pendingCheckout();
  const res = await deliver(completedEvent(p, { amount: 50 }));
  expect(((res.json?.body as Json).data as Json).outcome).toBe('amount_mismatch_requires_review');
  expect(h.ctx.grants).toEqual([]);
  const data = await state(p.token, p.attemptId);
  expect(data.state).toBe('requires_review');
  expect(String((data.payment_attempt as Json).review_reason)).toContain('50');
});

test('refunds and disputes take the credits back once', async () => {
  h = await startPaymentHarness();
  const p = await pendingCheckout();
  await h.call('POST', `/__admin/stripe/checkout-sessions/${p.attemptId}/complete`);
  expect(h.ctx.balances.get(p.agent.agent_id)).toBe(500);
  const charge = (amountRefunded: number) =>
    buildEvent('charge.refunded', { id: 'ch_1', object: 'charge', amount_refunded: amountRefunded, metadata: { payment_attempt_id: p.attemptId } });
  await deliver(charge(200));
  expect(h.ctx.balances.get(p.agent.agent_id)).toBe(300);
  await deliver(charge(200)); // a different event id with the same cumulative refund changes nothing
  expect(h.ctx.balances.get(p.agent.agent_id)).toBe(300);
  await deliver(buildEvent('charge.dispute.created', { id: 'dp_1', object: 'dispute', metadata: { payment_attempt_id: p.attemptId } }));
  expect(h.ctx.balances.get(p.agent.agent_id)).toBe(0);
  const types = h.ctx.activity.map((e) => e.type);
  expect(types).toEqual(['payment.checkout_session.created', 'credits.payment_backed_granted', 'credits.payment_backed_refunded', 'credits.payment_backed_disputed']);
  expect((await state(p.token, p.attemptId)).state).toBe('disputed');
});
