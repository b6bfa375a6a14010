/** Assembles the payment area for one fake instance from its context and dependencies. */
import type { ObservedTransfer } from '../../chain/types.js';
import type { FakeContext, PaymentArea } from '../context.js';
import { adminHandlers, completeCheckout, succeedPaymentIntent, webhookLog, type AdminDelivery } from './admin.js';
import { deliverEvent, forgetSentEvents, type DeliveryOptions, type DeliveryResult } from './delivery.js';
import { resendEvent, triggerEvent, type TriggerEvent, type VerbResult } from './trigger.js';
import type { PaymentDeps } from './deps.js';
import { publicHandlers } from './routes.js';
import type { PaymentRuntime } from './runtime.js';
import { SettlementWatcher } from './settlement.js';
import { PaymentStore, type AttemptRow } from './store.js';

/** Read-only views the core's FakeStateView delegates to. */
export interface PaymentStateView {
  paymentAttempt(id: string): Record<string, unknown> | null;
  receipts(): Array<Record<string, unknown>>;
  webhookEvents(): Array<{ event_id: string; type: string; outcome: string }>;
  creditEvents(): Array<Record<string, unknown>>;
  settlementTransfers(attemptId: string): Array<Record<string, unknown>>;
  /** Rows per payment entity (quote, payment_attempt, receipt, ...). */
  rowCounts(): Record<string, number>;
}

export interface PaymentAreaHandle extends PaymentArea {
  /** What the x402-unavailable preset flips: the rail is listed but unavailable, quotes/buys refused. */
  setX402Unavailable(flag: boolean): void;
  completeCheckout(attemptOrSessionId: string, opts?: DeliveryOptions): Promise<AdminDelivery>;
  succeedPaymentIntent(attemptOrIntentId: string, opts?: DeliveryOptions): Promise<AdminDelivery>;
  deliverEvent(event: Record<string, unknown>, opts?: DeliveryOptions): Promise<DeliveryResult>;
  webhookLog(): Record<string, unknown>;
  /** `stripe trigger`: build, sign and deliver one event about an attempt. */
  triggerEvent(type: TriggerEvent, attemptId: string): Promise<VerbResult>;
  /** `stripe events resend`: redeliver an event this area sent before. */
  resendEvent(eventId: string): Promise<VerbResult>;
  /** Feed a transfer to the settlement logic as if the chain watcher had seen it. */
  observeTransfer(transfer: ObservedTransfer): Promise<void>;
  state: PaymentStateView;
  /** Forget all payment state (the core's /__admin/reset). */
  reset(): void;
}

function plainAttempt(row: AttemptRow): Record<string, unknown> {
  return { payment_attempt_id: row.id, ...row };
}

export function buildPaymentArea(ctx: FakeContext, deps: PaymentDeps): PaymentAreaHandle {
  const store = new PaymentStore();
  const settlement = new SettlementWatcher();
  const rt: PaymentRuntime = { ctx, deps, store, flags: { x402Unavailable: false }, settlement };
  settlement.attach(rt);
  return {
    handlers: [...publicHandlers(rt), ...adminHandlers(rt)],
    close: () => settlement.close(),
    setX402Unavailable: (flag) => {
      rt.flags.x402Unavailable = flag;
    },
    completeCheckout: (ref, opts) => completeCheckout(rt, ref, opts),
    succeedPaymentIntent: (ref, opts) => succeedPaymentIntent(rt, ref, opts),
    deliverEvent: (event, opts) => deliverEvent(rt, event, opts),
    webhookLog: () => webhookLog(rt),
    triggerEvent: (type, attemptId) => triggerEvent(rt, type, attemptId),
    resendEvent: (eventId) => resendEvent(rt, eventId),
    observeTransfer: (transfer) => settlement.observe(transfer),
    reset: () => {
      store.reset();
      forgetSentEvents(rt);
      rt.flags.x402Unavailable = false;
    },
    state: {
      paymentAttempt: (id) => {
        const row = store.attempt(id);
        return row ? plainAttempt(row) : null;
      },
      receipts: () => store.receipts().map((row) => ({ receipt_id: row.id, ...row })),
      webhookEvents: () => store.webhookEvents().map((row) => ({ event_id: row.id, type: row.type, outcome: row.outcome })),
      creditEvents: () => store.creditEvents().map((row) => ({ credit_event_id: row.id, ...row })),
      rowCounts: () => store.rowCounts(),
      settlementTransfers: (attemptId) => store.transfersFor(attemptId).map((row) => ({ ...row })),
    },
  };
}
