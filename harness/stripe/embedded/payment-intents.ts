/** /v1/payment_intents on the embedded backend. */
import { noSuchResource } from './errors.js';
import type { FormObject } from './form.js';
import { currency, metadata, optionalString, rejectUnknown, requiredInteger, stringArray } from './params.js';
import { recordEvent, type EmbeddedState, type RequestOrigin, type StripeObject } from './state.js';
import { nowSeconds, randomAlphanumeric, stripeId } from '../ids.js';

const CREATE_PARAMS = [
  'amount', 'currency', 'metadata', 'payment_method_types', 'description', 'expand', 'confirm',
  'payment_method_data', 'payment_method_options', 'automatic_payment_methods', 'receipt_email',
  'customer', 'capture_method', 'statement_descriptor', 'return_url',
] as const;

interface PaymentIntentInit {
  amount: number;
  currency: string;
  metadata: Record<string, string>;
  paymentMethodTypes: string[];
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
  const intent = newPaymentIntent({
    amount: requiredInteger(params, 'amount', 1),
    currency: currency(params, 'currency'),
    metadata: metadata(params),
    paymentMethodTypes: stringArray(params, 'payment_method_types') ?? ['card'],
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
