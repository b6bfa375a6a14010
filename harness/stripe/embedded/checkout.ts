/** /v1/checkout/sessions on the embedded backend, plus the "customer paid" transition. */
import { StripeApiError, invalidParam, missingParam, noSuchResource } from './errors.js';
import type { FormObject, FormValue } from './form.js';
import {
  currency, metadata, optionalString, parseInteger, rejectUnknown, stringArray, subObject,
} from './params.js';
import { newPaymentIntent } from './payment-intents.js';
import { recordEvent, type EmbeddedState, type RequestOrigin, type StoredLineItem, type StripeObject } from './state.js';
import { checkoutPageUrl, checkoutSessionId, nowSeconds } from '../ids.js';

// Every parameter the SDK's SessionCreateParams knows. We interpret a few; the rest are accepted
// and ignored, while names outside this list are refused like the real API does.
const CREATE_PARAMS = [
  'adaptive_pricing', 'after_expiration', 'allow_promotion_codes', 'allowed_payment_method_types',
  'automatic_tax', 'billing_address_collection', 'branding_settings', 'cancel_url', 'client_reference_id',
  'consent_collection', 'currency', 'custom_fields', 'custom_text', 'customer', 'customer_account',
  'customer_creation', 'customer_email', 'customer_update', 'discounts', 'excluded_payment_method_types',
  'expand', 'expires_at', 'integration_identifier', 'invoice_creation', 'line_items', 'locale',
  'managed_payments', 'metadata', 'mode', 'name_collection', 'optional_items', 'origin_context',
  'payment_intent_data', 'payment_method_collection', 'payment_method_configuration', 'payment_method_data',
  'payment_method_options', 'permissions', 'phone_number_collection', 'redirect_on_completion', 'return_url',
  'saved_payment_method_options', 'setup_intent_data', 'shipping_address_collection', 'shipping_options',
  'submit_type', 'subscription_data', 'success_url', 'tax_id_collection', 'ui_mode', 'wallet_options',
  // older API versions (and stripe-mock fixtures) still use this name
  'payment_method_types',
] as const;
const MODES = ['payment', 'setup', 'subscription'];
const DAY_SEC = 24 * 60 * 60;
const MIN_EXPIRY_SEC = 30 * 60;

function lineItem(raw: FormValue, index: number): StoredLineItem {
  const name = `line_items[${index}]`;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidParam(name, 'expected a hash');
  if (raw.price !== undefined) {
    throw new StripeApiError(400, 'invalid_request_error', 'resource_missing',
      `No such price: '${String(raw.price)}' (the embedded backend only knows price_data)`, `${name}[price]`);
  }
  const priceData = subObject(raw, 'price_data');
  if (!priceData) throw missingParam(`${name}[price_data]`);
  const unitAmount = parseInteger(priceData.unit_amount, `${name}[price_data][unit_amount]`, 0);
  if (unitAmount === null) throw missingParam(`${name}[price_data][unit_amount]`);
  const quantity = parseInteger(raw.quantity, `${name}[quantity]`, 1);
  if (quantity === null) throw missingParam(`${name}[quantity]`);
  const product = subObject(priceData, 'product_data');
  return {
    description: (product && optionalString(product, 'name')) ?? 'Item',
    currency: currency(priceData, 'currency'),
    unitAmount,
    quantity,
  };
}

function lineItems(params: FormObject): StoredLineItem[] {
  const raw = params.line_items;
  if (raw === undefined || raw === '') return [];
  if (!Array.isArray(raw)) throw invalidParam('line_items', 'expected an array');
  const items = raw.map(lineItem);
  if (new Set(items.map((item) => item.currency)).size > 1) {
    throw invalidParam('line_items', 'all line items must use the same currency');
  }
  return items;
}

function expiresAt(params: FormObject, created: number): number {
  const requested = parseInteger(params.expires_at, 'expires_at', 0);
  if (requested === null) return created + DAY_SEC;
  if (requested < created + MIN_EXPIRY_SEC || requested > created + DAY_SEC) {
    throw invalidParam('expires_at', 'must be between 30 minutes and 24 hours from now');
  }
  return requested;
}

