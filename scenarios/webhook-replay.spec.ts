/**
 * Stripe webhook replay: whatever Stripe (or an attacker holding a captured delivery) sends
 * again, a purchase grants its credits exactly once. Every observation an agent could make goes
 * through the CLI (usage quota, credits status, activity list); the webhooks themselves are
 * delivered through the fake's admin route (signed with the run's secret) or posted verbatim.
 *
 * Every check on CLI output cites its rule (harness/rules/catalogue/payments.ts). The plain
 * `expect`s left are harness preconditions on the fake's webhook endpoint and admin routes
 * (the CLI is not involved there): a failure is a harness error, never blamed on the CLI.
 * Field names the documents do not give (receipt.receipt_id, credit_event.credit_event_id
 * inside credits status, usage quota's payment-backed credits) are only observed; absent and
 * null are treated alike.
 */
import { randomBytes } from 'node:crypto';
import { test, expect } from '../fixtures/test.js';
import type { Cli } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import { dataOf, signedIn } from '../fixtures/scenario-helpers.js';
import { buildEvent, completeCheckoutSession, signPayload } from '../harness/stripe/index.js';
import type { StripeBackend } from '../harness/stripe/types.js';
import type { ScenarioFake } from '../fixtures/test.js';
import type { StripeDeliveryOptions } from '../harness/fake/client.js';
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
  /** No sentence names usage quota's payment-backed credits: compared in observations only. */
  paymentBacked: number | undefined;
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

/** The scenario's CLI and its checks, passed to every helper. */
interface Ctx {
  cli: Cli;
  contract: ContractChecks;
}

/** `data` of a command that must succeed; a failure there breaks the rule the command rests on. */
async function okData<D>(ctx: Ctx, rule: string, args: string[]): Promise<D> {
  const inv = await ctx.cli.run(args);
  const data = await ctx.contract.rule(rule, () => dataOf<D>(inv));
  if (data === undefined) throw new Error(`${args.join(' ')} gave no data (rule ${rule} not stated by these documents): the scenario cannot go on`);
  return data;
}

async function balances(ctx: Ctx): Promise<Balances> {
  const limits = (await okData<QuotaData>(ctx, 'usage.quota-relayed', ['usage', 'quota', '--json'])).limits;
  await ctx.contract.rule('usage.quota-relayed', () => expect(typeof limits?.remaining_credits, 'limits.remaining_credits').toBe('number'));
  return { remaining: limits.remaining_credits, paymentBacked: limits.payment_backed_remaining_credits };
}

async function purchaseStatus(ctx: Ctx, attemptId: string) {
  return okData<StatusData>(ctx, 'credits.status-durable-state', ['credits', 'status', '--payment-attempt-id', attemptId, '--json']);
}

async function activityOfType(ctx: Ctx, type: string): Promise<ActivityEvent[]> {
  const events: ActivityEvent[] = (await okData<ActivityListData>(ctx, 'media.activity.list', ['activity', 'list', '--limit', '100', '--json'])).events;
  return events.filter((e) => e.type === type);
}

/** Exactly one grant of the quoted credits, visible in quota, status and activity. */
async function expectGrantedOnce(ctx: Ctx, p: Purchase) {
  const { contract } = ctx;
  const now = await balances(ctx);
  await contract.rule('credits.granted-once', () => expect(now.remaining - p.before.remaining, 'usage quota grew by exactly the quoted credits').toBe(p.credits));
  await contract.observe('usage quota\'s payment-backed credits grew by exactly the quoted credits', () =>
    expect(Number(now.paymentBacked) - Number(p.before.paymentBacked)).toBe(p.credits),
  );
  const status = await purchaseStatus(ctx, p.attemptId);
  await contract.rule('shape.credits-status.succeeded', () => {
    expect(status.state).toBe('succeeded');
    expect(status.receipt ?? null, 'a succeeded purchase has a receipt').not.toBeNull();
    expect(status.credit_event ?? null, 'a succeeded purchase has a credit event').not.toBeNull();
  });
  await contract.observe('credits status names the receipt and credit event and the credits granted', () => {
    expect(status.receipt?.receipt_id, 'receipt.receipt_id').toBeTruthy();
    expect(status.credit_event?.credit_event_id, 'credit_event.credit_event_id').toBeTruthy();
    expect(status.credit_event?.credits, 'credit_event.credits').toBe(p.credits);
  });
  const grants = await activityOfType(ctx, 'credits.payment_backed_granted');
  await contract.rule('credits.granted-once', () => expect(grants, 'activity list shows exactly one payment-backed grant').toHaveLength(1));
  return { receipt: JSON.stringify(status.receipt ?? null), creditEvent: JSON.stringify(status.credit_event ?? null) };
}

