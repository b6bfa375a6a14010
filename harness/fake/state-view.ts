/** FakeStateView over the core store, delegating payment reads to the payment area when it offers them. */
import type { PaymentArea } from './context.js';
import type { Core } from './core.js';
import type { FakeStateView } from './types.js';

type PaymentReads = Pick<FakeStateView, 'paymentAttempt' | 'receipts' | 'webhookEvents'>;

/**
 * The payment area may expose `state: { paymentAttempt, receipts, webhookEvents }` on the object
 * createPaymentArea returns; the PaymentArea interface does not require it, so check at run time.
 */
function paymentReadsOf(area: PaymentArea): Partial<PaymentReads> {
  const state: unknown = (area as unknown as { state?: unknown }).state;
  if (typeof state !== 'object' || state === null) return {};
  const s = state as Record<string, unknown>;
  const out: Partial<PaymentReads> = {};
  if (typeof s.paymentAttempt === 'function') out.paymentAttempt = s.paymentAttempt.bind(state) as PaymentReads['paymentAttempt'];
  if (typeof s.receipts === 'function') out.receipts = s.receipts.bind(state) as PaymentReads['receipts'];
  if (typeof s.webhookEvents === 'function') out.webhookEvents = s.webhookEvents.bind(state) as PaymentReads['webhookEvents'];
  return out;
}

export function createStateView(core: Core, area: PaymentArea): FakeStateView {
  const payments = paymentReadsOf(area);
  return {
    quotaFor(agentId) {
      const { remaining_credits, payment_backed_remaining_credits } = core.ledger.limits(agentId);
      return { remaining_credits, payment_backed_remaining_credits };
    },
    agents: () =>
      core.store.agent.getAll().map((a) => ({ agent_id: a.agent_id, organization_id: a.organization_id, agent_contact: a.agent_contact })),
    reservations: () =>
      core.ledger.reservations().map((r) => ({ reservation_id: r.reservation_id, agent_id: r.agent_id, idempotency_key: r.idempotency_key, credits: r.credits })),
    activity: (agentId) => core.activity.all(agentId),
    paymentAttempt: (id) => payments.paymentAttempt?.(id) ?? null,
    receipts: () => payments.receipts?.() ?? [],
    webhookEvents: () => payments.webhookEvents?.() ?? [],
  };
}
