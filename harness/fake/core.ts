/**
 * Everything the core handlers share for one fake instance, and the FakeContext the payment
 * area receives. Built once the HTTP server knows its origin.
 */
import type { ActorJson, AgentRecord, FakeContext, HandlerArea } from './context.js';
import type { ContractDocuments } from '../target/types.js';
import type { StripeBackend } from '../stripe/types.js';
import type { ChainHandle } from '../chain/types.js';
import type { FakeStore } from './store.js';
import type { IdSource } from './ids.js';
import { sha256Hex } from './ids.js';
import type { CoreJournal } from './journal.js';
import { createLedger, type Ledger } from './ledger.js';
import { createActivityLog, type ActivityLog } from './activity.js';
import { createResponder } from './envelope.js';
import { currentScope } from './scope.js';
import type { DocumentedAnswers } from './documented-answers.js';

export interface PackageMetadata {
  name: string;
  version: string;
  integrity: string | null;
}

/** The core area: its handlers get `ctx` (the shared vocabulary) and the core's own state. */
export interface Core extends HandlerArea<FakeStore> {
  origin: string;
  ids: IdSource;
  journal: CoreJournal;
  ledger: Ledger;
  activity: ActivityLog;
  documents: { current: ContractDocuments };
  packageMetadata: PackageMetadata | null;
  /** Raw tokens handed out (memory only; the store keeps hashes). */
  issuedTokens: string[];
  /** Agent by id, as the payment seam describes it. */
  agent(agentId: string): AgentRecord | null;
  /** Token id for a raw bearer value, for journal redaction. */
  tokenIdOf(rawToken: string): string | null;
  /** True when the documents in force state this rule (harness/rules/catalogue/service.ts). */
  states(ruleId: string): boolean;
}

export interface CoreOptions {
  origin: string;
  store: FakeStore;
  ids: IdSource;
  journal: CoreJournal;
  documents: ContractDocuments;
  packageMetadata: PackageMetadata | null;
  stripe: StripeBackend | null;
  chain: ChainHandle | null;
  /** The documents' examples as templates of the answers (documented-answers.ts). */
  answers: DocumentedAnswers;
  /** True when the documents in force state this rule (the service rules decide what the fake accepts). */
  states(ruleId: string): boolean;
}

/** The next UTC midnight, when the daily job cap resets. */
function nextUtcMidnight(now: Date): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1)).toISOString();
}

export function actorOf(agent: AgentRecord): ActorJson {
  return { actor_type: 'agent', actor_id: agent.agent_id, organization_id: agent.organization_id, claim_state: agent.claim_state };
}

export function createCore(opts: CoreOptions): Core {
  const { store, ids, journal } = opts;
  const now = (): Date => new Date();
  const traceId = (): string => currentScope()?.traceId ?? ids.traceId();
  const ledger = createLedger(store, ids, now);
  const activity = createActivityLog(store, ids, now, traceId);
  const respond = createResponder(traceId);

  const agent = (agentId: string): AgentRecord | null => {
    const a = store.agent.findFirst({ where: { agent_id: { equals: agentId } } });
    if (!a) return null;
    return {
      agent_id: a.agent_id,
      organization_id: a.organization_id,
      claim_state: a.claim_state as AgentRecord['claim_state'],
      agent_contact: a.agent_contact,
      agent_name: a.agent_name,
      runtime: a.runtime,
    };
  };
  const tokenRow = (raw: string) => store.token.findFirst({ where: { token_hash: { equals: sha256Hex(raw) } } });

  const ctx: FakeContext = {
    origin: () => opts.origin,
    authenticate(request, command) {
      const header = request.headers.get('authorization');
      if (!header) {
        return { response: respond.fail(command, 401, 'AUTH_REQUIRED', 'This command needs a bearer token; run signup first.') };
      }
      const raw = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      const row = raw ? tokenRow(raw) : null;
      const found = row && row.status === 'active' ? agent(row.agent_id) : null;
      if (!found || found.claim_state === 'revoked') {
        return { response: respond.fail(command, 401, 'AUTH_INVALID', 'The bearer token is not recognised or no longer active.') };
      }
      return { agent: found, actor: actorOf(found) };
    },
    ok(command, data, o) {
      const answer = opts.answers.fill(command, data);
      if (answer.filled.length) ctx.note(`answer completed from the documented example ${answer.shape}: ${answer.filled.join(', ')}`);
      return respond.ok(command, answer.data, o);
    },
    fail: (command, status, code, message, o) => respond.fail(command, status, code, message, o),
    newId: (prefix) => ids.newId(prefix),
    now,
    traceId,
    url: (path) => `${opts.origin}${path}`,
    ledger: {
      limits: (agentId) => ledger.limits(agentId),
      grantPaidCredits: (agentId, credits) => ledger.grantPaidCredits(agentId, credits),
      debitPaidCredits: (agentId, credits) => ledger.debitPaidCredits(agentId, credits),
      addActivity: (agentId, event) => activity.add(agentId, event),
    },
    stripe: opts.stripe,
    chain: opts.chain,
    note(message) {
      const scope = currentScope();
      if (scope) scope.notes.push(message);
      else journal.addLooseNote(message);
    },
    states: opts.states,
    quotaData: (a) => ({
      authenticated: true,
      claim_state: a.claim_state,
      token_status: 'active',
      credit_unit_usd: 0.01,
      limits: ledger.limits(a.agent_id),
      daily_jobs: ledger.dailyJobs(a.agent_id),
      reset_at: nextUtcMidnight(now()),
    }),
  };

  return {
    origin: opts.origin,
    store,
    ids,
    journal,
    ledger,
    activity,
    ctx,
    documents: { current: { ...opts.documents } },
    packageMetadata: opts.packageMetadata,
    issuedTokens: [],
    agent,
    tokenIdOf: (raw) => tokenRow(raw)?.token_id ?? null,
    states: opts.states,
  };
}
