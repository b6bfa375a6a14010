/** Commands the service suggests to agents. All start with `image-skill ` and must run as printed. */
import { providerFlagFor } from './catalog.js';
import type { PaymentMethodId } from './store.js';

export interface QuoteTerms {
  credits: number;
  pack_id: string | null;
  payment_method: PaymentMethodId;
}

export function quoteCommand(terms: QuoteTerms, idempotencyKey: string): string {
  const amount = terms.pack_id ? `--pack ${terms.pack_id}` : `--credits ${terms.credits}`;
  return `image-skill credits quote ${amount} --payment-method ${terms.payment_method} --idempotency-key ${idempotencyKey} --json`;
}

export function buyCommand(method: PaymentMethodId, quoteId: string, idempotencyKey = 'KEY'): string {
  return `image-skill credits buy --provider ${providerFlagFor(method)} --quote-id ${quoteId} --idempotency-key ${idempotencyKey} --json`;
}

export function statusCommand(reference: { payment_attempt_id?: string; quote_id?: string }): string {
  if (reference.payment_attempt_id) {
    return `image-skill credits status --payment-attempt-id ${reference.payment_attempt_id} --json`;
  }
  return `image-skill credits status --quote-id ${reference.quote_id ?? 'QUOTE_ID'} --json`;
}

export const QUOTA_COMMAND = 'image-skill usage quota --json';
