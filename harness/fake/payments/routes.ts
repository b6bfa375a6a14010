/** Public payment routes of the fake (patterns carry a leading `*` so they match any origin). */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import { creditPacksData, paymentMethodsData } from './catalog.js';
import { handleCheckoutPurchase } from './checkout.js';
import { handleCreateQuote } from './quotes.js';
import { railAvailability, type PaymentRuntime } from './runtime.js';
import { handleStatus } from './status.js';
import { attemptState } from './views.js';
import { handleStripeWebhook } from './webhook.js';
import { handleX402Purchase } from './x402.js';

export function publicHandlers(rt: PaymentRuntime): HttpHandler[] {
  return [
    // No auth on the catalogs: the Authorization header is never read.
    http.get('*/v1/payment-methods', () => rt.ctx.ok('credits methods', paymentMethodsData(railAvailability(rt)), { actor: null })),
    http.get('*/v1/credit-packs', () => rt.ctx.ok('credits packs list', creditPacksData(), { actor: null })),
    http.post('*/v1/credit-quotes', ({ request }) => handleCreateQuote(rt, request)),
    http.post('*/v1/credit-purchases/stripe-checkout-sessions', ({ request }) => handleCheckoutPurchase(rt, request)),
    http.post('*/v1/credit-purchases/stripe-x402-deposits', ({ request }) => handleX402Purchase(rt, request)),
    http.get('*/v1/credit-purchases/status', ({ request }) => handleStatus(rt, request)),
    http.post('*/v1/webhooks/stripe', ({ request }) => handleStripeWebhook(rt, request)),
    http.get('*/pay/:attemptId', ({ params }) => {
      const attempt = rt.store.attempt(String(params.attemptId));
      if (!attempt || !attempt.checkout_url) {
        return rt.ctx.fail('pay', 404, 'NOT_FOUND', `no Checkout handoff for ${String(params.attemptId)}`);
      }
      return new Response(null, { status: 302, headers: { location: attempt.checkout_url, 'cache-control': 'no-store' } });
    }),
    // Where Checkout sends the payer back; shows the attempt state without granting anything.
    http.get('*/pay/:attemptId/done', ({ params }) => {
      const attempt = rt.store.attempt(String(params.attemptId));
      if (!attempt) return rt.ctx.fail('pay', 404, 'NOT_FOUND', `no payment attempt ${String(params.attemptId)}`);
      return rt.ctx.ok('pay', { payment_attempt_id: attempt.id, state: attemptState(rt, attempt) }, { actor: null });
    }),
  ];
}
