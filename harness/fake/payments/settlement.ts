/**
 * x402 settlement: watch USDC (and a decoy token) transfers into registered deposit addresses,
 * give each transfer a verdict, and turn an exact, timely payment into a signed
 * payment_intent.succeeded delivered to our own webhook endpoint. Credits are granted only by
 * the webhook handler; everything here is observation and bookkeeping.
 */
import type { Address } from 'viem';
import type { ObservedTransfer } from '../../chain/types.js';
import { deliverEvent } from './delivery.js';
import { nowIso, type PaymentRuntime, type SettlementRegistry } from './runtime.js';
import type { AttemptRow, SettlementOutcome } from './store.js';

const POLLING_INTERVAL_MS = 250;

export function classifyTransfer(attempt: AttemptRow, transfer: ObservedTransfer, earlierOutcomes: string[]): SettlementOutcome {
  if (transfer.token.toLowerCase() !== (attempt.token_contract_address ?? '').toLowerCase()) return 'wrong_token';
  if (earlierOutcomes.includes('exact') || attempt.receipt_id) return 'duplicate';
  if (Number(transfer.blockTimestamp) * 1000 > Date.parse(attempt.expires_at)) return 'after_expiry';
  const required = BigInt(attempt.token_amount_atomic ?? '0');
  if (transfer.value < required) return 'underpaid';
  if (transfer.value > required) return 'overpaid';
  return 'exact';
}

export function paymentIntentObject(attempt: AttemptRow): Record<string, unknown> {
  return {
    id: attempt.payment_intent_id,
    object: 'payment_intent',
    amount: attempt.amount_cents,
    amount_received: attempt.amount_cents,
    currency: attempt.currency.toLowerCase(),
    status: 'succeeded',
    payment_method_types: ['crypto'],
    livemode: false,
    metadata: { payment_attempt_id: attempt.id, quote_id: attempt.quote_id, agent_id: attempt.agent_id },
  };
}

export class SettlementWatcher implements SettlementRegistry {
  private readonly addresses = new Map<string, string>();
  private watcher: { stop(): void } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private rt: PaymentRuntime | null = null;

  attach(rt: PaymentRuntime): void {
    this.rt = rt;
    this.ensureWatching();
  }

  register(attemptId: string, depositAddress: string): void {
    this.addresses.set(depositAddress.toLowerCase(), attemptId);
    this.ensureWatching();
  }

  /** Feed one transfer in directly (what the chain watcher does); processed strictly in order. */
  observe(transfer: ObservedTransfer): Promise<void> {
    this.queue = this.queue.then(() => this.process(transfer)).catch((error: unknown) => {
      this.rt?.ctx.note(`settlement error: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.queue;
  }

  async close(): Promise<void> {
    this.watcher?.stop();
    this.watcher = null;
    await this.queue;
  }

  private ensureWatching(): void {
    const rt = this.rt;
    const chain = rt?.ctx.chain;
    if (!rt || !chain || this.watcher) return;
    const tokens: Address[] = [chain.usdc, chain.otherToken];
    this.watcher = rt.deps.watchTransfers(chain, {
      tokens,
      pollingIntervalMs: POLLING_INTERVAL_MS,
      onTransfer: (transfer) => this.observe(transfer),
      onError: (error) => rt.ctx.note(`settlement watcher: ${error.message}`),
    });
  }

  private async process(transfer: ObservedTransfer): Promise<void> {
    const rt = this.rt;
    const attemptId = this.addresses.get(transfer.to.toLowerCase());
    if (!rt || !attemptId) return;
    const attempt = rt.store.attempt(attemptId);
    if (!attempt) return;
    const id = `${transfer.txHash}:${transfer.token}:${transfer.to}:${transfer.value}`.toLowerCase();
    if (rt.store.transfer(id)) return; // the same log reported twice is not a second payment
    const earlier = rt.store.transfersFor(attempt.id).map((row) => row.outcome);
    const outcome = classifyTransfer(attempt, transfer, earlier);
    rt.store.addTransfer({
      id,
      payment_attempt_id: attempt.id,
      tx_hash: transfer.txHash,
      from: transfer.from,
      to: transfer.to,
      token: transfer.token,
      value_atomic: transfer.value.toString(),
      block_number: transfer.blockNumber.toString(),
      block_timestamp: Number(transfer.blockTimestamp),
      outcome,
      observed_at: nowIso(rt),
      delivery_event_id: null,
      delivery_status: null,
    });
    if (outcome !== 'exact') {
      if (attempt.status === 'requires_action' || attempt.status === 'processing') {
        rt.store.updateAttempt(attempt.id, {
          status: 'requires_review',
          review_reason: `transfer ${transfer.txHash} was ${outcome.replace('_', ' ')}; no credits granted for it`,
        });
      }
      return;
    }
    const event = rt.deps.buildEvent('payment_intent.succeeded', paymentIntentObject(attempt));
    const delivery = await deliverEvent(rt, event);
    rt.store.updateTransfer(id, { delivery_event_id: delivery.event_id, delivery_status: delivery.status });
  }
}
