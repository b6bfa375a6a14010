/** FakeStateView over the core store; payment reads come from the payment area when it offers them. */
import type { Core } from './core.js';
import type { FakeStateView } from './types.js';
import type { PaymentReads } from './payment-seam.js';

export function createStateView(core: Core, payments: Partial<PaymentReads>): FakeStateView {
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
