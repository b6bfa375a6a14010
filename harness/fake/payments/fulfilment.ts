/**
 * What a verified provider event does to a payment attempt. Grants happen here and nowhere else,
 * at most once per attempt; the caller has already deduplicated by event id. Every function is
 * synchronous so concurrent deliveries cannot interleave between the check and the grant.
 */
import { CREDIT_UNIT_CENTS } from './catalog.js';
import { attemptForEvent, paidAmountCents, type ProviderEvent } from './events.js';
import { numberField, stringField } from './json.js';
import { nowIso, type PaymentRuntime } from './runtime.js';
import type { AttemptRow, AttemptStatus } from './store.js';

export interface EventResult {
  outcome: string;
  payment_attempt_id: string | null;
}

const FULFILLED: readonly string[] = ['succeeded', 'refunded', 'disputed'];

export function applyProviderEvent(rt: PaymentRuntime, event: ProviderEvent): EventResult {
  const handler = HANDLERS[event.type];
  if (!handler) return { outcome: 'ignored_unknown_type', payment_attempt_id: null };
  const attempt = attemptForEvent(rt.store, event);
  if (!attempt) return { outcome: 'ignored_no_matching_attempt', payment_attempt_id: null };
  const outcome = handler(rt, attempt, event);
  const latest = rt.store.attempt(attempt.id) ?? attempt;
  rt.store.updateAttempt(attempt.id, {
    last_event_created: Math.max(latest.last_event_created, event.created),
    updated_at: nowIso(rt),
  });
  return { outcome, payment_attempt_id: attempt.id };
}

type Handler = (rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent) => string;

const HANDLERS: Record<string, Handler> = {
  'checkout.session.completed': (rt, attempt, event) =>
    stringField(event.object, 'payment_status') === 'unpaid' ? markProcessing(rt, attempt, event) : fulfil(rt, attempt, event),
  'checkout.session.async_payment_succeeded': fulfil,
  'payment_intent.succeeded': fulfil,
  'checkout.session.expired': (rt, attempt, event) => settleNegative(rt, attempt, event, 'expired'),
  'checkout.session.async_payment_failed': (rt, attempt, event) => settleNegative(rt, attempt, event, 'failed'),
  'payment_intent.payment_failed': (rt, attempt, event) => settleNegative(rt, attempt, event, 'failed'),
  'payment_intent.canceled': (rt, attempt, event) => settleNegative(rt, attempt, event, 'failed'),
  'charge.refunded': refund,
  'charge.dispute.created': dispute,
};

function isStale(attempt: AttemptRow, event: ProviderEvent): boolean {
  return event.created < attempt.last_event_created;
}

function rememberIntent(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent): void {
  const intent = stringField(event.object, 'payment_intent');
  if (intent && !attempt.payment_intent_id) rt.store.updateAttempt(attempt.id, { payment_intent_id: intent });
}

function markProcessing(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent): string {
  rememberIntent(rt, attempt, event);
  if (attempt.status !== 'requires_action' || isStale(attempt, event)) return 'ignored_no_regression';
  rt.store.updateAttempt(attempt.id, { status: 'processing' });
  return 'processing';
}

function settleNegative(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent, status: AttemptStatus): string {
  if (FULFILLED.includes(attempt.status) || attempt.receipt_id) return 'ignored_after_success';
  if (isStale(attempt, event)) return 'ignored_stale';
  rt.store.updateAttempt(attempt.id, { status });
  return status;
}