async function expectNothingGranted(ctx: Ctx, p: Purchase, expectedState: string) {
  const { contract } = ctx;
  const now = await balances(ctx);
  await contract.rule('credits.granted-only-after-fulfillment', () => expect(now.remaining, 'no credits may move').toBe(p.before.remaining));
  await contract.observe('usage quota\'s payment-backed credits do not move', () => expect(now.paymentBacked).toBe(p.before.paymentBacked));
  const status = await purchaseStatus(ctx, p.attemptId);
  await contract.rule('shape.credits-status.action-required', () => expect(status.state).toBe(expectedState));
  await contract.rule('credits.granted-only-after-fulfillment', () => {
    expect(status.receipt ?? null, 'no receipt before fulfilment').toBeNull();
    expect(status.credit_event ?? null, 'no credit event before fulfilment').toBeNull();
  });
  const grants = await activityOfType(ctx, 'credits.payment_backed_granted');
  await contract.rule('credits.granted-only-after-fulfillment', () => expect(grants, 'no payment-backed grant in activity').toHaveLength(0));
}

// ---- purchases via the CLI -------------------------------------------------------------

async function buyWithCli(ctx: Ctx, method: 'stripe_checkout' | 'stripe_x402.exact.usdc', key: string): Promise<Purchase> {
  const before = await balances(ctx);
  const quote = await okData<QuoteData>(ctx, 'credits.quote-grants-nothing', ['credits', 'quote', '--pack', 'starter-500', '--payment-method', method, '--idempotency-key', `${key}-quote`, '--json']);
  const provider = method === 'stripe_checkout' ? 'stripe' : 'stripe_x402';
  const buy = await okData<BuyData>(ctx, 'credits.buy-action-required', ['credits', 'buy', '--provider', provider, '--quote-id', quote.quote_id, '--idempotency-key', `${key}-buy`, '--json']);
  await ctx.contract.rule('credits.buy-action-required', () => expect(buy.state).toBe('action_required'));
  const after = await balances(ctx);
  await ctx.contract.rule('credits.granted-only-after-fulfillment', () => expect(after.remaining, 'quote and buy never move balances').toBe(before.remaining));
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
async function paymentIntentObject(stripe: StripeBackend, fake: ScenarioFake, p: Purchase, status: string): Promise<Record<string, unknown>> {
  const intentId = fake.state.paymentAttempt(p.attemptId)?.payment_intent_id;
  expect(typeof intentId, 'the x402 attempt has a PaymentIntent').toBe('string');
  const intent = asRecord(await stripe.client.paymentIntents.retrieve(String(intentId)));
  const received = status === 'succeeded' ? p.amountCents : 0;
  return { ...intent, status, amount: p.amountCents, amount_received: received, currency: 'usd', metadata: attemptMetadata(p, intent.metadata) };
}

function olderThan(event: StripeEvent, type: string, object: Record<string, unknown>): StripeEvent {
  return buildEvent(type, object, { createdSec: Number(event.created) - 120 });
}

/** Through the fake's admin client: signed with the run's secret (or forged), at a chosen time. */
async function deliver(fake: ScenarioFake, event: StripeEvent, opts: StripeDeliveryOptions = {}): Promise<Delivery> {
  const { status, body } = await fake.admin.deliverStripeEvent(event, opts);
  return { status, body };
}

/** Post exact bytes with an exact Stripe-Signature header, as a captured delivery replayed. */
async function postVerbatim(fake: ScenarioFake, payload: string, signature: string): Promise<Delivery> {
  const res = await fetch(`${fake.url}/v1/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    body: payload,
  });
  const text = await res.text();
  return { status: res.status, body: text };
}

async function webhookLogEntry(fake: ScenarioFake, eventId: string): Promise<Record<string, unknown> | undefined> {
  return (await fake.admin.stripeEvents()).events.find((e) => e.event_id === eventId);
}

function expectAcknowledged(deliveries: Delivery[], what: string): void {
  for (const [i, d] of deliveries.entries()) {
    expect(d.status, `${what} #${i + 1} must be acknowledged with 2xx: ${JSON.stringify(d.body)}`).toBeGreaterThanOrEqual(200);
    expect(d.status, `${what} #${i + 1} must be acknowledged with 2xx: ${JSON.stringify(d.body)}`).toBeLessThan(300);
  }
}

/** Once, 5 times in a row (re-signed like Stripe retries), 10 times at once (same bytes, same header). */
async function deliverAndReplay(fake: ScenarioFake, stripe: StripeBackend, event: StripeEvent): Promise<void> {
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
async function servedState(fake: ScenarioFake, attemptId: string): Promise<string> {
  const [token] = fake.issuedTokens();
  const res = await fetch(`${fake.url}/v1/credit-purchases/status?payment_attempt_id=${encodeURIComponent(attemptId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return String(asRecord(asRecord(await res.json()).data).state);
}

// ---- scenarios ---------------------------------------------------------------------------

test.describe('webhook replay: Stripe Checkout', () => {
  test('a Checkout purchase is granted exactly once however often its webhook arrives', { tag: ['@checkout', '@credits'] }, async ({ cli, contract, fake, stripeBackend }) => {
    const ctx: Ctx = { cli: await signedIn(cli), contract };
    const p = await buyWithCli(ctx, 'stripe_checkout', 'replay-checkout');
    const completed = await checkoutCompleted(stripeBackend, p);
    await deliverAndReplay(fake, stripeBackend, completed);
    const granted = await expectGrantedOnce(ctx, p);

    const session = asRecord(asRecord(completed.data).object);
    const older = [
      olderThan(completed, 'checkout.session.async_payment_failed', { ...session, payment_status: 'unpaid' }),
      olderThan(completed, 'checkout.session.expired', { ...session, status: 'expired', payment_status: 'unpaid' }),
    ];
    for (const event of older) expectAcknowledged([await deliver(fake, event)], `older ${String(event.type)}`);
    const after = await expectGrantedOnce(ctx, p);
    await contract.rule('credits.status-durable-state', () => expect(after, 'older events neither regress nor re-grant').toEqual(granted));
  });

  test('forged, stale and unsigned Checkout webhooks get 400 and change nothing', { tag: ['@checkout', '@credits'] }, async ({ cli, contract, fake, stripeBackend }) => {
    const ctx: Ctx = { cli: await signedIn(cli), contract };
    const p = await buyWithCli(ctx, 'stripe_checkout', 'forged-checkout');
    const completed = await checkoutCompleted(stripeBackend, p);

    expect((await deliver(fake, completed, { signature: 'forged' })).status, 'forged signature').toBe(400);
    expect((await deliver(fake, completed, { timestampSec: nowSec() - TEN_MINUTES_SEC })).status, 'signature 10 minutes old').toBe(400);
    expect((await postVerbatim(fake, JSON.stringify(completed), '')).status, 'no signature at all').toBe(400);
    const payload = JSON.stringify(completed);
    const tampered = payload.replace(`"amount_total":${p.amountCents}`, `"amount_total":${p.amountCents + 1}`);
    expect(tampered).not.toBe(payload);
    expect((await postVerbatim(fake, tampered, signPayload(payload, stripeBackend.webhookSecret))).status, 'payload edited after signing').toBe(400);
    await expectNothingGranted(ctx, p, 'action_required');

    // Rejected deliveries must not mark the event id as seen: the genuine one still fulfils.
    expectAcknowledged([await deliver(fake, completed)], 'genuine delivery after rejections');
    const granted = await expectGrantedOnce(ctx, p);

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
    const afterForgedRefund = await expectGrantedOnce(ctx, p);
    await contract.rule('credits.status-durable-state', () => expect(afterForgedRefund, 'a forged refund takes nothing back').toEqual(granted));
    const refunds = await activityOfType(ctx, 'credits.payment_backed_refunded');
    await contract.rule('media.activity.list', () => expect(refunds, 'no refund in activity').toHaveLength(0));
  });

  test('an unknown event type is acknowledged and ignored', { tag: ['@checkout', '@credits'] }, async ({ cli, contract, fake, stripeBackend }) => {
    const ctx: Ctx = { cli: await signedIn(cli), contract };
    const p = await buyWithCli(ctx, 'stripe_checkout', 'unknown-type');
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
    await expectNothingGranted(ctx, p, 'action_required');

    await deliverAndReplay(fake, stripeBackend, await checkoutCompleted(stripeBackend, p));
    await expectGrantedOnce(ctx, p);
  });

  test('a refund then a dispute each reverse credits once', { tag: ['@checkout', '@credits'] }, async ({ cli, contract, fake, stripeBackend }) => {
    const ctx: Ctx = { cli: await signedIn(cli), contract };
    const p = await buyWithCli(ctx, 'stripe_checkout', 'refund-dispute');
    await deliver(fake, await checkoutCompleted(stripeBackend, p));
    await expectGrantedOnce(ctx, p);

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
    const afterRefund = await balances(ctx);
    await contract.rule('usage.quota-relayed', () => expect(afterRefund.remaining - p.before.remaining, 'a partial refund removes its share once').toBe(p.credits - refundedCents));

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
    const afterDispute = await balances(ctx);
    await contract.rule('usage.quota-relayed', () => expect(afterDispute.remaining, 'the dispute removes the rest, once').toBe(p.before.remaining));

    const status = await purchaseStatus(ctx, p.attemptId);
    const served = await servedState(fake, p.attemptId);
    await contract.rule('credits.status-durable-state', () => {
      expect(status.state, 'the CLI reports the state the service gave').toBe(served);
      expect(status.receipt ?? null, 'the receipt stays attached').not.toBeNull();
    });
    const counts = {
      refunded: (await activityOfType(ctx, 'credits.payment_backed_refunded')).length,
      disputed: (await activityOfType(ctx, 'credits.payment_backed_disputed')).length,
      granted: (await activityOfType(ctx, 'credits.payment_backed_granted')).length,
    };
    await contract.rule('media.activity.list', () => expect(counts, 'one refund, one dispute, one grant in activity').toEqual({ refunded: 1, disputed: 1, granted: 1 }));
  });
});

test.describe('webhook replay: x402 deposit', () => {
  test.use({ withChain: true });

  test('an x402 deposit is granted exactly once however often payment_intent.succeeded arrives', { tag: ['@checkout', '@credits', '@x402'] }, async ({ cli, contract, fake, stripeBackend }) => {
    const ctx: Ctx = { cli: await signedIn(cli), contract };
    const p = await buyWithCli(ctx, 'stripe_x402.exact.usdc', 'replay-x402');
    const succeeded = buildEvent('payment_intent.succeeded', await paymentIntentObject(stripeBackend, fake, p, 'succeeded'));

    expect((await deliver(fake, succeeded, { signature: 'forged' })).status, 'forged signature').toBe(400);
    expect((await deliver(fake, succeeded, { timestampSec: nowSec() - TEN_MINUTES_SEC })).status, 'signature 10 minutes old').toBe(400);
    await expectNothingGranted(ctx, p, 'action_required');

    await deliverAndReplay(fake, stripeBackend, succeeded);
    const granted = await expectGrantedOnce(ctx, p);

    const older = [
      olderThan(succeeded, 'payment_intent.processing', await paymentIntentObject(stripeBackend, fake, p, 'processing')),
      olderThan(succeeded, 'payment_intent.payment_failed', await paymentIntentObject(stripeBackend, fake, p, 'requires_payment_method')),
    ];
    for (const event of older) expectAcknowledged([await deliver(fake, event)], `older ${String(event.type)}`);
    const after = await expectGrantedOnce(ctx, p);
    await contract.rule('credits.status-durable-state', () => expect(after, 'older events neither regress nor re-grant').toEqual(granted));
  });
});
