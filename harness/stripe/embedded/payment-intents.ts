/** /v1/payment_intents on the embedded backend. */
import { noSuchResource } from './errors.js';
import type { FormObject } from './form.js';
import { currency, metadata, optionalString, rejectUnknown, requiredInteger, stringArray } from './params.js';
import { recordEvent, type EmbeddedState, type RequestOrigin, type StripeObject } from './state.js';
import { nowSeconds, randomAlphanumeric, stripeId } from '../ids.js';

// Every parameter the SDK's PaymentIntentCreateParams knows (see checkout.ts for the policy).
const CREATE_PARAMS = [
  'amount', 'currency', 'allowed_payment_method_types', 'amount_details', 'application_fee_amount',
  'automatic_payment_methods', 'capture_method', 'confirm', 'confirmation_method', 'confirmation_token',
  'customer', 'customer_account', 'description', 'error_on_requires_action', 'excluded_payment_method_types',
  'expand', 'hooks', 'mandate', 'mandate_data', 'metadata', 'off_session', 'on_behalf_of', 'payment_details',
  'payment_method', 'payment_method_configuration', 'payment_method_data', 'payment_method_options',
  'radar_options', 'receipt_email', 'return_url', 'setup_future_usage', 'shipping', 'statement_descriptor',
  'statement_descriptor_suffix', 'transfer_data', 'transfer_group', 'use_stripe_sdk',
  // older API versions (and stripe-mock fixtures) still use this name
  'payment_method_types',
] as const;

interface PaymentIntentInit {
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  paymentMethodTypes: string[];
  allowedPaymentMethodTypes: string[] | null;
  description: string | null;
  status: string;
}

export function newPaymentIntent(init: PaymentIntentInit): StripeObject {
  const id = stripeId('pi_');
  const succeeded = init.status === 'succeeded';
  return {
    id,
    object: 'payment_intent',
    amount: init.amount,
    amount_capturable: 0,
    amount_received: succeeded ? init.amount : 0,
    allowed_payment_method_types: init.allowedPaymentMethodTypes,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomAlphanumeric(25)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency: init.currency,
    customer: null,
    description: init.description,
    last_payment_error: null,
    latest_charge: succeeded ? stripeId('ch_') : null,
    livemode: false,
    metadata: init.metadata,
    next_action: null,
    payment_method: succeeded ? stripeId('pm_') : null,
    payment_method_types: init.paymentMethodTypes,
    receipt_email: null,
    status: init.status,
  };
}

export function createPaymentIntent(state: EmbeddedState, params: FormObject, origin: RequestOrigin): StripeObject {
  rejectUnknown(params, CREATE_PARAMS);
  const allowed = stringArray(params, 'allowed_payment_method_types');
  const intent = newPaymentIntent({
    amount: requiredInteger(params, 'amount', 1),
    currency: currency(params, 'currency'),
    metadata: metadata(params),
    paymentMethodTypes: allowed ?? stringArray(params, 'payment_method_types') ?? ['card'],
    allowedPaymentMethodTypes: allowed,
    description: optionalString(params, 'description'),
    status: 'requires_action',
  });
  state.paymentIntents.set(String(intent.id), intent);
  recordEvent(state, 'payment_intent.created', intent, origin);
  return intent;
}

export function retrievePaymentIntent(state: EmbeddedState, id: string): StripeObject {
  const intent = state.paymentIntents.get(id);
  if (!intent) throw noSuchResource('payment_intent', id, 'intent');
  return intent;
}
