/** Stripe-looking identifiers and secrets, all drawn from crypto randomness. */
import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomAlphanumeric(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** e.g. stripeId('pi_') → 'pi_3Q0x...' (24 random characters, like live ids). */
export function stripeId(prefix: string, length = 24): string {
  return prefix + randomAlphanumeric(length);
}

export function checkoutSessionId(): string {
  return stripeId('cs_test_', 58);
}

export function webhookSecret(): string {
  return stripeId('whsec_', 32);
}

/**
 * Hosted Checkout page URL. Real ones carry a long opaque fragment after `#fid`;
 * ours is standard base64 (so it includes '+' and '/') to catch clients that drop or mangle fragments.
 */
export function checkoutPageUrl(sessionId: string): string {
  const fragment = randomBytes(96).toString('base64').replace(/=+$/, '');
  return `https://checkout.stripe.com/c/pay/${sessionId}#fid${fragment}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
