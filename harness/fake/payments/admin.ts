/**
 * Harness controls under /__admin/stripe/*: play the payer (complete Checkout, settle a
 * PaymentIntent), deliver arbitrary signed or forged events, and list what the webhook saw.
 * Every effect still travels through the real webhook endpoint over HTTP.
 */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import { deliverEvent, type DeliveryOptions, type DeliveryResult, type SignatureMode } from './delivery.js';
import { isObject, readJsonObject } from './json.js';
import type { PaymentRuntime } from './runtime.js';
import { paymentIntentObject } from './settlement.js';
import type { AttemptRow } from './store.js';

export class AdminLookupError extends Error {}

function attemptFor(rt: PaymentRuntime, ref: string, field: 'checkout_session_id' | 'payment_intent_id'): AttemptRow {
  const attempt = rt.store.attempt(ref) ?? rt.store.attemptsWhere(field, ref)[0] ?? null;
  if (!attempt) throw new AdminLookupError(`no payment attempt for ${ref}`);
  return attempt;
}

export interface AdminDelivery extends DeliveryResult {
  payment_attempt_id: string;
}

/** Mark the attempt's Checkout Session paid and deliver a signed checkout.session.completed. */
export async function completeCheckout(rt: PaymentRuntime, attemptOrSessionId: string, opts: DeliveryOptions = {}): Promise<AdminDelivery> {
  const attempt = attemptFor(rt, attemptOrSessionId, 'checkout_session_id');
  const stripe = rt.ctx.stripe;
  if (!stripe || !attempt.checkout_session_id) throw new AdminLookupError(`attempt ${attempt.id} has no Checkout Session`);
  const session = await rt.deps.completeCheckoutSession(stripe, attempt.checkout_session_id);
  const metadata = isObject(session.metadata) ? session.metadata : {};
  // stripe-mock answers with fixtures, so only the embedded backend's amounts are meaningful.
  const trustBackend = stripe.kind === 'embedded';
  const object = {
    ...session,
    amount_total: trustBackend && typeof session.amount_total === 'number' ? session.amount_total : attempt.amount_cents,
    currency: trustBackend && typeof session.currency === 'string' ? session.currency : attempt.currency.toLowerCase(),
    metadata: { ...metadata, payment_attempt_id: attempt.id, quote_id: attempt.quote_id, agent_id: attempt.agent_id },
  };
  const event = rt.deps.buildEvent('checkout.session.completed', object);
  return { ...(await deliverEvent(rt, event, opts)), payment_attempt_id: attempt.id };
}

/** Deliver a signed payment_intent.succeeded for the attempt's PaymentIntent (x402 without a chain). */
export async function succeedPaymentIntent(rt: PaymentRuntime, attemptOrIntentId: string, opts: DeliveryOptions = {}): Promise<AdminDelivery> {
  const attempt = attemptFor(rt, attemptOrIntentId, 'payment_intent_id');
  const event = rt.deps.buildEvent('payment_intent.succeeded', paymentIntentObject(attempt));
  return { ...(await deliverEvent(rt, event, opts)), payment_attempt_id: attempt.id };
}

export function webhookLog(rt: PaymentRuntime): Record<string, unknown> {
  return {
    events: rt.store.webhookEvents().map((row) => ({
      event_id: row.id,
      type: row.type,
      created: row.created,
      outcome: row.outcome,
      payment_attempt_id: row.payment_attempt_id,
      received_at: row.received_at,
      duplicate_deliveries: row.duplicate_deliveries,
    })),
    deliveries: rt.store.deliveries().map(({ seq: _seq, ...row }) => ({ delivery_id: row.id, ...row })),
  };
}

function deliveryOptions(body: Record<string, unknown>): DeliveryOptions | string {
  const signature = body.signature ?? 'valid';
  if (signature !== 'valid' && signature !== 'forged' && signature !== 'missing') return 'signature must be valid, forged or missing';
  const timestampSec = body.timestampSec ?? undefined;
  if (timestampSec !== undefined && (typeof timestampSec !== 'number' || !Number.isInteger(timestampSec))) {
    return 'timestampSec must be an integer (unix seconds)';
  }
  return { signature: signature as SignatureMode, timestampSec };
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

async function answer(work: () => Promise<unknown>): Promise<Response> {
  try {
    return json(await work());
  } catch (error) {
    const status = error instanceof AdminLookupError ? 404 : 500;
    return json({ error: error instanceof Error ? error.message : String(error) }, status);
  }
}

export function adminHandlers(rt: PaymentRuntime): HttpHandler[] {
  const withOptions = async (request: Request, run: (opts: DeliveryOptions) => Promise<AdminDelivery>) => {
    const body = (await readJsonObject(request)) ?? {};
    const opts = deliveryOptions(body);
    if (typeof opts === 'string') return json({ error: opts }, 400);
    return answer(async () => {
      const result = await run(opts);
      return { ...result, delivery_status: result.status };
    });
  };
  return [
    http.post('*/__admin/stripe/checkout-sessions/:id/complete', ({ request, params }) =>
      withOptions(request, (opts) => completeCheckout(rt, String(params.id), opts)),
    ),
    http.post('*/__admin/stripe/payment-intents/:id/succeed', ({ request, params }) =>
      withOptions(request, (opts) => succeedPaymentIntent(rt, String(params.id), opts)),
    ),
    http.post('*/__admin/stripe/deliver', async ({ request }) => {
      const body = await readJsonObject(request);
      if (!body || !isObject(body.event)) return json({ error: 'body must be {event: object, signature?, timestampSec?}' }, 400);
      const opts = deliveryOptions(body);
      if (typeof opts === 'string') return json({ error: opts }, 400);
      const event = body.event;
      return answer(() => deliverEvent(rt, event, opts));
    }),
    http.get('*/__admin/stripe/events', () => json(webhookLog(rt))),
  ];
}
