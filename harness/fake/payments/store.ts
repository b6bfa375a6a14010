/**
 * State of the payment area, kept apart from the core store: one @mswjs/data database per
 * fake instance. Nested JSON is avoided on purpose; every column is a primitive.
 */
import { rowCountsOf } from '../row-counts.js';
import { ENTITY_TYPE, PRIMARY_KEY, factory, nullable, primaryKey } from '@mswjs/data';

export type PaymentMethodId = 'stripe_checkout' | 'stripe_x402.exact.usdc';

/**
 * attempt_status values: requires_action (waiting for the payer), processing (paid, async
 * confirmation pending), succeeded, expired, failed, requires_review (funds seen that cannot be
 * credited as-is), refunded, disputed.
 */
export type AttemptStatus =
  | 'requires_action'
  | 'processing'
  | 'succeeded'
  | 'expired'
  | 'failed'
  | 'requires_review'
  | 'refunded'
  | 'disputed';

export type SettlementOutcome = 'exact' | 'underpaid' | 'overpaid' | 'wrong_token' | 'after_expiry' | 'duplicate';

function createDatabase() {
  return factory({
    quote: {
      id: primaryKey(String),
      agent_id: String,
      idempotency_key: String,
      credits: Number,
      price_amount_cents: Number,
      currency: String,
      payment_method: String,
      pack_id: nullable(String),
      created_at: String,
      expires_at: String,
    },
    payment_attempt: {
      id: primaryKey(String),
      agent_id: String,
      quote_id: String,
      idempotency_key: String,
      method: String,
      credits: Number,
      amount_cents: Number,
      currency: String,
      status: String,
      checkout_session_id: nullable(String),
      checkout_url: nullable(String),
      payment_intent_id: nullable(String),
      deposit_address: nullable(String),
      token_contract_address: nullable(String),
      token_amount_atomic: nullable(String),
      expires_at: String,
      created_at: String,
      updated_at: String,
      receipt_id: nullable(String),
      credit_event_id: nullable(String),
      provider_event_id: nullable(String),
      /** `created` (unix seconds) of the newest provider event applied; older ones never regress state. */
      last_event_created: Number,
      refunded_credits: Number,
      /** Set when a refund/dispute arrived before fulfilment: fulfilment then grants nothing. */
      reversed_before_grant: Boolean,
      review_reason: nullable(String),
    },
    receipt: {
      id: primaryKey(String),
      agent_id: String,
      payment_attempt_id: String,
      quote_id: String,
      credits: Number,
      amount_cents: Number,
      currency: String,
      provider_event_id: String,
      provider_object_id: String,
      created_at: String,
    },
    credit_event: {
      id: primaryKey(String),
      agent_id: String,
      type: String,
      credits: Number,
      payment_attempt_id: String,
      quote_id: String,
      receipt_id: String,
      provider_event_id: String,
      created_at: String,
    },
    webhook_event: {
      id: primaryKey(String),
      type: String,
      created: Number,
      outcome: String,
      payment_attempt_id: nullable(String),
      received_at: String,
      duplicate_deliveries: Number,
    },
    /** Every POST to the webhook endpoint, including ones rejected before an event id was trusted. */
    webhook_delivery: {
      id: primaryKey(String),
      seq: Number,
      event_id: nullable(String),
      type: nullable(String),
      http_status: Number,
      outcome: String,
      received_at: String,
    },
    settlement_transfer: {
      id: primaryKey(String),
      seq: Number,
      payment_attempt_id: String,
      tx_hash: String,
      from: String,
      to: String,
      token: String,
      value_atomic: String,
      block_number: String,
      block_timestamp: Number,
      outcome: String,
      observed_at: String,
      delivery_event_id: nullable(String),
      delivery_status: nullable(Number),
    },
  });
}

export type PaymentDatabase = ReturnType<typeof createDatabase>;
type ModelName = 'quote' | 'payment_attempt' | 'receipt' | 'credit_event' | 'webhook_event' | 'webhook_delivery' | 'settlement_transfer';
type Row<K extends ModelName> = Omit<
  NonNullable<ReturnType<PaymentDatabase[K]['findFirst']>>,
  typeof ENTITY_TYPE | typeof PRIMARY_KEY
>;
export type QuoteRow = Row<'quote'>;
export type AttemptRow = Row<'payment_attempt'>;
export type ReceiptRow = Row<'receipt'>;
export type CreditEventRow = Row<'credit_event'>;
export type WebhookEventRow = Row<'webhook_event'>;
export type WebhookDeliveryRow = Row<'webhook_delivery'>;
export type SettlementTransferRow = Row<'settlement_transfer'>;

export type AttemptPatch = Partial<Omit<AttemptRow, 'id'>>;

type AttemptIdentity = 'id' | 'agent_id' | 'quote_id' | 'idempotency_key' | 'method' | 'credits' | 'amount_cents' | 'currency' | 'expires_at' | 'created_at';
export type NewAttempt = Pick<AttemptRow, AttemptIdentity> & Partial<AttemptRow>;