export function createCheckoutSession(state: EmbeddedState, params: FormObject, origin: RequestOrigin): StripeObject {
  rejectUnknown(params, CREATE_PARAMS);
  const mode = optionalString(params, 'mode');
  if (mode === null) throw missingParam('mode');
  if (!MODES.includes(mode)) throw invalidParam('mode', `expected one of ${MODES.join(', ')}`);
  const items = lineItems(params);
  if (mode === 'payment' && items.length === 0) throw missingParam('line_items');
  const sessionCurrency = items[0]?.currency ?? (params.currency === undefined ? null : currency(params, 'currency'));
  const amount = items.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
  const allowed = stringArray(params, 'allowed_payment_method_types');
  const intentData = subObject(params, 'payment_intent_data');
  const intentMetadata = intentData ? metadata(intentData) : {};
  const created = nowSeconds();
  const id = checkoutSessionId();
  const session: StripeObject = {
    id,
    object: 'checkout.session',
    amount_subtotal: amount,
    amount_total: amount,
    cancel_url: optionalString(params, 'cancel_url'),
    client_reference_id: optionalString(params, 'client_reference_id'),
    created,
    currency: sessionCurrency,
    customer: optionalString(params, 'customer'),
    customer_details: null,
    customer_email: optionalString(params, 'customer_email'),
    expires_at: expiresAt(params, created),
    livemode: false,
    locale: optionalString(params, 'locale'),
    metadata: metadata(params),
    mode,
    payment_intent: null,
    allowed_payment_method_types: allowed,
    payment_method_types: allowed ?? stringArray(params, 'payment_method_types') ?? ['card'],
    setup_intent: null,
    subscription: null,
    invoice: null,
    payment_link: null,
    payment_status: 'unpaid',
    status: 'open',
    success_url: optionalString(params, 'success_url'),
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: optionalString(params, 'ui_mode') ?? 'hosted',
    url: checkoutPageUrl(id),
  };
  state.checkoutSessions.set(id, session);
  state.checkoutLineItems.set(id, items);
  state.checkoutIntentMetadata.set(id, intentMetadata);
  return session;
}

function storedSession(state: EmbeddedState, id: string): StripeObject {
  const session = state.checkoutSessions.get(id);
  if (!session) throw noSuchResource('checkout.session', id, 'session');
  return session;
}

/** Supports `expand[]=payment_intent`; other expansions are rejected like unknown fields. */
export function retrieveCheckoutSession(state: EmbeddedState, id: string, params: FormObject): StripeObject {
  rejectUnknown(params, ['expand']);
  const session = storedSession(state, id);
  const expand = stringArray(params, 'expand') ?? [];
  for (const path of expand) {
    if (path !== 'payment_intent') throw invalidParam('expand', `this property cannot be expanded (${path})`);
  }
  if (expand.includes('payment_intent') && typeof session.payment_intent === 'string') {
    return { ...session, payment_intent: state.paymentIntents.get(session.payment_intent) ?? null };
  }
  return session;
}

export function expireCheckoutSession(state: EmbeddedState, id: string, params: FormObject, origin: RequestOrigin): StripeObject {
  rejectUnknown(params, ['expand']);
  const session = storedSession(state, id);
  if (session.status !== 'open') {
    throw new StripeApiError(400, 'invalid_request_error', 'checkout_session_not_open',
      `Session ${id} is ${String(session.status)}; only open sessions can be expired.`);
  }
  session.status = 'expired';
  session.url = null;
  recordEvent(state, 'checkout.session.expired', session, origin);
  return session;
}

/**
 * What Stripe does when the payer finishes the hosted page: a succeeded PaymentIntent,
 * the session marked complete/paid, and the matching events. Completing twice is a no-op.
 */
export function markCheckoutSessionPaid(state: EmbeddedState, id: string): StripeObject {
  const session = storedSession(state, id);
  if (session.status === 'complete') return session;
  if (session.status !== 'open') {
    throw new StripeApiError(400, 'invalid_request_error', 'checkout_session_not_open',
      `Session ${id} is ${String(session.status)} and can no longer be paid.`);
  }
  const intent = newPaymentIntent({
    amount: Number(session.amount_total),
    currency: String(session.currency ?? 'usd'),
    metadata: state.checkoutIntentMetadata.get(id) ?? {},
    paymentMethodTypes: ['card'],
    allowedPaymentMethodTypes: null,
    description: null,
    status: 'succeeded',
  });
  state.paymentIntents.set(String(intent.id), intent);
  Object.assign(session, {
    status: 'complete',
    payment_status: 'paid',
    payment_intent: intent.id,
    url: null,
    customer_details: { email: session.customer_email ?? 'payer@example.test', name: null, phone: null },
  });
  recordEvent(state, 'payment_intent.succeeded', intent, null);
  recordEvent(state, 'checkout.session.completed', session, null);
  return session;
}
