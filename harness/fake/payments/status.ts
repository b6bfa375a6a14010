/** GET /v1/credit-purchases/status: the durable state of a quote, attempt, session or receipt. */
import type { AgentRecord } from '../context.js';
import { X402_METHOD } from './catalog.js';
import { QUOTA_COMMAND, buyCommand, quoteCommand, statusCommand } from './commands.js';
import { generatedIdempotencyKey } from './keys.js';
import type { PaymentRuntime } from './runtime.js';
import type { AttemptRow, PaymentMethodId, QuoteRow } from './store.js';
import { attemptState, handoffUrl, x402Block } from './views.js';

const COMMAND = 'credits status';
const REFERENCES = ['quote_id', 'payment_attempt_id', 'checkout_session_id', 'receipt_id'] as const;
type Reference = (typeof REFERENCES)[number];

interface Resolved {
  quote: QuoteRow;
  attempt: AttemptRow | null;
}

function ownedBy<T extends { agent_id: string }>(row: T | null, agent: AgentRecord): T | null {
  return row && row.agent_id === agent.agent_id ? row : null;
}

function resolve(rt: PaymentRuntime, agent: AgentRecord, kind: Reference, value: string): Resolved | null {
  if (kind === 'quote_id') {
    const quote = ownedBy(rt.store.quote(value), agent);
    return quote ? { quote, attempt: rt.store.attemptsWhere('quote_id', quote.id)[0] ?? null } : null;
  }
  let attempt: AttemptRow | null = null;
  if (kind === 'payment_attempt_id') attempt = ownedBy(rt.store.attempt(value), agent);
  if (kind === 'checkout_session_id') {
    attempt = rt.store.attemptsWhere('checkout_session_id', value).find((row) => row.agent_id === agent.agent_id) ?? null;
  }
  if (kind === 'receipt_id') {
    const receipt = ownedBy(rt.store.receipt(value), agent);
    attempt = receipt ? rt.store.attempt(receipt.payment_attempt_id) : null;
  }
  const quote = attempt ? rt.store.quote(attempt.quote_id) : null;
  return attempt && quote ? { quote, attempt } : null;
}

export function handleStatus(rt: PaymentRuntime, request: Request): Response {
  const auth = rt.ctx.authenticate(request, COMMAND);
  if ('response' in auth) return auth.response;
  const { agent, actor } = auth;
  const params = new URL(request.url).searchParams;
  const given = REFERENCES.filter((name) => params.has(name));
  // Where the documents say so, no reference at all answers the balance (the quota data).
  if (given.length === 0 && rt.ctx.states('service.credits-status-balance-without-reference')) {
    return rt.ctx.ok(COMMAND, rt.ctx.quotaData(agent), { actor });
  }
  if (given.length !== 1 || !params.get(given[0])) {
    return rt.ctx.fail(COMMAND, 400, 'INVALID_ARGUMENT', `give exactly one non-empty reference: ${REFERENCES.join(', ')}`, {
      exitCode: 2,
      actor,
    });
  }
  const kind = given[0];
  const value = params.get(kind) ?? '';
  const resolved = resolve(rt, agent, kind, value);
  if (!resolved) return rt.ctx.fail(COMMAND, 404, 'NOT_FOUND', `no ${kind} ${value} for this agent`, { actor });
  return rt.ctx.ok(COMMAND, statusData(rt, agent, resolved), { actor });
}

export function statusData(rt: PaymentRuntime, agent: AgentRecord, { quote, attempt }: Resolved): Record<string, unknown> {
  const quoteExpired = Date.parse(quote.expires_at) <= rt.ctx.now().getTime();
  const state = attempt ? attemptState(rt, attempt) : quoteExpired ? 'expired' : 'created';
  const receipt = attempt?.receipt_id ? rt.store.receipt(attempt.receipt_id) : null;
  const grant = attempt?.credit_event_id ? rt.store.creditEvent(attempt.credit_event_id) : null;
  const providerEvent = attempt?.provider_event_id ? rt.store.webhookEvent(attempt.provider_event_id) : null;
  return {
    state,
    reference: { quote_id: quote.id, payment_attempt_id: attempt?.id ?? null },
    quote: {
      quote_id: quote.id,
      credits: quote.credits,
      price_amount_cents: quote.price_amount_cents,
      currency: quote.currency,
      accepted_payment_method: quote.payment_method,
      pack_id: quote.pack_id,
      idempotency_key: quote.idempotency_key,
      expires_at: quote.expires_at,
      x402: quote.payment_method === X402_METHOD ? (attempt ? x402Block(attempt) : { method_id: X402_METHOD, deposit_address_present: false, payable_instructions: null }) : null,
    },
    payment_attempt: attempt ? attemptJson(rt, attempt) : null,
    receipt: receipt
      ? {
          receipt_id: receipt.id,
          payment_attempt_id: receipt.payment_attempt_id,
          quote_id: receipt.quote_id,
          credits: receipt.credits,
          amount_cents: receipt.amount_cents,
          currency: receipt.currency,
          provider: 'stripe',
          provider_event_id: receipt.provider_event_id,
          created_at: receipt.created_at,
        }
      : null,
    credit_event: grant
      ? {
          credit_event_id: grant.id,
          type: grant.type,
          credits: grant.credits,
          receipt_id: grant.receipt_id,
          payment_attempt_id: grant.payment_attempt_id,
          created_at: grant.created_at,
        }
      : null,
    credit_events: attempt
      ? rt.store
          .creditEvents()
          .filter((row) => row.payment_attempt_id === attempt.id)
          .map((row) => ({ credit_event_id: row.id, type: row.type, credits: row.credits, created_at: row.created_at }))
      : [],
    provider_event: providerEvent
      ? { event_id: providerEvent.id, type: providerEvent.type, created: new Date(providerEvent.created * 1000).toISOString(), outcome: providerEvent.outcome }
      : null,
    settlement: attempt && attempt.method === X402_METHOD ? settlementJson(rt, attempt) : null,
    limits: rt.ctx.ledger.limits(agent.agent_id),
    next: nextStep(rt, state, quote, attempt),
  };
}

