/** POST /v1/credit-quotes: bounded quotes with per-agent idempotency. Never touches balances. */
import type { ActorJson, AgentRecord } from '../context.js';
import { authedJsonRequest } from './authed-request.js';
import {
  CHECKOUT_METHOD,
  CURRENCY,
  MAX_CUSTOM_CREDITS,
  MIN_CUSTOM_CREDITS,
  QUOTE_TTL_MS,
  X402_METHOD,
  findPack,
  isPaymentMethodId,
} from './catalog.js';
import { quoteCommand, type QuoteTerms } from './commands.js';
import type { JsonObject } from './json.js';
import { freshIdempotencyKey, generatedIdempotencyKey, isValidIdempotencyKey } from './keys.js';
import { isoAfter, nowIso, railAvailability, type PaymentRuntime } from './runtime.js';
import type { PaymentMethodId, QuoteRow } from './store.js';

const COMMAND = 'credits quote';

export function quoteJson(row: QuoteRow): Record<string, unknown> {
  const pack = row.pack_id ? findPack(row.pack_id) : null;
  return {
    quote_id: row.id,
    state: 'created',
    credits: row.credits,
    price_amount_cents: row.price_amount_cents,
    currency: row.currency,
    created_at: row.created_at,
    expires_at: row.expires_at,
    accepted_payment_method: row.payment_method,
    idempotency_key: row.idempotency_key,
    pack_id: row.pack_id,
    pack,
    live_money: true,
    grants_credits: false,
  };
}

type TermsResult = { terms: QuoteTerms } | { error: string };

function parseTerms(body: JsonObject): TermsResult {
  const rawCredits = body.credits ?? null;
  const rawPack = body.pack_id ?? null;
  const rawMethod = body.payment_method ?? null;
  if (rawMethod !== null && (typeof rawMethod !== 'string' || !isPaymentMethodId(rawMethod))) {
    return { error: `payment_method must be one of ${CHECKOUT_METHOD}, ${X402_METHOD}` };
  }
  const payment_method: PaymentMethodId = rawMethod ?? CHECKOUT_METHOD;
  if (rawPack !== null) {
    const pack = typeof rawPack === 'string' ? findPack(rawPack) : null;
    if (!pack) return { error: 'pack_id is not a known credit pack (see GET /v1/credit-packs)' };
    if (rawCredits !== null && rawCredits !== pack.credits) {
      return { error: `credits (${String(rawCredits)}) disagrees with pack ${pack.pack_id} (${pack.credits})` };
    }
    return { terms: { credits: pack.credits, pack_id: pack.pack_id, payment_method } };
  }
  if (rawCredits === null) return { error: 'give credits or pack_id' };
  if (typeof rawCredits !== 'number' || !Number.isInteger(rawCredits)) {
    return { error: 'credits must be a whole number' };
  }
  if (rawCredits < MIN_CUSTOM_CREDITS || rawCredits > MAX_CUSTOM_CREDITS) {
    return { error: `credits must be between ${MIN_CUSTOM_CREDITS} and ${MAX_CUSTOM_CREDITS}` };
  }
  return { terms: { credits: rawCredits, pack_id: null, payment_method } };
}

function sameTerms(row: QuoteRow, terms: QuoteTerms): boolean {
  return row.credits === terms.credits && row.pack_id === terms.pack_id && row.payment_method === terms.payment_method;
}

function unusedKey(rt: PaymentRuntime, agentId: string, previous: string): string {
  for (;;) {
    const key = freshIdempotencyKey(previous);
    if (!rt.store.quoteByKey(agentId, key)) return key;
  }
}

export async function handleCreateQuote(rt: PaymentRuntime, request: Request): Promise<Response> {
  const authed = await authedJsonRequest(rt, request, COMMAND);
  if (authed instanceof Response) return authed;
  const { agent, actor, body, invalid } = authed;
  const parsed = parseTerms(body);
  if ('error' in parsed) return invalid(parsed.error);
  const { terms } = parsed;

  const rawKey = body.idempotency_key ?? null;
  if (rawKey !== null && (typeof rawKey !== 'string' || !isValidIdempotencyKey(rawKey))) {
    return invalid('idempotency_key must be 1-128 characters of letters, digits, ".", "_", ":" or "-"');
  }
  const rails = railAvailability(rt);
  const reason = terms.payment_method === X402_METHOD ? rails.x402UnavailableReason : rails.checkoutUnavailableReason;
  if (reason) {
    const fallback = { ...terms, payment_method: CHECKOUT_METHOD };
    return invalid(`payment method ${terms.payment_method} is unavailable: ${reason}`, {
      suggested_command: rails.checkoutUnavailableReason ? null : quoteCommand(fallback, generatedIdempotencyKey('quote')),
    });
  }

  const key = rawKey ?? generatedIdempotencyKey('quote');
  const existing = rt.store.quoteByKey(agent.agent_id, key);
  if (existing) {
    if (sameTerms(existing, terms)) return rt.ctx.ok(COMMAND, quoteJson(existing), { actor });
    return conflict(rt, agent, actor, key, terms);
  }
  const row = rt.store.addQuote({
    id: rt.ctx.newId('quote'),
    agent_id: agent.agent_id,
    idempotency_key: key,
    credits: terms.credits,
    price_amount_cents: terms.credits,
    currency: CURRENCY,
    payment_method: terms.payment_method,
    pack_id: terms.pack_id,
    created_at: nowIso(rt),
    expires_at: isoAfter(rt, QUOTE_TTL_MS),
  });
  return rt.ctx.ok(COMMAND, quoteJson(row), { actor });
}

function conflict(
  rt: PaymentRuntime,
  agent: AgentRecord,
  actor: ActorJson,
  key: string,
  terms: QuoteTerms,
): Response {
  const fresh = unusedKey(rt, agent.agent_id, key);
  return rt.ctx.fail(
    COMMAND,
    409,
    'CREDIT_QUOTE_CONFLICT',
    `idempotency key ${key} already names a quote with other terms; use a fresh key for these terms`,
    {
      exitCode: 1,
      actor,
      retryable: false,
      recovery: {
        suggested_command: quoteCommand(terms, fresh),
        idempotency_key: fresh,
        attempted_terms: { ...terms },
      },
    },
  );
}
