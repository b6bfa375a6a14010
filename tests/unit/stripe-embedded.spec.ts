import { test, expect } from '@playwright/test';
import Stripe from 'stripe';
import { createStripeClient } from '../../harness/stripe/client.js';
import { completeCheckoutSession } from '../../harness/stripe/embedded.js';
import { startEmbeddedStripe, type StripeBackend } from '../../harness/stripe/index.js';

let backend: StripeBackend;
let stripe: Stripe;

test.beforeEach(async () => {
  backend = await startEmbeddedStripe();
  stripe = backend.client;
});
test.afterEach(async () => {
  await backend.stop();
});

function createSession(extra: Partial<Stripe.Checkout.SessionCreateParams> = {}, options?: Stripe.RequestOptions) {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    success_url: 'http://127.0.0.1:9/done',
    cancel_url: 'http://127.0.0.1:9/cancel',
    metadata: { quote_id: 'quote_1', agent_id: 'agent_1' },
    line_items: [
      { quantity: 2, price_data: { currency: 'usd', unit_amount: 450, product_data: { name: 'Credits' } } },
      { quantity: 1, price_data: { currency: 'usd', unit_amount: 100, product_data: { name: 'Fee' } } },
    ],
    ...extra,
  }, options);
}

async function rawRequest(method: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(backend.url + path, { method, headers });
  return { status: response.status, body: (await response.json()) as { error?: Record<string, unknown> } };
}

test('checkout session: create and retrieve', async () => {
  const session = await createSession();
  expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]{20,}$/);
  expect(session.object).toBe('checkout.session');
  expect(session.url).toMatch(new RegExp(`^https://checkout\\.stripe\\.com/c/pay/${session.id}#fid[A-Za-z0-9+/]{100,}$`));
  expect(session).toMatchObject({
    status: 'open', payment_status: 'unpaid', amount_total: 1000, currency: 'usd', mode: 'payment',
    metadata: { quote_id: 'quote_1', agent_id: 'agent_1' }, payment_intent: null,
    success_url: 'http://127.0.0.1:9/done', cancel_url: 'http://127.0.0.1:9/cancel', livemode: false,
  });
  expect(session.expires_at - session.created).toBe(24 * 60 * 60);
  expect(await stripe.checkout.sessions.retrieve(session.id)).toEqual(session);
});

test('checkout session: validation errors are Stripe errors with the right param', async () => {
  const missingItems = await stripe.checkout.sessions.create({ mode: 'payment' }).catch((e: unknown) => e);
  expect(missingItems).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(missingItems).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'line_items' });

  const unknown = await createSession({ bogus_field: 'x' } as Partial<Stripe.Checkout.SessionCreateParams>).catch((e: unknown) => e);
  expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'bogus_field' });

  const missing = await stripe.checkout.sessions.retrieve('cs_test_nope').catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
});

test('checkout session: expire once, then it can be neither expired nor paid again', async () => {
  const session = await createSession();
  const expired = await stripe.checkout.sessions.expire(session.id);
  expect(expired).toMatchObject({ id: session.id, status: 'expired', payment_status: 'unpaid', url: null });
  expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('expired');
  await expect(stripe.checkout.sessions.expire(session.id)).rejects.toMatchObject({ statusCode: 400 });
  await expect(completeCheckoutSession(backend, session.id)).rejects.toThrow(/can no longer be paid/);
  const events = await stripe.events.list({ type: 'checkout.session.expired' });
  expect(events.data.map((e) => (e.data.object as { id: string }).id)).toEqual([session.id]);
});