function attemptJson(rt: PaymentRuntime, attempt: AttemptRow): Record<string, unknown> {
  const expiredByTime = attemptState(rt, attempt) === 'expired' && attempt.status === 'requires_action';
  const base: Record<string, unknown> = {
    payment_attempt_id: attempt.id,
    attempt_status: expiredByTime ? 'expired' : attempt.status,
    provider: 'stripe',
    accepted_payment_method: attempt.method,
    credits: attempt.credits,
    amount_cents: attempt.amount_cents,
    currency: attempt.currency,
    idempotency_key: attempt.idempotency_key,
    created_at: attempt.created_at,
    updated_at: attempt.updated_at,
    expires_at: attempt.expires_at,
    review_reason: attempt.review_reason,
  };
  if (attempt.method === X402_METHOD) return { ...base, stripe_x402: x402Block(attempt) };
  const handoff = handoffUrl(rt, attempt.id);
  return {
    ...base,
    checkout_session_id: attempt.checkout_session_id,
    checkout_handoff_url: handoff,
    checkout_compact_url: handoff,
    checkout_url: attempt.checkout_url,
  };
}

/** Every transfer seen at the deposit address, each with its verdict: nothing is silently dropped. */
function settlementJson(rt: PaymentRuntime, attempt: AttemptRow): Record<string, unknown> {
  const transfers = rt.store.transfersFor(attempt.id).map((row) => ({
    tx_hash: row.tx_hash,
    from: row.from,
    to: row.to,
    token: row.token,
    value_atomic: row.value_atomic,
    block_number: row.block_number,
    block_timestamp: new Date(row.block_timestamp * 1000).toISOString(),
    outcome: row.outcome,
    webhook_event_id: row.delivery_event_id,
    webhook_status: row.delivery_status,
  }));
  return {
    deposit_address: attempt.deposit_address,
    token_contract_address: attempt.token_contract_address,
    required_atomic: attempt.token_amount_atomic,
    transfers,
  };
}

function nextStep(rt: PaymentRuntime, state: string, quote: QuoteRow, attempt: AttemptRow | null): Record<string, unknown> {
  const method = quote.payment_method as PaymentMethodId;
  const status = attempt ? statusCommand({ payment_attempt_id: attempt.id }) : statusCommand({ quote_id: quote.id });
  const requote = quoteCommand({ credits: quote.credits, pack_id: quote.pack_id, payment_method: method }, generatedIdempotencyKey('quote'));
  switch (state) {
    case 'created':
      return { retry_after_seconds: null, suggested_commands: [buyCommand(method, quote.id, generatedIdempotencyKey('buy'))] };
    case 'action_required':
      if (attempt && attempt.method === X402_METHOD) {
        return { retry_after_seconds: 10, agent_action: 'pay_stripe_crypto_deposit', suggested_commands: [status] };
      }
      return {
        retry_after_seconds: 10,
        human_action: 'open_checkout_url',
        checkout_handoff_url: attempt ? handoffUrl(rt, attempt.id) : null,
        checkout_compact_url: attempt ? handoffUrl(rt, attempt.id) : null,
        suggested_commands: [status],
      };
    case 'processing':
      return { retry_after_seconds: 10, suggested_commands: [status] };
    case 'expired':
    case 'failed':
      return { retry_after_seconds: null, suggested_commands: [requote] };
    case 'requires_review':
      return {
        retry_after_seconds: null,
        agent_action: 'report_payment_issue',
        review_reason: attempt?.review_reason ?? null,
        suggested_commands: [`image-skill activity list --subject ${attempt?.id ?? quote.id} --json`, status],
      };
    default:
      return { retry_after_seconds: null, suggested_commands: [QUOTA_COMMAND] };
  }
}
