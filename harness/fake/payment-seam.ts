/**
 * What the core takes from the payment area beyond its handlers: read views for FakeStateView,
 * the x402 availability switch the preset uses, a reset, and the admin trigger/resend verbs.
 * Typed access to the area's handle (harness/fake/payments/area.ts), no run-time probing.
 */
import type { FakeStateView } from './types.js';
import type { PaymentAreaHandle, TriggerEvent, VerbResult } from './payments/index.js';

export type PaymentReads = Pick<FakeStateView, 'paymentAttempt' | 'receipts' | 'webhookEvents'>;

export interface PaymentExtras {
  reads: PaymentReads;
  setX402Unavailable: (flag: boolean) => void;
  reset: () => void;
  /** The admin verbs POST /__admin/payments/trigger and /resend. */
  trigger: (type: TriggerEvent, attemptId: string) => Promise<VerbResult>;
  resend: (eventId: string) => Promise<VerbResult>;
}

export function paymentExtrasOf(area: PaymentAreaHandle): PaymentExtras {
  return {
    reads: {
      paymentAttempt: (id) => area.state.paymentAttempt(id),
      receipts: () => area.state.receipts(),
      webhookEvents: () => area.state.webhookEvents(),
    },
    setX402Unavailable: (flag) => area.setX402Unavailable(flag),
    reset: () => area.reset(),
    trigger: (type, attemptId) => area.triggerEvent(type, attemptId),
    resend: (eventId) => area.resendEvent(eventId),
  };
}
