/** Static catalog: credit packs, the two payment rails, and the commands agents are told to run. */
import type { PaymentMethodId } from './store.js';

export const CHECKOUT_METHOD: PaymentMethodId = 'stripe_checkout';
export const X402_METHOD: PaymentMethodId = 'stripe_x402.exact.usdc';
export const PAYMENT_METHOD_IDS: readonly PaymentMethodId[] = [CHECKOUT_METHOD, X402_METHOD];

export const CREDIT_UNIT_CENTS = 1;
export const CURRENCY = 'USD';
export const MIN_CUSTOM_CREDITS = 1;
export const MAX_CUSTOM_CREDITS = 5000;
export const DEFAULT_PACK_ID = 'starter-500';
export const QUOTE_TTL_MS = 60 * 60 * 1000;
export const X402_DEPOSIT_TTL_MS = 30 * 60 * 1000;
export const CHECKOUT_TTL_MS = 24 * 60 * 60 * 1000;
/** USDC has 6 decimals and one credit is one cent, so one cent is 10^4 atomic units. */
export const USDC_DECIMALS = 6;
export const ATOMIC_UNITS_PER_CENT = 10n ** 4n;

export interface CreditPack {
  pack_id: string;
  name: string;
  credits: number;
  amount_cents: number;
  currency: string;
}

export const CREDIT_PACKS: readonly CreditPack[] = [
  { pack_id: 'starter-500', name: 'Starter', credits: 500, amount_cents: 500, currency: CURRENCY },
  { pack_id: 'builder-2000', name: 'Builder', credits: 2000, amount_cents: 2000, currency: CURRENCY },
  { pack_id: 'studio-5000', name: 'Studio', credits: 5000, amount_cents: 5000, currency: CURRENCY },
];

export function findPack(packId: string): CreditPack | null {
  return CREDIT_PACKS.find((p) => p.pack_id === packId) ?? null;
}

export function isPaymentMethodId(value: string): value is PaymentMethodId {
  return (PAYMENT_METHOD_IDS as readonly string[]).includes(value);
}

export function creditPacksData(): Record<string, unknown> {
  return {
    credit_unit_cents: CREDIT_UNIT_CENTS,
    credit_unit_usd: 0.01,
    currency: CURRENCY,
    default_pack_id: DEFAULT_PACK_ID,
    packs: CREDIT_PACKS.map((p) => ({ ...p, recommended: p.pack_id === DEFAULT_PACK_ID })),
    custom_quotes: { supported: true, min_credits: MIN_CUSTOM_CREDITS, max_credits: MAX_CUSTOM_CREDITS },
  };
}

/** CLI provider flag that buys a quote of the given method. */
export function providerFlagFor(method: PaymentMethodId): 'stripe' | 'stripe_x402' {
  return method === X402_METHOD ? 'stripe_x402' : 'stripe';
}

export interface RailAvailability {
  checkoutUnavailableReason: string | null;
  x402UnavailableReason: string | null;
}

function recoveryCommands(method: PaymentMethodId): Record<string, string> {
  return {
    quote_command: `image-skill credits quote --pack ${DEFAULT_PACK_ID} --payment-method ${method} --idempotency-key KEY --json`,
    purchase_command: `image-skill credits buy --provider ${providerFlagFor(method)} --quote-id QUOTE_ID --idempotency-key KEY --json`,
    status_command: 'image-skill credits status --payment-attempt-id PAYMENT_ATTEMPT_ID --json',
  };
}

function availabilityFields(reason: string | null, settleableWhenAvailable: boolean, blocker: string | null) {
  const available = reason === null;
  return {
    status: available ? 'available' : 'unavailable',
    available,
    quoteable: available,
    purchasable: available,
    agent_settleable: available && settleableWhenAvailable,
    settlement_blocker: available ? blocker : reason,
    unavailable_reason: reason,
  };
}

export function paymentMethodsData(rails: RailAvailability): Record<string, unknown> {
  const limits = { min_credits: MIN_CUSTOM_CREDITS, max_credits: MAX_CUSTOM_CREDITS };
  return {
    contract_version: 'image-skill.payment-methods.v1',
    credit_unit_cents: CREDIT_UNIT_CENTS,
    currency: CURRENCY,
    quote_endpoint: '/v1/credit-quotes',
    packs_endpoint: '/v1/credit-packs',
    status_endpoint: '/v1/credit-purchases/status',
    methods: [
      {
        method_id: CHECKOUT_METHOD,
        provider: 'stripe',
        ...availabilityFields(rails.checkoutUnavailableReason, false, 'requires human browser checkout completion'),
        live_money: true,
        buyer_modes: ['hybrid', 'human_only'],
        requires_browser: true,
        agent_initiated: true,
        default_pack_id: DEFAULT_PACK_ID,
        purchase_endpoint: '/v1/credit-purchases/stripe-checkout-sessions',
        limits,
        recovery: recoveryCommands(CHECKOUT_METHOD),
      },
      {
        method_id: X402_METHOD,
        provider: 'stripe',
        ...availabilityFields(rails.x402UnavailableReason, true, null),
        live_money: true,
        buyer_modes: ['agent_only', 'hybrid'],
        requires_browser: false,
        agent_initiated: true,
        network: 'base',
        token_currency: 'usdc',
        default_pack_id: DEFAULT_PACK_ID,
        purchase_endpoint: '/v1/credit-purchases/stripe-x402-deposits',
        limits,
        recovery: recoveryCommands(X402_METHOD),
      },
    ],
  };
}
