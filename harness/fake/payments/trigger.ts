/**
 * The Stripe CLI's `trigger` and `events resend` for the fake: build a signed event about one
 * payment attempt and deliver it to our own webhook endpoint, or redeliver one sent before.
 * Nothing here grants: the webhook handler decides, exactly as for any other delivery.
 */
import { AdminLookupError, completeCheckout, succeedPaymentIntent } from './admin.js';
import { deliverEvent, sentEvent, type DeliveryResult } from './delivery.js';
import type { PaymentRuntime } from './runtime.js';
import type { AttemptRow } from './store.js';

export const TRIGGER_EVENTS = ['checkout.session.completed', 'payment_intent.succeeded', 'charge.refunded', 'charge.dispute.created'] as const;
export type TriggerEvent = (typeof TRIGGER_EVENTS)[number];

export const isTriggerEvent = (v: unknown): v is TriggerEvent => typeof v === 'string' && (TRIGGER_EVENTS as readonly string[]).includes(v);

export interface VerbDelivery {
  event_id: string | null;
  type: string;
  payment_attempt_id: string | null;
  /** HTTP status our webhook endpoint answered. */
  delivery_status: number;
  /** The webhook endpoint's answer. */
  body: unknown;
}

export type VerbResult = { ok: true; delivery: VerbDelivery } | { ok: false; status: 404 | 503; message: string };

function metadataOf(attempt: AttemptRow): Record<string, unknown> {
  return { payment_attempt_id: attempt.id, quote_id: attempt.quote_id, agent_id: attempt.agent_id };
}

function chargeObject(rt: PaymentRuntime, attempt: AttemptRow): Record<string, unknown> {
  return {
    id: rt.ctx.newId('ch'),
    object: 'charge',
    amount: attempt.amount_cents,
    amount_refunded: attempt.amount_cents,
    refunded: true,
    currency: attempt.currency.toLowerCase(),
    payment_intent: attempt.payment_intent_id,
    livemode: false,
    metadata: metadataOf(attempt),
  };
}

function disputeObject(rt: PaymentRuntime, attempt: AttemptRow): Record<string, unknown> {
  return {
    id: rt.ctx.newId('dp'),
    object: 'dispute',
    amount: attempt.amount_cents,
    currency: attempt.currency.toLowerCase(),
    charge: rt.ctx.newId('ch'),
    payment_intent: attempt.payment_intent_id,
    reason: 'fraudulent',
    status: 'needs_response',
    livemode: false,
    metadata: metadataOf(attempt),
  };
}

function asVerb(type: string, attemptId: string | null, d: DeliveryResult): VerbDelivery {
  return { event_id: d.event_id, type, payment_attempt_id: attemptId, delivery_status: d.status, body: d.body };
}

function attemptIdOf(event: Record<string, unknown>): string | null {
  const data = event.data as { object?: { metadata?: { payment_attempt_id?: unknown } } } | undefined;
  const id = data?.object?.metadata?.payment_attempt_id;
  return typeof id === 'string' ? id : null;
}

async function build(rt: PaymentRuntime, type: TriggerEvent, attempt: AttemptRow): Promise<VerbDelivery> {
  switch (type) {
    case 'checkout.session.completed':
      return asVerb(type, attempt.id, await completeCheckout(rt, attempt.id));
    case 'payment_intent.succeeded':
      return asVerb(type, attempt.id, await succeedPaymentIntent(rt, attempt.id));
    case 'charge.refunded':
      return asVerb(type, attempt.id, await deliverEvent(rt, rt.deps.buildEvent(type, chargeObject(rt, attempt))));
    case 'charge.dispute.created':
      return asVerb(type, attempt.id, await deliverEvent(rt, rt.deps.buildEvent(type, disputeObject(rt, attempt))));
  }
}

export async function triggerEvent(rt: PaymentRuntime, type: TriggerEvent, attemptId: string): Promise<VerbResult> {
  if (!rt.ctx.stripe) return { ok: false, status: 503, message: 'no Stripe backend is attached (start serve with --payments)' };
  const attempt = rt.store.attempt(attemptId);
  if (!attempt) return { ok: false, status: 404, message: `no payment attempt ${attemptId}` };
  try {
    return { ok: true, delivery: await build(rt, type, attempt) };
  } catch (error) {
    if (error instanceof AdminLookupError) return { ok: false, status: 404, message: error.message };
    throw error;
  }
}

export async function resendEvent(rt: PaymentRuntime, eventId: string): Promise<VerbResult> {
  if (!rt.ctx.stripe) return { ok: false, status: 503, message: 'no Stripe backend is attached (start serve with --payments)' };
  const event = sentEvent(rt, eventId);
  if (!event) return { ok: false, status: 404, message: `no delivered event ${eventId} (only events this fake sent can be resent)` };
  return { ok: true, delivery: asVerb(String(event.type), attemptIdOf(event), await deliverEvent(rt, structuredClone(event))) };
}
