/** In-memory objects of the embedded backend. Stored objects are the exact JSON we answer with. */
import { buildEvent } from '../events.js';
import { nowSeconds } from '../ids.js';

export type StripeObject = Record<string, unknown>;

/** The API request being served, recorded on the events it causes. */
export interface RequestOrigin {
  requestId: string | null;
  idempotencyKey: string | null;
}

export interface StoredLineItem {
  description: string;
  currency: string;
  unitAmount: number;
  quantity: number;
}

export interface EmbeddedState {
  checkoutSessions: Map<string, StripeObject>;
  /** Line items are not part of the session JSON (the API exposes them separately). */
  checkoutLineItems: Map<string, StoredLineItem[]>;
  /** payment_intent_data[metadata] of a session, copied onto the PaymentIntent made when it is paid. */
  checkoutIntentMetadata: Map<string, Record<string, string>>;
  paymentIntents: Map<string, StripeObject>;
  /** Oldest first. */
  events: StripeObject[];
}

export function createState(): EmbeddedState {
  return { checkoutSessions: new Map(), checkoutLineItems: new Map(), checkoutIntentMetadata: new Map(), paymentIntents: new Map(), events: [] };
}

export function recordEvent(state: EmbeddedState, type: string, object: StripeObject, origin: RequestOrigin | null): StripeObject {
  const event = buildEvent(type, structuredClone(object), {
    createdSec: nowSeconds(),
    request: { id: origin?.requestId ?? null, idempotency_key: origin?.idempotencyKey ?? null },
    pendingWebhooks: 0,
  });
  state.events.push(event);
  return event;
}
