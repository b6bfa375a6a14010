/**
 * A minimal FakeContext and loopback HTTP server for exercising the payment area on its own
 * (unit tests). The real core replaces all of this in the running fake.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';
import type { ChainHandle } from '../../chain/types.js';
import type { StripeBackend } from '../../stripe/types.js';
import type { ActivityInput, ActorJson, AgentRecord, FakeContext } from '../context.js';
import { startEmbeddedStripe } from '../../stripe/index.js';
import { buildPaymentArea, type PaymentAreaHandle } from './area.js';
import type { PaymentDeps } from './deps.js';
import { realPaymentDeps } from './index.js';

export interface StandInContext extends FakeContext {
  /** Register an agent and return its bearer token. */
  addAgent(name: string): { agent: AgentRecord; token: string };
  balances: Map<string, number>;
  activity: Array<{ agentId: string } & ActivityInput>;
  notes: string[];
  grants: Array<{ agentId: string; credits: number }>;
  /** Shift ctx.now() by this many milliseconds. */
  clockOffsetMs: number;
  setOrigin(origin: string): void;
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export function createStandInContext(opts: { stripe: StripeBackend | null; chain: ChainHandle | null }): StandInContext {
  const tokens = new Map<string, AgentRecord>();
  let origin = 'http://127.0.0.1:0';
  const envelope = (command: string, actor: ActorJson | null, data: unknown, error: unknown) =>
    ({ ok: error === null, command, trace_id: `trace_${hex(12)}`, actor, data, warnings: [], error });
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
  const actorOf = (agent: AgentRecord): ActorJson => ({
    actor_type: 'agent',
    actor_id: agent.agent_id,
    organization_id: agent.organization_id,
    claim_state: agent.claim_state,
  });

  const ctx: StandInContext = {
    balances: new Map(),
    activity: [],
    notes: [],
    grants: [],
    clockOffsetMs: 0,
    setOrigin: (value) => {
      origin = value;
    },
    origin: () => origin,
    addAgent(name) {
      const agent: AgentRecord = {
        agent_id: `agt_${hex(8)}`,
        organization_id: `org_${hex(8)}`,
        claim_state: 'unclaimed',
        agent_contact: `${name}@example.invalid`,
        agent_name: name,
        runtime: 'unit-test',
      };
      const token = `isk_r_${hex(16)}`;
      tokens.set(token, agent);
      ctx.balances.set(agent.agent_id, 0);
      return { agent, token };
    },
    authenticate(request, command) {
      const header = request.headers.get('authorization');
      const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
      if (!token) return { response: ctx.fail(command, 401, 'AUTH_REQUIRED', 'no token') };
      const agent = tokens.get(token);
      if (!agent) return { response: ctx.fail(command, 401, 'AUTH_INVALID', 'unknown token') };
      return { agent, actor: actorOf(agent) };
    },
    ok: (command, data, o = {}) => json(o.status ?? 200, envelope(command, o.actor ?? null, data, null), o.headers),
    fail: (command, status, code, message, o = {}) => {
      const error: Record<string, unknown> = { code, message, retryable: o.retryable ?? false };
      if (o.recovery) error.recovery = o.recovery;
      const headers: Record<string, string> = o.exitCode === undefined ? {} : { 'x-image-skill-exit-code': String(o.exitCode) };
      return json(status, envelope(command, o.actor ?? null, null, error), headers);
    },
    newId: (prefix) => `${prefix}_${hex(12)}`,
    now: () => new Date(Date.now() + ctx.clockOffsetMs),
    traceId: () => `trace_${hex(12)}`,
    url: (path) => `${origin}${path}`,
    ledger: {
      limits: (agentId) => {
        const paid = ctx.balances.get(agentId) ?? 0;
        return { remaining_credits: paid, payment_backed_remaining_credits: paid, free_preview_remaining_credits: 0 };
      },
      grantPaidCredits: (agentId, credits) => {
        ctx.grants.push({ agentId, credits });
        ctx.balances.set(agentId, (ctx.balances.get(agentId) ?? 0) + credits);
      },
      debitPaidCredits: (agentId, credits) => {
        ctx.balances.set(agentId, (ctx.balances.get(agentId) ?? 0) - credits);
      },
      addActivity: (agentId, event) => {
        ctx.activity.push({ agentId, ...event });
        return { event_id: `evt_${hex(8)}` };
      },
    },
    stripe: opts.stripe,
    chain: opts.chain,
    note: (message) => {
      ctx.notes.push(message);
    },
    // The stand-in states no service rule: its answers stay the strict ones.
    states: () => false,
    quotaData: (agent) => ({ authenticated: true, claim_state: agent.claim_state, limits: ctx.ledger.limits(agent.agent_id) }),
  };
  return ctx;
}

async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  req.setEncoding('utf8');
  let body = '';
  for await (const chunk of req) body += String(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && body.length > 0;
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: hasBody ? body : undefined });
}

/** Serve msw handlers on 127.0.0.1 (unmatched routes answer 404). */
export async function serveHandlers(handlers: HttpHandler[]): Promise<{ origin: string; close(): Promise<void> }> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const response = (await getResponse(handlers, await toRequest(req, origin))) ?? new Response('{"unmatched":true}', { status: 404 });
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(await response.text());
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface PaymentHarness {
  ctx: StandInContext;
  area: PaymentAreaHandle;
  origin: string;
  /** Call the fake: JSON body in, parsed JSON (or null) out. */
  call(method: string, path: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<{
    status: number;
    headers: Headers;
    json: Record<string, unknown> | null;
  }>;
  close(): Promise<void>;
}

/**
 * Embedded Stripe + stand-in context + the area served on loopback. `chain` may be a stand-in
 * handle: the chain watcher is replaced by a no-op unless `watchTransfers` is given.
 */
export async function startPaymentHarness(opts: {
  chain?: ChainHandle | null;
  deps?: Partial<PaymentDeps>;
} = {}): Promise<PaymentHarness> {
  const stripe = await startEmbeddedStripe();
  const ctx = createStandInContext({ stripe, chain: opts.chain ?? null });
  const deps: PaymentDeps = { ...realPaymentDeps, watchTransfers: () => ({ stop() {} }), ...opts.deps };
  const area = buildPaymentArea(ctx, deps);
  const server = await serveHandlers(area.handlers);
  ctx.setOrigin(server.origin);
  return {
    ctx,
    area,
    origin: server.origin,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.token) headers.authorization = `Bearer ${o.token}`;
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      const response = await fetch(`${server.origin}${path}`, {
        method,
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
        redirect: 'manual',
      });
      const text = await response.text();
      let json: Record<string, unknown> | null = null;
      try {
        json = text ? (JSON.parse(text) as Record<string, unknown>) : null;
      } catch {
        json = null;
      }
      return { status: response.status, headers: response.headers, json };
    },
    async close() {
      await area.close();
      await server.close();
      await stripe.stop();
    },
  };
}
