/** JSON shapes of payment attempts as buy and status return them. */
import { USDC_DECIMALS, X402_METHOD } from './catalog.js';
import { QUOTA_COMMAND, statusCommand } from './commands.js';
import type { PaymentRuntime } from './runtime.js';
import type { AttemptRow } from './store.js';

function afterCheckout(attemptId: string): string {
  return (
    'Open checkout_handoff_url (or checkout_compact_url); the raw checkout_url is only a fallback and its # fragment must be kept. ' +
    `Afterwards check ${statusCommand({ payment_attempt_id: attemptId })} (the balance shows in ${QUOTA_COMMAND}). ` +
    'Credits arrive only once a verified webhook has fulfilled the payment.'
  );
}

export function handoffUrl(rt: PaymentRuntime, attemptId: string): string {
  return `${rt.ctx.origin()}/pay/${attemptId}`;
}

/** "5.00" for 500 cents. */
export function centsToDecimal(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${whole}.${rest}`;
}

export function payableInstructions(attempt: AttemptRow): Record<string, unknown> | null {
  if (attempt.method !== X402_METHOD || !attempt.deposit_address) return null;
  return {
    kind: 'stripe_crypto_deposit',
    network: 'base',
    token_currency: 'usdc',
    token_decimals: USDC_DECIMALS,
    token_amount: centsToDecimal(attempt.amount_cents),
    token_amount_atomic: attempt.token_amount_atomic,
    amount_cents: attempt.amount_cents,
    amount_usd: centsToDecimal(attempt.amount_cents),
    deposit_address: attempt.deposit_address,
    token_contract_address: attempt.token_contract_address,
    supported_token_currencies: ['usdc'],
    expires_at: attempt.expires_at,
    exact_amount_required: true,
  };
}

export function x402Block(attempt: AttemptRow): Record<string, unknown> {
  return {
    method_id: X402_METHOD,
    scheme: 'exact',
    network: 'base',
    token_currency: 'usdc',
    deposit_address_present: attempt.deposit_address !== null,
    payable_instructions: payableInstructions(attempt),
    redacted: {
      payment_intent_id: '[redacted-stripe-payment-intent]',
      deposit_address: '[redacted-stripe-crypto-deposit-address]',
      client_secret: '[redacted-stripe-client-secret]',
    },
  };
}

/** Public state of an attempt (the status endpoint's `state`). */
export function attemptState(rt: PaymentRuntime, attempt: AttemptRow): string {
  if (attempt.status === 'requires_action') {
    return Date.parse(attempt.expires_at) <= rt.ctx.now().getTime() ? 'expired' : 'action_required';
  }
  return attempt.status;
}

function commonFields(rt: PaymentRuntime, attempt: AttemptRow): Record<string, unknown> {
  return {
    state: attemptState(rt, attempt),
    quote_id: attempt.quote_id,
    payment_attempt_id: attempt.id,
    provider: 'stripe',
    accepted_payment_method: attempt.method,
    credits: attempt.credits,
    amount_cents: attempt.amount_cents,
    currency: attempt.currency,
    live_money: true,
    expires_at: attempt.expires_at,
    idempotency_key: attempt.idempotency_key,
  };
}

/** The action-required answer of POST /v1/credit-purchases/* (also replayed for the same key). */
export function purchaseJson(rt: PaymentRuntime, attempt: AttemptRow): Record<string, unknown> {
  const status = statusCommand({ payment_attempt_id: attempt.id });
  if (attempt.method === X402_METHOD) {
    return {
      ...commonFields(rt, attempt),
      stripe_x402: x402Block(attempt),
      next: { agent_action: 'pay_stripe_crypto_deposit', suggested_commands: [status, QUOTA_COMMAND] },
    };
  }
  const handoff = handoffUrl(rt, attempt.id);
  return {
    ...commonFields(rt, attempt),
    checkout_session_id: attempt.checkout_session_id,
    checkout_handoff_url: handoff,
    checkout_compact_url: handoff,
    checkout_url: attempt.checkout_url,
    next: {
      human_action: 'open_checkout_url',
      checkout_handoff_url: handoff,
      checkout_compact_url: handoff,
      fallback_checkout_url: attempt.checkout_url,
      after_payment: afterCheckout(attempt.id),
      suggested_commands: [status, QUOTA_COMMAND],
    },
  };
}
