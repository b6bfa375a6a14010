/** Signing an event and POSTing it to the fake's own webhook endpoint over real HTTP. */
import { randomBytes } from 'node:crypto';
import type { PaymentRuntime } from './runtime.js';

export type SignatureMode = 'valid' | 'forged' | 'missing';

export interface DeliveryOptions {
  signature?: SignatureMode;
  /** Signature timestamp (unix seconds); an old one makes a stale delivery. */
  timestampSec?: number;
}

export interface DeliveryResult {
  event_id: string | null;
  status: number;
  body: unknown;
}

/** Events this runtime has delivered, by id, as first sent (what `resend` redelivers). */
const sentEvents = new WeakMap<PaymentRuntime, Map<string, Record<string, unknown>>>();

export function sentEvent(rt: PaymentRuntime, eventId: string): Record<string, unknown> | null {
  return sentEvents.get(rt)?.get(eventId) ?? null;
}

export function forgetSentEvents(rt: PaymentRuntime): void {
  sentEvents.delete(rt);
}

export async function deliverEvent(
  rt: PaymentRuntime,
  event: Record<string, unknown>,
  opts: DeliveryOptions = {},
): Promise<DeliveryResult> {
  const payload = JSON.stringify(event);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const mode = opts.signature ?? 'valid';
  if (mode !== 'missing') {
    const secret = mode === 'valid' && rt.ctx.stripe ? rt.ctx.stripe.webhookSecret : `whsec_${randomBytes(24).toString('hex')}`;
    headers['stripe-signature'] = rt.deps.signPayload(payload, secret, opts.timestampSec);
  }
  const eventId = typeof event.id === 'string' ? event.id : null;
  if (eventId !== null) {
    const archive = sentEvents.get(rt) ?? new Map<string, Record<string, unknown>>();
    sentEvents.set(rt, archive);
    if (!archive.has(eventId)) archive.set(eventId, structuredClone(event));
  }
  rt.ctx.note(`stripe webhook delivery ${eventId ?? '(no id)'} ${String(event.type)} signature=${mode}`);
  const response = await fetch(`${rt.ctx.origin()}/v1/webhooks/stripe`, { method: 'POST', headers, body: payload });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the raw text
  }
  return { event_id: eventId, status: response.status, body };
}
