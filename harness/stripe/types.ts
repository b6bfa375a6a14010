/** The Stripe side as the fake service sees it. Every call goes through the official stripe SDK. */
import type Stripe from 'stripe';

export type StripeBackendKind = 'stripe-mock (testcontainers)' | 'stripe-mock (STRIPE_MOCK_URL)' | 'embedded';

export interface StripeBackend {
  kind: StripeBackendKind;
  /** SDK client configured against this backend. */
  client: Stripe;
  /** Base URL of the backend (http://127.0.0.1:port). */
  url: string;
  /** Per-run webhook signing secret (whsec_...). */
  webhookSecret: string;
  /** Why the preferred backends were skipped (shown in reports). */
  notes: string[];
  stop(): Promise<void>;
}

export interface SignedDelivery {
  payload: string;
  signatureHeader: string;
}
