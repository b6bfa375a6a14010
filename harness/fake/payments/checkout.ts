/** POST /v1/credit-purchases/stripe-checkout-sessions: a Checkout Session created through the SDK. */
import { randomBytes } from 'node:crypto';
import { CHECKOUT_METHOD, CHECKOUT_TTL_MS } from './catalog.js';
import { attemptFromQuote, handlePurchase, type AttemptCreator } from './purchase.js';
import { isoAfter, type PaymentRuntime } from './runtime.js';
import { newAttemptRow } from './store.js';
import { handoffUrl } from './views.js';

/** Stripe needs the `#...` fragment in the browser; make sure the URL we hand out has one. */
export function withFragment(url: string): string {
  if (url.includes('#')) return url;
  return `${url}#fid${randomBytes(96).toString('base64url')}`;
}

const createCheckoutAttempt: AttemptCreator = async (rt, input) => {
  const { agent, quote } = input;
  const stripe = rt.ctx.stripe;
  if (!stripe) throw new Error('no Stripe backend');
  const attemptId = rt.ctx.newId('payatt');
  const metadata = { payment_attempt_id: attemptId, quote_id: quote.id, agent_id: agent.agent_id };
  const session = await stripe.client.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: 'usd',
            unit_amount: quote.price_amount_cents,
            product_data: { name: `${quote.credits} Image Skill credits` },
          },
        },
      ],
      client_reference_id: attemptId,
      success_url: `${handoffUrl(rt, attemptId)}/done`,
      cancel_url: `${handoffUrl(rt, attemptId)}/done`,
      metadata,
      payment_intent_data: { metadata },
    },
    { idempotencyKey: `image-skill-${attemptId}` },
  );
  const attempt = rt.store.addAttempt(
    newAttemptRow({
      ...attemptFromQuote(rt, attemptId, input, CHECKOUT_METHOD),
      checkout_session_id: session.id,
      checkout_url: withFragment(session.url ?? `https://checkout.stripe.com/c/pay/${session.id}`),
      expires_at: isoAfter(rt, CHECKOUT_TTL_MS),
    }),
  );
  rt.ctx.ledger.addActivity(agent.agent_id, {
    type: 'payment.checkout_session.created',
    summary: `Stripe Checkout opened for ${quote.credits} credits; waiting for the payer`,
    operation: 'credits.buy',
    subject: { type: 'payment_attempt', id: attemptId },
    links: { quote_id: quote.id, payment_attempt_id: attemptId, checkout_session_id: session.id },
    status: 'action_required',
  });
  return attempt;
};

export function handleCheckoutPurchase(rt: PaymentRuntime, request: Request): Promise<Response> {
  return handlePurchase(rt, request, CHECKOUT_METHOD, createCheckoutAttempt);
}
