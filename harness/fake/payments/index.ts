/**
 * The payment area of the fake hosted service, wired to the real Stripe and chain helpers.
 *
 *   const area = createPaymentArea(ctx);          // core passes its FakeContext
 *   handlers.push(...area.handlers);
 *   await paymentAreaOf(area)?.completeCheckout('payatt_...');
 */
import { buildEvent, completeCheckoutSession, signPayload, verifyEvent } from '../../stripe/index.js';
import type { FakeContext, PaymentArea } from '../context.js';
import { buildPaymentArea, type PaymentAreaHandle } from './area.js';
import type { PaymentDeps } from './deps.js';

export type { PaymentAreaHandle, PaymentStateView } from './area.js';
export type { AdminDelivery } from './admin.js';
export type { DeliveryOptions, DeliveryResult, SignatureMode } from './delivery.js';
export { buildPaymentArea } from './area.js';
export { classifyTransfer } from './settlement.js';
export { TRIGGER_EVENTS, isTriggerEvent, type TriggerEvent, type VerbDelivery, type VerbResult } from './trigger.js';

/**
 * The chain's transfer watch, loaded with the first watch: a fake without a chain never loads
 * viem (most scenarios, and every unit test of the fake). A chain already loaded it, so the
 * import settles at once; the watch starts after the head either way (harness/chain/transfers.ts).
 */
const watchTransfers: PaymentDeps['watchTransfers'] = (chain, opts) => {
  let watch: { stop(): void } | null = null;
  let stopped = false;
  import('../../chain/transfers.js').then(
    (m) => {
      if (!stopped) watch = m.watchTransfers(chain, opts);
    },
    (error: unknown) => opts.onError?.(error instanceof Error ? error : new Error(String(error))),
  );
  return {
    stop: () => {
      stopped = true;
      watch?.stop();
    },
  };
};

export const realPaymentDeps: PaymentDeps = { signPayload, verifyEvent, buildEvent, watchTransfers, completeCheckoutSession };

const handles = new WeakSet<PaymentArea>();

export function createPaymentArea(ctx: FakeContext): PaymentAreaHandle {
  const area = buildPaymentArea(ctx, realPaymentDeps);
  handles.add(area);
  return area;
}

/** The full handle behind a PaymentArea made here (null for any other object). */
export function paymentAreaOf(area: PaymentArea): PaymentAreaHandle | null {
  return handles.has(area) ? (area as PaymentAreaHandle) : null;
}

export function completeCheckout(area: PaymentArea, attemptOrSessionId: string) {
  return requireHandle(area).completeCheckout(attemptOrSessionId);
}

export function deliverEvent(area: PaymentArea, ...args: Parameters<PaymentAreaHandle['deliverEvent']>) {
  return requireHandle(area).deliverEvent(...args);
}

export function setX402Unavailable(area: PaymentArea, flag: boolean): void {
  requireHandle(area).setX402Unavailable(flag);
}

function requireHandle(area: PaymentArea): PaymentAreaHandle {
  const handle = paymentAreaOf(area);
  if (!handle) throw new Error('not a payment area created by harness/fake/payments');
  return handle;
}
