/**
 * Stripe webhook replay: whatever Stripe (or an attacker holding a captured delivery) sends
 * again, a purchase grants its credits exactly once. Every observation an agent could make goes
 * through the CLI (usage quota, credits status, activity list); the webhooks themselves are
 * delivered through the fake's admin route (signed with the run's secret) or posted verbatim.
 */
import { randomBytes } from 'node:crypto';
import { test, expect } from '../fixtures/test.js';
import type { Cli } from '../fixtures/test.js';
import { dataOf, signupSaved } from '../fixtures/scenario-helpers.js';
import { buildEvent, completeCheckoutSession, signPayload } from '../harness/stripe/index.js';
import type { StripeBackend } from '../harness/stripe/types.js';
import type { FakeService } from '../harness/fake/types.js';
import type { ActivityEvent, ActivityListData, BuyData, QuotaData, QuoteData, StatusData } from '../fixtures/shapes.js';

type StripeEvent = Record<string, unknown>;

interface Purchase {
  quoteId: string;
  attemptId: string;
  credits: number;
  amountCents: number;
  checkoutSessionId: string | null;
  before: Balances;
}

interface Balances {
  remaining: number;
  paymentBacked: number;
}

interface Delivery {
  status: number;
  body: unknown;
}

const TEN_MINUTES_SEC = 600;

function nowSec(): number {
  return Math.floor(Date.now() / 1000);
}

function randomId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

// ---- CLI-side observations -------------------------------------------------------------

async function balances(cli: Cli): Promise<Balances> {
  const limits = dataOf<QuotaData>(await cli.run(['usage', 'quota', '--json'])).limits;
  return { remaining: limits.remaining_credits, paymentBacked: limits.payment_backed_remaining_credits };
}

