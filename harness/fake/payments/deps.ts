/**
 * Functions the payment area borrows from the Stripe and chain harness modules. Injected so the
 * area's logic can be exercised with stand-ins; index.ts wires the real modules.
 */
import type { Address } from 'viem';
import type { ChainHandle, ObservedTransfer } from '../../chain/types.js';
import type { StripeBackend } from '../../stripe/types.js';

export interface WatchTransfersOptions {
  tokens: Address[];
  onTransfer: (transfer: ObservedTransfer) => void | Promise<void>;
  pollingIntervalMs?: number;
  onError?: (error: Error) => void;
}

export interface PaymentDeps {
  signPayload(payload: string, secret: string, timestampSec?: number): string;
  /** Returns the verified event (any Stripe.Event shape); throws on a bad or stale signature. */
  verifyEvent(payload: string, header: string, secret: string, toleranceSec?: number): unknown;
  buildEvent(type: string, object: Record<string, unknown>, opts?: { id?: string; createdSec?: number }): Record<string, unknown>;
  watchTransfers(chain: ChainHandle, opts: WatchTransfersOptions): { stop(): void };
  /** Play the payer finishing Checkout on the backend; returns the session object as now stored. */
  completeCheckoutSession(backend: StripeBackend, sessionId: string): Promise<Record<string, unknown>>;
}
