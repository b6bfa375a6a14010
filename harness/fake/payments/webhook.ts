/**
 * POST /v1/webhooks/stripe. Verifies the Stripe-Signature with the SDK (300 s tolerance),
 * deduplicates by event id, then hands the event to fulfilment. Rejected deliveries change
 * nothing but are still logged so a report can show them.
 */
import { parseProviderEvent } from './events.js';
import { applyProviderEvent } from './fulfilment.js';
import { nowIso, type PaymentRuntime } from './runtime.js';

const COMMAND = 'webhooks stripe';
export const WEBHOOK_TOLERANCE_SEC = 300;

function peekEvent(payload: string): { id: string | null; type: string | null } {
  try {
    const parsed = parseProviderEvent(JSON.parse(payload));
    return { id: parsed?.id ?? null, type: parsed?.type ?? null };
  } catch {
    return { id: null, type: null };
  }
}

export async function handleStripeWebhook(rt: PaymentRuntime, request: Request): Promise<Response> {
  const payload = await request.text();
  const header = request.headers.get('stripe-signature');
  const log = (http_status: number, outcome: string, event: { id: string | null; type: string | null }) =>
    rt.store.addDelivery({ event_id: event.id, type: event.type, http_status, outcome, received_at: nowIso(rt) });

  const stripe = rt.ctx.stripe;
  if (!stripe) {
    log(503, 'no_stripe_backend', peekEvent(payload));
    return rt.ctx.fail(COMMAND, 503, 'SERVICE_UNAVAILABLE', 'no Stripe backend is attached', { retryable: true });
  }
  let verified: unknown;
  try {
    if (!header) throw new Error('missing Stripe-Signature header');
    verified = rt.deps.verifyEvent(payload, header, stripe.webhookSecret, WEBHOOK_TOLERANCE_SEC);
  } catch (error) {
    log(400, 'signature_rejected', peekEvent(payload));
    const reason = error instanceof Error ? error.message : String(error);
    return rt.ctx.fail(COMMAND, 400, 'WEBHOOK_SIGNATURE_INVALID', `webhook signature rejected: ${reason}`);
  }
  const event = parseProviderEvent(verified);
  if (!event) {
    log(400, 'malformed_event', { id: null, type: null });
    return rt.ctx.fail(COMMAND, 400, 'INVALID_ARGUMENT', 'signed payload is not a Stripe event with id, type and data.object');
  }

  const seen = rt.store.webhookEvent(event.id);
  if (seen) {
    rt.store.updateWebhookEvent(event.id, { duplicate_deliveries: seen.duplicate_deliveries + 1 });
    log(200, 'duplicate', event);
    return rt.ctx.ok(COMMAND, { received: true, event_id: event.id, type: event.type, duplicate: true, outcome: seen.outcome });
  }
  let result;
  try {
    result = applyProviderEvent(rt, event);
  } catch (error) {
    // Not recorded as seen, so Stripe's retry gets another chance.
    log(500, 'handler_error', event);
    const reason = error instanceof Error ? error.message : String(error);
    return rt.ctx.fail(COMMAND, 500, 'WEBHOOK_HANDLER_FAILED', reason, { retryable: true });
  }
  rt.store.addWebhookEvent({
    id: event.id,
    type: event.type,
    created: event.created,
    outcome: result.outcome,
    payment_attempt_id: result.payment_attempt_id,
    received_at: nowIso(rt),
    duplicate_deliveries: 0,
  });
  log(200, result.outcome, event);
  return rt.ctx.ok(COMMAND, {
    received: true,
    event_id: event.id,
    type: event.type,
    duplicate: false,
    outcome: result.outcome,
    payment_attempt_id: result.payment_attempt_id,
  });
}
