/**
 * POST /v1/credit-purchases/stripe-x402-deposits: a PaymentIntent through the SDK plus a fresh
 * Base deposit address per attempt. Creating it moves no balance; settlement.ts watches the address.
 */
import { ATOMIC_UNITS_PER_CENT, X402_DEPOSIT_TTL_MS, X402_METHOD } from './catalog.js';
import { attemptFromQuote, handlePurchase, type AttemptCreator } from './purchase.js';
import { isoAfter, type PaymentRuntime } from './runtime.js';
import { newAttemptRow } from './store.js';

/**
 * A new address whose key is thrown away at once: funds sent there are only observed, never
 * moved. viem loads here (already loaded by the chain this needs), not with every fake.
 */
async function freshDepositAddress(): Promise<string> {
  const { generatePrivateKey, privateKeyToAccount } = await import('viem/accounts');
  return privateKeyToAccount(generatePrivateKey()).address;
}

export function atomicAmount(amountCents: number): string {
  return (BigInt(amountCents) * ATOMIC_UNITS_PER_CENT).toString();
}

const createDepositAttempt: AttemptCreator = async (rt, input) => {
  const { agent, quote } = input;
  const stripe = rt.ctx.stripe;
  const chain = rt.ctx.chain;
  if (!stripe || !chain) throw new Error('x402 needs both a Stripe backend and a chain');
  const attemptId = rt.ctx.newId('payatt');
  const intent = await stripe.client.paymentIntents.create(
    {
      amount: quote.price_amount_cents,
      currency: 'usd',
      description: `${quote.credits} Image Skill credits (Base USDC deposit)`,
      metadata: { payment_attempt_id: attemptId, quote_id: quote.id, agent_id: agent.agent_id },
    },
    { idempotencyKey: `image-skill-${attemptId}` },
  );
  const depositAddress = await freshDepositAddress();
  const attempt = rt.store.addAttempt(
    newAttemptRow({
      ...attemptFromQuote(rt, attemptId, input, X402_METHOD),
      payment_intent_id: intent.id,
      deposit_address: depositAddress,
      token_contract_address: chain.usdc,
      token_amount_atomic: atomicAmount(quote.price_amount_cents),
      expires_at: isoAfter(rt, X402_DEPOSIT_TTL_MS),
    }),
  );
  rt.settlement.register(attemptId, depositAddress);
  return attempt;
};

export function handleX402Purchase(rt: PaymentRuntime, request: Request): Promise<Response> {
  return handlePurchase(rt, request, X402_METHOD, createDepositAttempt);
}
