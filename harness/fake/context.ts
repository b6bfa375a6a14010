/**
 * The seam between the fake's core (server, store, identity, media, jobs...) and its
 * payment area (quotes, purchases, status, webhooks, settlement). Core implements it;
 * handlers in harness/fake/payments/ consume it.
 */
import type { HttpHandler } from 'msw';
import type { ChainHandle } from '../chain/types.js';
import type { StripeBackend } from '../stripe/types.js';

export interface AgentRecord {
  agent_id: string;
  organization_id: string;
  claim_state: 'unclaimed' | 'payment_backed_unclaimed' | 'claimed' | 'revoked';
  agent_contact: string;
  agent_name: string;
  runtime: string;
}

export interface ActorJson {
  actor_type: 'agent';
  actor_id: string;
  organization_id: string;
  claim_state: string;
}

export interface ErrorOptions {
  retryable?: boolean;
  recovery?: Record<string, unknown>;
  /** Value for the x-image-skill-exit-code header; omitted means "let the status decide". */
  exitCode?: number;
  actor?: ActorJson | null;
}

export interface ActivityInput {
  type: string;
  summary: string;
  operation: string;
  subject: { type: string; id: string };
  links: Record<string, unknown>;
  status?: string;
  details?: Record<string, unknown>;
}

export interface FakeContext {
  /** Origin of the running fake, e.g. http://127.0.0.1:40123 */
  origin(): string;
  /** Resolve the bearer token of a request: the agent, or a ready 401 envelope Response. */
  authenticate(request: Request, command: string): { agent: AgentRecord; actor: ActorJson } | { response: Response };
  ok(command: string, data: unknown, opts?: { actor?: ActorJson | null; status?: number; headers?: Record<string, string> }): Response;
  fail(command: string, status: number, code: string, message: string, opts?: ErrorOptions): Response;
  newId(prefix: string): string;
  now(): Date;
  /** Trace id of the request being handled (one per request). */
  traceId(): string;
  /** Absolute URL on the fake for a path. */
  url(path: string): string;
  ledger: {
    /** Current balances for an agent. */
    limits(agentId: string): { remaining_credits: number; payment_backed_remaining_credits: number; free_preview_remaining_credits: number };
    /** Add payment-backed credits (called only from verified webhook fulfilment). */
    grantPaidCredits(agentId: string, credits: number): void;
    /** Remove payment-backed credits (refund/dispute). */
    debitPaidCredits(agentId: string, credits: number): void;
    addActivity(agentId: string, event: ActivityInput): { event_id: string };
  };
  stripe: StripeBackend | null;
  chain: ChainHandle | null;
  /** Flag a request as a webhook/settlement side effect in the journal notes. */
  note(message: string): void;
  /** True when the documents in force state this rule (the service rules of harness/rules/catalogue/service.ts). */
  states(ruleId: string): boolean;
  /** The agent's quota as `usage quota` answers it (GET /v1/quota's data). */
  quotaData(agent: AgentRecord): Record<string, unknown>;
}

/**
 * What every handler factory of the fake receives: the shared request vocabulary (`ctx`:
 * auth, envelopes, ids, clock, ledger) and its own area's state. The core's `Core` and the
 * payment area's `PaymentRuntime` are both this shape; no handler reaches another area's state.
 */
export interface HandlerArea<Store> {
  ctx: FakeContext;
  store: Store;
}

/** Contract of the payment area module (harness/fake/payments/index.ts). */
export interface PaymentArea {
  handlers: HttpHandler[];
  /** Called by core when the fake closes (stop watchers, timers). */
  close(): Promise<void>;
}
