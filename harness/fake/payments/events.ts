/** Turning a verified Stripe event into the few facts fulfilment needs. */
import { isObject, numberField, objectField, stringField, type JsonObject } from './json.js';
import type { PaymentStore, AttemptRow } from './store.js';

export interface ProviderEvent {
  id: string;
  type: string;
  /** Unix seconds. */
  created: number;
  livemode: boolean;
  object: JsonObject;
}

/** Null when the verified payload is not an event we can reason about (no id/type/object). */
export function parseProviderEvent(value: unknown): ProviderEvent | null {
  if (!isObject(value)) return null;
  const id = stringField(value, 'id');
  const type = stringField(value, 'type');
  const data = objectField(value, 'data');
  const object = data ? objectField(data, 'object') : null;
  if (!id || !type || !object) return null;
  return { id, type, created: numberField(value, 'created') ?? 0, livemode: value.livemode === true, object };
}

export function providerEventJson(event: ProviderEvent): Record<string, unknown> {
  return {
    event_id: event.id,
    type: event.type,
    created: new Date(event.created * 1000).toISOString(),
    livemode: event.livemode,
    object_id: stringField(event.object, 'id'),
  };
}

/** Find the attempt an event is about: our metadata first, then the Stripe object ids we stored. */
export function attemptForEvent(store: PaymentStore, event: ProviderEvent): AttemptRow | null {
  const metadata = objectField(event.object, 'metadata');
  const byMetadata = metadata ? stringField(metadata, 'payment_attempt_id') : null;
  if (byMetadata) {
    const attempt = store.attempt(byMetadata);
    if (attempt) return attempt;
  }
  const objectId = stringField(event.object, 'id');
  const kind = stringField(event.object, 'object');
  if (kind === 'checkout.session' && objectId) return store.attemptsWhere('checkout_session_id', objectId)[0] ?? null;
  if (kind === 'payment_intent' && objectId) return store.attemptsWhere('payment_intent_id', objectId)[0] ?? null;
  const intent = event.object.payment_intent;
  const intentId = typeof intent === 'string' ? intent : isObject(intent) ? stringField(intent, 'id') : null;
  return intentId ? (store.attemptsWhere('payment_intent_id', intentId)[0] ?? null) : null;
}

/** Amount the event says was paid, in cents, when it says so. */
export function paidAmountCents(event: ProviderEvent): number | null {
  const received = numberField(event.object, 'amount_received');
  return numberField(event.object, 'amount_total') ?? (received ? received : null) ?? numberField(event.object, 'amount');
}