async function purchaseStatus(cli: Cli, attemptId: string) {
  return dataOf<StatusData>(await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']));
}

async function activityOfType(cli: Cli, type: string): Promise<ActivityEvent[]> {
  const events: ActivityEvent[] = dataOf<ActivityListData>(await cli.run(['activity', 'list', '--limit', '100', '--json'])).events;
  return events.filter((e) => e.type === type);
}

/** Exactly one grant of the quoted credits, visible in quota, status and activity. */
async function expectGrantedOnce(cli: Cli, p: Purchase) {
  const now = await balances(cli);
  expect(now.remaining - p.before.remaining, 'usage quota grew by exactly the quoted credits').toBe(p.credits);
  expect(now.paymentBacked - p.before.paymentBacked, 'payment-backed credits grew by exactly the quoted credits').toBe(p.credits);
  const status = await purchaseStatus(cli, p.attemptId);
  expect(status.state).toBe('succeeded');
  expect(status.receipt?.receipt_id, 'a succeeded purchase has a receipt').toBeTruthy();
  expect(status.credit_event?.credit_event_id, 'a succeeded purchase has a credit event').toBeTruthy();
  expect(status.credit_event?.credits).toBe(p.credits);
  const grants = await activityOfType(cli, 'credits.payment_backed_granted');
  expect(grants, 'activity list shows exactly one payment-backed grant').toHaveLength(1);
  return { receiptId: String(status.receipt!.receipt_id), creditEventId: String(status.credit_event!.credit_event_id) };
}

async function expectNothingGranted(cli: Cli, p: Purchase, expectedState: string) {
  expect(await balances(cli), 'no credits may move').toEqual(p.before);
  const status = await purchaseStatus(cli, p.attemptId);
  expect(status.state).toBe(expectedState);
  expect(status.receipt).toBeNull();
  expect(status.credit_event).toBeNull();
  expect(await activityOfType(cli, 'credits.payment_backed_granted')).toHaveLength(0);
}

// ---- purchases via the CLI -------------------------------------------------------------

async function buyWithCli(cli: Cli, method: 'stripe_checkout' | 'stripe_x402.exact.usdc', key: string): Promise<Purchase> {
  await signupSaved(cli);
  const before = await balances(cli);
  const quote = dataOf<QuoteData>(await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', method, '--idempotency-key', `${key}-quote`, '--json']));
  const provider = method === 'stripe_checkout' ? 'stripe' : 'stripe_x402';
  const buy = dataOf<BuyData>(await cli.run(['credits', 'buy', '--provider', provider, '--quote-id', quote.quote_id, '--idempotency-key', `${key}-buy`, '--json']));
  expect(buy.state).toBe('action_required');
  expect(await balances(cli), 'quote and buy never move balances').toEqual(before);
  return {
    quoteId: quote.quote_id,
    attemptId: buy.payment_attempt_id,
    credits: quote.credits,
    amountCents: quote.price_amount_cents,
    checkoutSessionId: buy.checkout_session_id ?? null,
    before,
  };
}

// ---- building and delivering Stripe events ---------------------------------------------

function attemptMetadata(p: Purchase, existing: unknown): Record<string, unknown> {
  return { ...asRecord(existing), payment_attempt_id: p.attemptId, quote_id: p.quoteId };
}

/** The payer finished Checkout; the event Stripe would send for it. */
async function checkoutCompleted(stripe: StripeBackend, p: Purchase): Promise<StripeEvent> {
  const session = await completeCheckoutSession(stripe, String(p.checkoutSessionId));
  return buildEvent('checkout.session.completed', {
    ...session,
    status: 'complete',
    payment_status: 'paid',
    amount_total: p.amountCents,
    currency: 'usd',
    metadata: attemptMetadata(p, session.metadata),
  });
}

/** The attempt's PaymentIntent, read through the SDK, in the given status. */
async function paymentIntentObject(stripe: StripeBackend, fake: FakeService, p: Purchase, status: string): Promise<Record<string, unknown>> {
  const intentId = fake.state.paymentAttempt(p.attemptId)?.payment_intent_id;
  expect(typeof intentId, 'the x402 attempt has a PaymentIntent').toBe('string');
  const intent = asRecord(await stripe.client.paymentIntents.retrieve(String(intentId)));
  const received = status === 'succeeded' ? p.amountCents : 0;
  return { ...intent, status, amount: p.amountCents, amount_received: received, currency: 'usd', metadata: attemptMetadata(p, intent.metadata) };
}

function olderThan(event: StripeEvent, type: string, object: Record<string, unknown>): StripeEvent {
  return buildEvent(type, object, { createdSec: Number(event.created) - 120 });
}

/** Through the fake's admin route: signed with the run's secret (or forged), at a chosen time. */
async function deliver(fake: FakeService, event: StripeEvent, opts: { signature?: 'valid' | 'forged'; timestampSec?: number } = {}): Promise<Delivery> {
  const res = await fetch(`${fake.url}/__admin/stripe/deliver`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ event, ...opts }),
  });
  const answer = asRecord(await res.json());
  expect(res.status, `admin deliver route failed: ${JSON.stringify(answer)}`).toBe(200);
  return { status: Number(answer.status), body: answer.body };
}

/** Post exact bytes with an exact Stripe-Signature header, as a captured delivery replayed. */
async function postVerbatim(fake: FakeService, payload: string, signature: string): Promise<Delivery> {
  const res = await fetch(`${fake.url}/v1/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

async function webhookLogEntry(fake: FakeService, eventId: string): Promise<Record<string, unknown> | undefined> {
  const res = await fetch(`${fake.url}/__admin/stripe/events`);
  const events = asRecord(await res.json()).events;
  return Array.isArray(events) ? events.map(asRecord).find((e) => e.event_id === eventId) : undefined;
}

function expectAcknowledged(deliveries: Delivery[], what: string): void {
  for (const [i, d] of deliveries.entries()) {
    expect(d.status, `${what} #${i + 1} must be acknowledged with 2xx: ${JSON.stringify(d.body)}`).toBeGreaterThanOrEqual(200);
    expect(d.status, `${what} #${i + 1} must be acknowledged with 2xx: ${JSON.stringify(d.body)}`).toBeLessThan(300);
  }
}