test('completing a session pays it and emits events listed newest first', async () => {
  const session = await createSession({ payment_intent_data: { metadata: { payment_attempt_id: 'pa_9' } } });
  const completed = await completeCheckoutSession(backend, session.id);
  expect(completed).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid' });
  expect(String(completed.payment_intent)).toMatch(/^pi_/);
  expect(await completeCheckoutSession(backend, session.id)).toEqual(completed); // idempotent

  const retrieved = await stripe.checkout.sessions.retrieve(session.id, { expand: ['payment_intent'] });
  const intent = retrieved.payment_intent as Stripe.PaymentIntent;
  expect(intent).toMatchObject({ id: completed.payment_intent, object: 'payment_intent', status: 'succeeded', amount: 1000, currency: 'usd',
    metadata: { payment_attempt_id: 'pa_9' } });

  const events = await stripe.events.list();
  expect(events.data.map((e) => e.type)).toEqual(['checkout.session.completed', 'payment_intent.succeeded']);
  const [completedEvent] = events.data;
  expect(completedEvent.id).toMatch(/^evt_/);
  expect(completedEvent.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', metadata: { quote_id: 'quote_1' } });
  expect((await stripe.events.retrieve(completedEvent.id)).id).toBe(completedEvent.id);

  const page = await stripe.events.list({ limit: 1 });
  expect(page.has_more).toBe(true);
  const next = await stripe.events.list({ limit: 1, starting_after: page.data[0].id });
  expect(next.data.map((e) => e.type)).toEqual(['payment_intent.succeeded']);
  expect(next.has_more).toBe(false);
  expect((await stripe.events.list({ types: ['checkout.session.*'] })).data).toHaveLength(1);
});

test('payment intents: create, retrieve, validation', async () => {
  const intent = await stripe.paymentIntents.create({
    amount: 2500, currency: 'usd', allowed_payment_method_types: ['crypto'], metadata: { attempt: 'pa_1' },
  });
  expect(intent.id).toMatch(/^pi_[A-Za-z0-9]{24}$/);
  expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_[A-Za-z0-9]+$`));
  expect(intent).toMatchObject({
    object: 'payment_intent', amount: 2500, currency: 'usd', status: 'requires_action',
    payment_method_types: ['crypto'], allowed_payment_method_types: ['crypto'], metadata: { attempt: 'pa_1' },
  });
  expect(await stripe.paymentIntents.retrieve(intent.id)).toEqual(intent);
  expect((await stripe.events.list({ type: 'payment_intent.created' })).data[0].data.object).toMatchObject({ id: intent.id });

  await expect(stripe.paymentIntents.create({ currency: 'usd' } as Stripe.PaymentIntentCreateParams))
    .rejects.toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'amount' });
  await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
});

test('idempotency keys replay the first answer and refuse different parameters', async () => {
  const first = await createSession({}, { idempotencyKey: 'key-1' });
  const again = await createSession({}, { idempotencyKey: 'key-1' });
  expect(again.id).toBe(first.id);
  expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
  const other = await createSession({}, { idempotencyKey: 'key-2' });
  expect(other.id).not.toBe(first.id);
  await expect(createSession({ metadata: { quote_id: 'different' } }, { idempotencyKey: 'key-1' }))
    .rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  const intentA = await stripe.paymentIntents.create({ amount: 100, currency: 'usd' }, { idempotencyKey: 'pi-key' });
  const intentB = await stripe.paymentIntents.create({ amount: 100, currency: 'usd' }, { idempotencyKey: 'pi-key' });
  expect(intentB.id).toBe(intentA.id);
});

test('authentication and unknown routes answer with Stripe-shaped errors', async () => {
  const noKey = await rawRequest('GET', '/v1/events');
  expect(noKey.status).toBe(401);
  expect(noKey.body.error).toMatchObject({ type: 'invalid_request_error', code: 'api_key_missing' });

  const liveKey = createStripeClient(backend.url, 'sk_live_not_allowed');
  await expect(liveKey.events.list()).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);

  const unknown = await rawRequest('GET', '/v1/customers', { authorization: 'Bearer sk_test_abc' });
  expect(unknown.status).toBe(404);
  expect(unknown.body.error).toMatchObject({ type: 'invalid_request_error', code: 'resource_missing' });
  expect(String(unknown.body.error?.message)).toContain('/v1/customers');

  const wrongMethod = await rawRequest('DELETE', '/v1/checkout/sessions', { authorization: 'Bearer sk_test_abc' });
  expect(wrongMethod.status).toBe(404);
});
