/**
 * Optional extras a payment area may carry beyond the PaymentArea interface: read views for
 * FakeStateView, the x402 availability switch the preset uses, and a reset. Checked at run time
 * because context.ts does not require them.
 */
import type { PaymentArea } from './context.js';
import type { FakeStateView } from './types.js';
import type { TriggerEvent, VerbResult } from './payments/index.js';

export type PaymentReads = Pick<FakeStateView, 'paymentAttempt' | 'receipts' | 'webhookEvents'>;

export interface PaymentExtras {
  reads: Partial<PaymentReads>;
  setX402Unavailable?: (flag: boolean) => void;
  reset?: () => void;
  /** The admin verbs POST /__admin/payments/trigger and /resend. */
  trigger?: (type: TriggerEvent, attemptId: string) => Promise<VerbResult>;
  resend?: (eventId: string) => Promise<VerbResult>;
}

type AnyFn = (...args: never[]) => unknown;

function method<T extends AnyFn>(owner: unknown, name: string): T | undefined {
  if (typeof owner !== 'object' || owner === null) return undefined;
  const fn: unknown = (owner as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn.bind(owner) as T) : undefined;
}

export function paymentExtrasOf(area: PaymentArea): PaymentExtras {
  const state: unknown = (area as unknown as { state?: unknown }).state;
  return {
    reads: {
      paymentAttempt: method<PaymentReads['paymentAttempt']>(state, 'paymentAttempt'),
      receipts: method<PaymentReads['receipts']>(state, 'receipts'),
      webhookEvents: method<PaymentReads['webhookEvents']>(state, 'webhookEvents'),
    },
    setX402Unavailable: method<(flag: boolean) => void>(area, 'setX402Unavailable'),
    reset: method<() => void>(area, 'reset'),
    trigger: method<NonNullable<PaymentExtras['trigger']>>(area, 'triggerEvent'),
    resend: method<NonNullable<PaymentExtras['resend']>>(area, 'resendEvent'),
  };
}