/** Once, 5 times in a row (re-signed like Stripe retries), 10 times at once (same bytes, same header). */
async function deliverAndReplay(fake: FakeService, stripe: StripeBackend, event: StripeEvent): Promise<void> {
  expectAcknowledged([await deliver(fake, event)], 'first delivery');
  const sequential: Delivery[] = [];
  for (let i = 0; i < 5; i++) sequential.push(await deliver(fake, event));
  expectAcknowledged(sequential, 'sequential replay');
  const payload = JSON.stringify(event);
  const signature = signPayload(payload, stripe.webhookSecret);
  const concurrent = await Promise.all(Array.from({ length: 10 }, () => postVerbatim(fake, payload, signature)));
  expectAcknowledged(concurrent, 'concurrent replay');
  const logged = await webhookLogEntry(fake, String(event.id));
  expect(logged?.duplicate_deliveries, 'the fake saw the 15 replays as duplicates of one event').toBe(15);
}


/** The status state as the fake itself serves it (asked directly with the agent's token). */
async function servedState(fake: FakeService, attemptId: string): Promise<string> {
  const [token] = fake.issuedTokens();
  const res = await fetch(`${fake.url}/v1/credit-purchases/status?payment_attempt_id=${encodeURIComponent(attemptId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return String(asRecord(asRecord(await res.json()).data).state);
}

// ---- scenarios ---------------------------------------------------------------------------

test.describe('webhook replay: Stripe Checkout', () => {
  test('a Checkout purchase is granted exactly once however often its webhook arrives', { tag: ['@checkout', '@credits'] }, async ({ cli, fake, stripeBackend }) => {
    const p = await buyWithCli(cli, 'stripe_checkout', 'replay-checkout');
    const completed = await checkoutCompleted(stripeBackend, p);
    await deliverAndReplay(fake, stripeBackend, completed);
    const granted = await expectGrantedOnce(cli, p);

    const session = asRecord(asRecord(completed.data).object);
    const older = [
      olderThan(completed, 'checkout.session.async_payment_failed', { ...session, payment_status: 'unpaid' }),
      olderThan(completed, 'checkout.session.expired', { ...session, status: 'expired', payment_status: 'unpaid' }),
    ];
    for (const event of older) expectAcknowledged([await deliver(fake, event)], `older ${String(event.type)}`);
    const after = await expectGrantedOnce(cli, p);
    expect(after, 'older events neither regress nor re-grant').toEqual(granted);
  });

  test('forged, stale and unsigned Checkout webhooks get 400 and change nothing', { tag: ['@checkout', '@credits'] }, async ({ cli, fake, stripeBackend }) => {
    const p = await buyWithCli(cli, 'stripe_checkout', 'forged-checkout');
    const completed = await checkoutCompleted(stripeBackend, p);

    expect((await deliver(fake, completed, { signature: 'forged' })).status, 'forged signature').toBe(400);
    expect((await deliver(fake, completed, { timestampSec: nowSec() - TEN_MINUTES_SEC })).status, 'signature 10 minutes old').toBe(400);
    expect((await postVerbatim(fake, JSON.stringify(completed), '')).status, 'no signature at all').toBe(400);
    const payload = JSON.stringify(completed);
    const tampered = payload.replace(`"amount_total":${p.amountCents}`, `"amount_total":${p.amountCents + 1}`);
    expect(tampered).not.toBe(payload);
    expect((await postVerbatim(fake, tampered, signPayload(payload, stripeBackend.webhookSecret))).status, 'payload edited after signing').toBe(400);
    await expectNothingGranted(cli, p, 'action_required');

    // Rejected deliveries must not mark the event id as seen: the genuine one still fulfils.
    expectAcknowledged([await deliver(fake, completed)], 'genuine delivery after rejections');
    const granted = await expectGrantedOnce(cli, p);

    const refund = buildEvent('charge.refunded', {
      id: randomId('ch_'),
      object: 'charge',
      amount: p.amountCents,
      amount_refunded: p.amountCents,
      currency: 'usd',
      refunded: true,
      metadata: attemptMetadata(p, {}),
    });
    expect((await deliver(fake, refund, { signature: 'forged' })).status, 'forged refund').toBe(400);
    expect(await expectGrantedOnce(cli, p), 'a forged refund takes nothing back').toEqual(granted);
    expect(await activityOfType(cli, 'credits.payment_backed_refunded')).toHaveLength(0);
  });

  test('an unknown event type is acknowledged and ignored', { tag: ['@checkout', '@credits'] }, async ({ cli, fake, stripeBackend }) => {
    const p = await buyWithCli(cli, 'stripe_checkout', 'unknown-type');
    // Carries the attempt's metadata and the right amount: only the type says "not for you".
    const unknown = buildEvent('invoice.paid', {
      id: randomId('in_'),
      object: 'invoice',
      amount_paid: p.amountCents,
      currency: 'usd',
      status: 'paid',
      metadata: attemptMetadata(p, {}),
    });
    expectAcknowledged([await deliver(fake, unknown)], 'unknown event type');
    await expectNothingGranted(cli, p, 'action_required');

    await deliverAndReplay(fake, stripeBackend, await checkoutCompleted(stripeBackend, p));
    await expectGrantedOnce(cli, p);
  });

  test('a refund then a dispute each reverse credits once', { tag: ['@checkout', '@credits'] }, async ({ cli, fake, stripeBackend }) => {
    const p = await buyWithCli(cli, 'stripe_checkout', 'refund-dispute');
    await deliver(fake, await checkoutCompleted(stripeBackend, p));
    await expectGrantedOnce(cli, p);

    const chargeId = randomId('ch_');
    const refundedCents = 100;
    const refund = buildEvent('charge.refunded', {
      id: chargeId,
      object: 'charge',
      amount: p.amountCents,
      amount_refunded: refundedCents,
      currency: 'usd',
      metadata: attemptMetadata(p, {}),
    });
    await deliverAndReplay(fake, stripeBackend, refund);
    const afterRefund = await balances(cli);
    expect(afterRefund.remaining - p.before.remaining, 'a partial refund removes its share once').toBe(p.credits - refundedCents);

    const dispute = buildEvent('charge.dispute.created', {
      id: randomId('dp_'),
      object: 'dispute',
      charge: chargeId,
      amount: p.amountCents,
      currency: 'usd',
      status: 'needs_response',
      metadata: attemptMetadata(p, {}),
    });
    await deliverAndReplay(fake, stripeBackend, dispute);
    expect(await balances(cli), 'the dispute removes the rest, once').toEqual(p.before);

    const status = await purchaseStatus(cli, p.attemptId);
    expect(status.state, 'the CLI reports the state the service gave').toBe(await servedState(fake, p.attemptId));
    expect(status.receipt?.receipt_id, 'the receipt stays attached').toBeTruthy();
    expect(await activityOfType(cli, 'credits.payment_backed_refunded')).toHaveLength(1);
    expect(await activityOfType(cli, 'credits.payment_backed_disputed')).toHaveLength(1);
    expect(await activityOfType(cli, 'credits.payment_backed_granted')).toHaveLength(1);
  });
});

test.describe('webhook replay: x402 deposit', () => {
  test.use({ withChain: true });

  test('an x402 deposit is granted exactly once however often payment_intent.succeeded arrives', { tag: ['@checkout', '@credits', '@x402'] }, async ({ cli, fake, stripeBackend }) => {
    const p = await buyWithCli(cli, 'stripe_x402.exact.usdc', 'replay-x402');
    const succeeded = buildEvent('payment_intent.succeeded', await paymentIntentObject(stripeBackend, fake, p, 'succeeded'));

    expect((await deliver(fake, succeeded, { signature: 'forged' })).status, 'forged signature').toBe(400);
    expect((await deliver(fake, succeeded, { timestampSec: nowSec() - TEN_MINUTES_SEC })).status, 'signature 10 minutes old').toBe(400);
    await expectNothingGranted(cli, p, 'action_required');

    await deliverAndReplay(fake, stripeBackend, succeeded);
    const granted = await expectGrantedOnce(cli, p);

    const older = [
      olderThan(succeeded, 'payment_intent.processing', await paymentIntentObject(stripeBackend, fake, p, 'processing')),
      olderThan(succeeded, 'payment_intent.payment_failed', await paymentIntentObject(stripeBackend, fake, p, 'requires_payment_method')),
    ];
    for (const event of older) expectAcknowledged([await deliver(fake, event)], `older ${String(event.type)}`);
    expect(await expectGrantedOnce(cli, p), 'older events neither regress nor re-grant').toEqual(granted);
  });
});
