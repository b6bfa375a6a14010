/** Public surface of the fake api.image-skill.com. */
import type { ContractDocuments } from '../target/types.js';

export interface JournalEntry {
  seq: number;
  at: string; // ISO time
  method: string;
  path: string;
  query: Record<string, string>;
  /** Header names lower-cased; authorization replaced by 'Bearer [redacted:<token-id>]'. */
  headers: Record<string, string>;
  /** Raw authorization header value, kept only in memory for the secret scanner; never written to reports. */
  rawAuthorization: string | null;
  /** Parsed JSON body, or the raw text when not JSON, or null. */
  body: unknown;
  bodyText: string;
  status: number;
  /** Invocation that was running when the request arrived (see Journal.setActiveInvocation). */
  invocationId: string | null;
  /** True when no documented route matched (answered with an envelope 404). */
  unknownRoute: boolean;
  /** True for the telemetry sink (excluded from "no mutating request" rules). */
  telemetry: boolean;
  /** True for the admin API under /__admin. */
  admin: boolean;
  /** Name of the override that answered, when one did. */
  override: string | null;
  /**
   * Rows this request created on the fake, per entity (`agent`, `token`, `job`, `quote`,
   * `payment_attempt`, `ledgerEntry`, ...; harness/fake/store.ts and payments/store.ts); empty
   * when it created nothing. Requests that overlap in time may share their counts.
   */
  created: Record<string, number>;
  /**
   * `data` of the JSON envelope the fake answered with, as sent (undefined when the answer was
   * not a whole envelope: dropped, truncated, not JSON); parsed when first asked for. Memory
   * only: the blame check reads it to tell a field the service never sent from one the CLI
   * dropped; never written to reports.
   */
  responseData?: () => unknown;
}

export interface Journal {
  entries(): JournalEntry[];
  forInvocation(invocationId: string): JournalEntry[];
  setActiveInvocation(invocationId: string | null): void;
  clear(): void;
}

export type MalformedKind = 'truncated-json' | 'html' | 'empty' | 'not-json-text';

export interface RouteBehaviour {
  /** HTTP status to answer with. */
  status?: number;
  /** Body: an object is sent as JSON; a string as-is. */
  body?: unknown;
  /** Merge into the normal envelope's data instead of replacing the body. */
  dataPatch?: Record<string, unknown>;
  /** Remove these top-level envelope keys / data keys (dot paths like 'data.limits.remaining_credits'). */
  removePaths?: string[];
  /** Set these dot paths to the given values (null allowed). */
  setPaths?: Record<string, unknown>;
  headers?: Record<string, string>;
  delayMs?: number;
  malformed?: MalformedKind;
  /** Destroy the socket without answering. */
  drop?: boolean;
  /** Apply only to the next N matching requests (default: forever). */
  times?: number;
  /** Run the real handler first (side effects happen), then apply status/body/etc. */
  afterHandler?: boolean;
}

export interface RouteOverride extends RouteBehaviour {
  name?: string;
  method: string; // 'GET' | 'POST' | '*'
  /** Path pattern with :params, e.g. '/v1/models/:id' or '/v1/quota'. */
  path: string;
}

export type PresetName = 'quota-exhausted' | 'x402-unavailable' | 'no-executable-model' | 'service-down';

export interface FakeService {
  /** Origin, e.g. http://127.0.0.1:40123 (no trailing slash). */
  url: string;
  journal: Journal;
  override(o: RouteOverride): void;
  clearOverrides(): void;
  preset(name: PresetName): void;
  /** Issued raw tokens (for the secret scanner). */
  issuedTokens(): string[];
  /** Direct state access for assertions; see harness/fake/store.ts. */
  state: FakeStateView;
  /** Serve these contract documents at /cli.md, /llms.txt, /skill.md (404 envelope when absent). */
  setDocuments(docs: ContractDocuments): void;
  close(): Promise<void>;
}

/** Read-only helpers over the store used by scenarios. */
export interface FakeStateView {
  quotaFor(agentId: string): { remaining_credits: number; payment_backed_remaining_credits: number };
  agents(): Array<{ agent_id: string; organization_id: string; agent_contact: string }>;
  reservations(): Array<{ reservation_id: string; agent_id: string; idempotency_key: string; credits: number }>;
  paymentAttempt(id: string): Record<string, unknown> | null;
  activity(agentId?: string): Array<Record<string, unknown>>;
  receipts(): Array<Record<string, unknown>>;
  webhookEvents(): Array<{ event_id: string; type: string; outcome: string }>;
}