function fulfil(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent): string {
  rememberIntent(rt, attempt, event);
  if (attempt.receipt_id) return 'already_fulfilled';
  const paid = paidAmountCents(event);
  const currency = stringField(event.object, 'currency');
  if ((paid !== null && paid !== attempt.amount_cents) || (currency !== null && currency.toLowerCase() !== attempt.currency.toLowerCase())) {
    rt.store.updateAttempt(attempt.id, {
      status: 'requires_review',
      review_reason: `event ${event.id} reports ${paid ?? '?'} ${currency ?? ''} for an attempt of ${attempt.amount_cents} cents`,
    });
    return 'amount_mismatch_requires_review';
  }
  const now = nowIso(rt);
  const receipt = rt.store.addReceipt({
    id: rt.ctx.newId('rcpt'),
    agent_id: attempt.agent_id,
    payment_attempt_id: attempt.id,
    quote_id: attempt.quote_id,
    credits: attempt.credits,
    amount_cents: attempt.amount_cents,
    currency: attempt.currency,
    provider_event_id: event.id,
    provider_object_id: stringField(event.object, 'id') ?? '',
    created_at: now,
  });
  const granted = !attempt.reversed_before_grant;
  const creditEvent = rt.store.addCreditEvent({
    id: rt.ctx.newId('cevt'),
    agent_id: attempt.agent_id,
    type: 'credits.payment_backed_granted',
    credits: granted ? attempt.credits : 0,
    payment_attempt_id: attempt.id,
    quote_id: attempt.quote_id,
    receipt_id: receipt.id,
    provider_event_id: event.id,
    created_at: now,
  });
  rt.store.updateAttempt(attempt.id, {
    status: granted ? 'succeeded' : 'refunded',
    receipt_id: receipt.id,
    credit_event_id: creditEvent.id,
    provider_event_id: event.id,
  });
  if (!granted) return 'fulfilled_after_reversal_no_grant';
  rt.ctx.ledger.grantPaidCredits(attempt.agent_id, attempt.credits);
  rt.ctx.ledger.addActivity(attempt.agent_id, {
    type: 'credits.payment_backed_granted',
    summary: `${attempt.credits} payment-backed credits granted`,
    operation: 'credits',
    subject: { type: 'credit', id: creditEvent.id },
    links: { quote_id: attempt.quote_id, receipt_id: receipt.id, credit_event_id: creditEvent.id, payment_attempt_id: attempt.id },
    status: 'succeeded',
    details: { credits: attempt.credits, amount_cents: attempt.amount_cents, provider_event_id: event.id },
  });
  return 'granted';
}

/** Take back up to `credits` credits that this attempt granted and record why. */
function reverse(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent, credits: number, type: string, status: AttemptStatus): void {
  rt.ctx.ledger.debitPaidCredits(attempt.agent_id, credits);
  const reversalId = rt.ctx.newId('prev');
  const creditEvent = rt.store.addCreditEvent({
    id: rt.ctx.newId('cevt'),
    agent_id: attempt.agent_id,
    type,
    credits: -credits,
    payment_attempt_id: attempt.id,
    quote_id: attempt.quote_id,
    receipt_id: attempt.receipt_id ?? '',
    provider_event_id: event.id,
    created_at: nowIso(rt),
  });
  rt.store.updateAttempt(attempt.id, { status, refunded_credits: attempt.refunded_credits + credits });
  rt.ctx.ledger.addActivity(attempt.agent_id, {
    type,
    summary: `${credits} payment-backed credits removed after ${event.type}`,
    operation: 'credits',
    subject: { type: 'credit', id: creditEvent.id },
    links: {
      quote_id: attempt.quote_id,
      receipt_id: attempt.receipt_id,
      payment_reversal_id: reversalId,
      credit_event_id: creditEvent.id,
      payment_attempt_id: attempt.id,
    },
    status,
    details: { credits, provider_event_id: event.id },
  });
}

function refund(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent): string {
  if (!attempt.receipt_id) {
    rt.store.updateAttempt(attempt.id, { reversed_before_grant: true });
    return 'reversal_before_fulfilment';
  }
  const refundedCents = numberField(event.object, 'amount_refunded') ?? attempt.amount_cents;
  const refundedCredits = Math.min(Math.floor(refundedCents / CREDIT_UNIT_CENTS), attempt.credits);
  const delta = refundedCredits - attempt.refunded_credits;
  if (delta <= 0) return 'no_change';
  const status: AttemptStatus = refundedCredits >= attempt.credits ? 'refunded' : attempt.status === 'disputed' ? 'disputed' : 'succeeded';
  reverse(rt, attempt, event, delta, 'credits.payment_backed_refunded', status);
  return 'refunded';
}

function dispute(rt: PaymentRuntime, attempt: AttemptRow, event: ProviderEvent): string {
  if (!attempt.receipt_id) {
    rt.store.updateAttempt(attempt.id, { reversed_before_grant: true });
    return 'reversal_before_fulfilment';
  }
  if (attempt.status === 'disputed') return 'already_disputed';
  const remaining = attempt.credits - attempt.refunded_credits;
  if (remaining <= 0) return 'no_change';
  reverse(rt, attempt, event, remaining, 'credits.payment_backed_disputed', 'disputed');
  return 'disputed';
}