/** A fresh attempt waiting for the payer; method-specific columns come in `init`. */
export function newAttemptRow(init: NewAttempt): AttemptRow {
  return {
    status: 'requires_action',
    checkout_session_id: null,
    checkout_url: null,
    payment_intent_id: null,
    deposit_address: null,
    token_contract_address: null,
    token_amount_atomic: null,
    updated_at: init.created_at,
    receipt_id: null,
    credit_event_id: null,
    provider_event_id: null,
    last_event_created: 0,
    refunded_credits: 0,
    reversed_before_grant: false,
    review_reason: null,
    ...init,
  };
}

/** Small typed repository over the database; the only module that talks to @mswjs/data. */
export class PaymentStore {
  private db: PaymentDatabase = createDatabase();
  private seq = 0;

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  reset(): void {
    this.db = createDatabase();
    this.seq = 0;
  }

  /** Rows per entity (the journal's `created`, harness/fake/row-counts.ts). */
  rowCounts(): Record<string, number> {
    return rowCountsOf(this.db);
  }

  // quotes
  addQuote(row: QuoteRow): QuoteRow {
    return this.db.quote.create(row);
  }
  quote(id: string): QuoteRow | null {
    return this.db.quote.findFirst({ where: { id: { equals: id } } });
  }
  quoteByKey(agentId: string, key: string): QuoteRow | null {
    return this.db.quote.findFirst({ where: { agent_id: { equals: agentId }, idempotency_key: { equals: key } } });
  }

  // payment attempts
  addAttempt(row: AttemptRow): AttemptRow {
    return this.db.payment_attempt.create(row);
  }
  attempt(id: string): AttemptRow | null {
    return this.db.payment_attempt.findFirst({ where: { id: { equals: id } } });
  }
  attemptByKey(agentId: string, key: string): AttemptRow | null {
    return this.db.payment_attempt.findFirst({
      where: { agent_id: { equals: agentId }, idempotency_key: { equals: key } },
    });
  }
  /** Newest attempt first (a backend that reuses ids, like stripe-mock, then resolves to the latest). */
  attemptsWhere(field: 'quote_id' | 'checkout_session_id' | 'payment_intent_id' | 'deposit_address', value: string): AttemptRow[] {
    return this.db.payment_attempt
      .getAll()
      .filter((row) => row[field] === value)
      .reverse();
  }
  attempts(): AttemptRow[] {
    return this.db.payment_attempt.getAll();
  }
  updateAttempt(id: string, patch: AttemptPatch): AttemptRow {
    const row = this.db.payment_attempt.update({ where: { id: { equals: id } }, data: patch });
    if (!row) throw new Error(`payment attempt ${id} vanished`);
    return row;
  }

  // receipts and credit events
  addReceipt(row: ReceiptRow): ReceiptRow {
    return this.db.receipt.create(row);
  }
  receipt(id: string): ReceiptRow | null {
    return this.db.receipt.findFirst({ where: { id: { equals: id } } });
  }
  receipts(): ReceiptRow[] {
    return this.db.receipt.getAll();
  }
  addCreditEvent(row: CreditEventRow): CreditEventRow {
    return this.db.credit_event.create(row);
  }
  creditEvent(id: string): CreditEventRow | null {
    return this.db.credit_event.findFirst({ where: { id: { equals: id } } });
  }
  creditEvents(): CreditEventRow[] {
    return this.db.credit_event.getAll();
  }

  // webhooks
  webhookEvent(id: string): WebhookEventRow | null {
    return this.db.webhook_event.findFirst({ where: { id: { equals: id } } });
  }
  addWebhookEvent(row: WebhookEventRow): WebhookEventRow {
    return this.db.webhook_event.create(row);
  }
  updateWebhookEvent(id: string, patch: Partial<Omit<WebhookEventRow, 'id'>>): void {
    this.db.webhook_event.update({ where: { id: { equals: id } }, data: patch });
  }
  webhookEvents(): WebhookEventRow[] {
    return this.db.webhook_event.getAll();
  }
  addDelivery(row: Omit<WebhookDeliveryRow, 'id' | 'seq'>): WebhookDeliveryRow {
    const seq = this.nextSeq();
    return this.db.webhook_delivery.create({ ...row, id: `whd_${seq}`, seq });
  }
  deliveries(): WebhookDeliveryRow[] {
    return this.db.webhook_delivery.getAll().sort((a, b) => a.seq - b.seq);
  }

  // settlement
  transfer(id: string): SettlementTransferRow | null {
    return this.db.settlement_transfer.findFirst({ where: { id: { equals: id } } });
  }
  addTransfer(row: Omit<SettlementTransferRow, 'seq'>): SettlementTransferRow {
    return this.db.settlement_transfer.create({ ...row, seq: this.nextSeq() });
  }
  updateTransfer(id: string, patch: Partial<Omit<SettlementTransferRow, 'id'>>): void {
    this.db.settlement_transfer.update({ where: { id: { equals: id } }, data: patch });
  }
  transfersFor(attemptId: string): SettlementTransferRow[] {
    return this.db.settlement_transfer
      .findMany({ where: { payment_attempt_id: { equals: attemptId } } })
      .sort((a, b) => a.seq - b.seq);
  }
}
