/**
 * The shared front half of both purchase routes: auth, body validation, quote ownership and
 * method checks, and per-(agent, key) idempotency that also holds under concurrent retries.
 */
import type { ActorJson, AgentRecord } from '../context.js';
import { authedJsonRequest } from './authed-request.js';
import { X402_METHOD } from './catalog.js';
import { buyCommand, quoteCommand } from './commands.js';
import { freshIdempotencyKey, isValidIdempotencyKey } from './keys.js';
import { nowIso, railAvailability, type PaymentRuntime } from './runtime.js';
import type { AttemptRow, NewAttempt, PaymentMethodId, QuoteRow } from './store.js';
import { purchaseJson } from './views.js';

const COMMAND = 'credits buy';

export interface PurchaseInput {
  agent: AgentRecord;
  quote: QuoteRow;
  idempotencyKey: string;
}

/** Creates the provider object and stores the attempt. */
export type AttemptCreator = (rt: PaymentRuntime, input: PurchaseInput) => Promise<AttemptRow>;

/** The columns every attempt takes from its quote and request; creators add their rail's own. */
export function attemptFromQuote(rt: PaymentRuntime, attemptId: string, input: PurchaseInput, method: PaymentMethodId): Omit<NewAttempt, 'expires_at'> {
  return {
    id: attemptId,
    agent_id: input.agent.agent_id,
    quote_id: input.quote.id,
    idempotency_key: input.idempotencyKey,
    method,
    credits: input.quote.credits,
    amount_cents: input.quote.price_amount_cents,
    currency: input.quote.currency,
    created_at: nowIso(rt),
  };
}


const keyLocks = new WeakMap<PaymentRuntime, Map<string, Promise<void>>>();

/** Run `fn` after every earlier call with the same lock key has finished. */
async function serialised<T>(rt: PaymentRuntime, lockKey: string, fn: () => Promise<T>): Promise<T> {
  let locks = keyLocks.get(rt);
  if (!locks) keyLocks.set(rt, (locks = new Map()));
  const previous = locks.get(lockKey) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((resolve) => (release = resolve));
  const chained = previous.then(() => mine);
  locks.set(lockKey, chained);
  await previous;
  try {
    return await fn();
  } finally {
    release();
    if (locks.get(lockKey) === chained) locks.delete(lockKey);
  }
}

export async function handlePurchase(
  rt: PaymentRuntime,
  request: Request,
  method: PaymentMethodId,
  create: AttemptCreator,
): Promise<Response> {
  const authed = await authedJsonRequest(rt, request, COMMAND);
  if (authed instanceof Response) return authed;
  const { agent, actor, body, invalid } = authed;
  const quoteId = body.quote_id;
  const key = body.idempotency_key;
  if (typeof quoteId !== 'string' || quoteId === '') return invalid('quote_id is required');
  if (typeof key !== 'string' || !isValidIdempotencyKey(key)) {
    return invalid('idempotency_key is required: 1-128 characters of letters, digits, ".", "_", ":" or "-"');
  }
  const quote = rt.store.quote(quoteId);
  if (!quote || quote.agent_id !== agent.agent_id) {
    return rt.ctx.fail(COMMAND, 404, 'NOT_FOUND', `no quote ${quoteId} for this agent`, { actor });
  }
  if (quote.payment_method !== method) {
    return invalid(`quote ${quote.id} accepts ${quote.payment_method}; buy it with the matching provider`, {
      suggested_command: buyCommand(quote.payment_method as PaymentMethodId, quote.id, key),
    });
  }
  return serialised(rt, `${agent.agent_id}\u0000${key}`, () => purchaseOnce(rt, { agent, quote, idempotencyKey: key }, actor, create));
}

async function purchaseOnce(rt: PaymentRuntime, input: PurchaseInput, actor: ActorJson, create: AttemptCreator): Promise<Response> {
  const { agent, quote, idempotencyKey } = input;
  const existing = rt.store.attemptByKey(agent.agent_id, idempotencyKey);
  if (existing) {
    if (existing.quote_id === quote.id) return rt.ctx.ok(COMMAND, purchaseJson(rt, existing), { actor });
    const fresh = freshIdempotencyKey(idempotencyKey);
    return rt.ctx.fail(COMMAND, 409, 'IDEMPOTENCY_KEY_CONFLICT', `idempotency key ${idempotencyKey} already bought quote ${existing.quote_id}`, {
      exitCode: 1,
      actor,
      recovery: { suggested_command: buyCommand(quote.payment_method as PaymentMethodId, quote.id, fresh), idempotency_key: fresh },
    });
  }
  if (Date.parse(quote.expires_at) <= rt.ctx.now().getTime()) {
    const terms = { credits: quote.credits, pack_id: quote.pack_id, payment_method: quote.payment_method as PaymentMethodId };
    return rt.ctx.fail(COMMAND, 409, 'CREDIT_QUOTE_EXPIRED', `quote ${quote.id} expired at ${quote.expires_at}`, {
      exitCode: 1,
      actor,
      recovery: { suggested_command: quoteCommand(terms, freshIdempotencyKey(quote.idempotency_key)) },
    });
  }
  const rails = railAvailability(rt);
  const reason = quote.payment_method === X402_METHOD ? rails.x402UnavailableReason : rails.checkoutUnavailableReason;
  if (reason) return rt.ctx.fail(COMMAND, 503, 'SERVICE_UNAVAILABLE', `payment rail unavailable: ${reason}`, { actor, retryable: true });
  try {
    const attempt = await create(rt, input);
    return rt.ctx.ok(COMMAND, purchaseJson(rt, attempt), { actor });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return rt.ctx.fail(COMMAND, 502, 'PROVIDER_FAILURE', `Stripe did not create the payment object: ${message}`, {
      actor,
      retryable: true,
    });
  }
}
