/** Stripe-shaped event envelopes (the JSON a webhook delivery carries). */
import Stripe from 'stripe';
import { nowSeconds, stripeId } from './ids.js';

export interface BuildEventOptions {
  id?: string;
  createdSec?: number;
  /** The API request that caused the event; null fields when it was not caused by a request. */
  request?: { id: string | null; idempotency_key: string | null };
  previousAttributes?: Record<string, unknown>;
  pendingWebhooks?: number;
}

export function buildEvent(
  type: string,
  object: Record<string, unknown>,
  opts: BuildEventOptions = {},
): Record<string, unknown> {
  const data: Record<string, unknown> = { object };
  if (opts.previousAttributes) data.previous_attributes = opts.previousAttributes;
  return {
    id: opts.id ?? stripeId('evt_'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: opts.createdSec ?? nowSeconds(),
    data,
    livemode: false,
    pending_webhooks: opts.pendingWebhooks ?? 1,
    request: opts.request ?? { id: null, idempotency_key: null },
    type,
  };
}
