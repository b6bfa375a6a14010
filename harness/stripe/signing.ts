/** Webhook signing and verification, delegated to the stripe SDK's own scheme (v1 HMAC-SHA256). */
import Stripe from 'stripe';
import { nowSeconds, webhookSecret } from './ids.js';

/** Value for the Stripe-Signature header of `payload`, signed with `secret` at `timestampSec`. */
export function signPayload(payload: string, secret: string, timestampSec: number = nowSeconds()): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestampSec });
}

/**
 * Verify a delivery and parse it. Throws Stripe's SignatureVerificationError when the
 * signature does not match or the timestamp is older than `toleranceSec`.
 */
export function verifyEvent(payload: string, header: string, secret: string, toleranceSec = 300): Stripe.Event {
  return Stripe.webhooks.constructEvent(payload, header, secret, toleranceSec);
}

/** A well-formed header whose signature was made with a throwaway secret, for negative tests. */
export function forgeSignature(payload: string, timestampSec: number = nowSeconds()): string {
  return signPayload(payload, webhookSecret(), timestampSec);
}
