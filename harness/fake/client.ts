/**
 * HTTP clients for the fake: `callFake` / `dataOf` / `signupAgent` for raw calls, and
 * `FakeServiceClient`, the typed client of the admin API (stubs, verification, payment verbs).
 */
import { isRecord } from '../json.js';
import type { RequestMatcher, Stub } from './stubs/schema.js';
import type { StubView } from './stubs/registry.js';
import type { JournalEntry, PresetName } from './types.js';
import type { TriggerEvent, VerbDelivery } from './payments/trigger.js';

export interface FakeCall {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when it is not JSON. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function callFake(baseUrl: string, method: string, path: string, opts: CallOptions = {}): Promise<FakeCall> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    // keep the text
  }
  return { status: response.status, headers: response.headers, body, text };
}

/** The `data` of an envelope answer (throws when the body is not an envelope). */
export function dataOf(call: FakeCall): Record<string, unknown> {
  const body = call.body as { data?: unknown } | null;
  if (!body || typeof body !== 'object' || !('data' in body)) throw new Error(`not an envelope: ${call.text.slice(0, 200)}`);
  return (body.data ?? {}) as Record<string, unknown>;
}

export interface SignedUpAgent {
  token: string;
  agentId: string;
  organizationId: string;
}

export async function signupAgent(baseUrl: string, contact = 'agent-inbox@example.invalid'): Promise<SignedUpAgent> {
  const call = await callFake(baseUrl, 'POST', '/v1/agent-signups', {
    body: { agent_contact: contact, agent_name: 'harness-agent', runtime: 'conformance', return_token: true },
  });
  if (call.status !== 200) throw new Error(`signup failed: ${call.status} ${call.text}`);
  const data = dataOf(call);
  return { token: String(data.token), agentId: String(data.agent_id), organizationId: String(data.organization_id) };
}

// ---------------------------------------------------------------------------------------------
// FakeServiceClient: the typed admin API client (`import { FakeServiceClient } from 'image-skill-conformance'`).


export type { RequestMatcher, Stub, StubView, TriggerEvent, VerbDelivery };

/** A journal entry as the admin API shows it (no raw authorization). */
export type RecordedRequest = Omit<JournalEntry, 'rawAuthorization'> & { rawAuthorization: null; notes: string[] };

/** A non-2xx admin answer; `problems` names the bad fields when the fake listed them. */
export class FakeServiceError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
  }
}


function errorOf(call: FakeCall): FakeServiceError {
  const error = isRecord(call.body) && isRecord(call.body.error) ? call.body.error : {};
  const problems = Array.isArray(error.problems) ? error.problems.filter(isRecord).map((p) => ({ field: String(p.field), message: String(p.message) })) : [];
  const message = typeof error.message === 'string' ? error.message : call.text.slice(0, 200);
  return new FakeServiceError(call.status, typeof error.code === 'string' ? error.code : `HTTP_${call.status}`, `${call.status}: ${message}`, problems);
}

function field(body: unknown, key: string, what: string): unknown {
  if (!isRecord(body) || !(key in body)) throw new Error(`fake admin answer has no ${key} (${what})`);
  return body[key];
}

function requestsOf(value: unknown, what: string): RecordedRequest[] {
  if (!Array.isArray(value) || !value.every((r) => isRecord(r) && typeof r.method === 'string' && typeof r.path === 'string')) {
    throw new Error(`fake admin answer: ${what} is not a list of requests`);
  }
  return value as RecordedRequest[];
}

function stubOf(value: unknown): StubView {
  if (!isRecord(value) || typeof value.id !== 'string' || !isRecord(value.request)) throw new Error('fake admin answer is not a stub');
  return value as unknown as StubView;
}

/** A webhook delivery the fake made to itself: the webhook endpoint's HTTP status and body. */
export interface StripeDelivery {
  event_id: string | null;
  status: number;
  body: unknown;
  /** Set by completeCheckout and succeedPaymentIntent (delivery_status repeats status). */
  payment_attempt_id?: string;
  delivery_status?: number;
}

/** How a delivery is signed: `valid` (the run's secret), `forged` or `missing`; an old timestamp makes it stale. */
export interface StripeDeliveryOptions {
  signature?: 'valid' | 'forged' | 'missing';
  timestampSec?: number;
}

/** What the webhook endpoint saw: one row per event id, one per delivery. */
export interface StripeEventLog {
  events: Array<{ event_id: string; type: string; outcome: string; payment_attempt_id: string | null; duplicate_deliveries: number } & Record<string, unknown>>;
  deliveries: Array<Record<string, unknown>>;
}

function stripeDeliveryOf(value: unknown): StripeDelivery {
  if (!isRecord(value) || typeof value.status !== 'number') throw new Error('fake admin answer is not a webhook delivery');
  return value as unknown as StripeDelivery;
}

function deliveryOf(value: unknown): VerbDelivery {
  if (!isRecord(value) || typeof value.delivery_status !== 'number' || typeof value.type !== 'string') throw new Error('fake admin answer is not a delivery result');
  return value as unknown as VerbDelivery;
}

export class FakeServiceClient {
  constructor(readonly baseUrl: string) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(baseUrl)) throw new Error(`FakeServiceClient: ${baseUrl} is not a loopback origin like http://127.0.0.1:PORT`);
  }

  /** From IMAGE_SKILL_API_BASE_URL (what `serve` prints). */
  static fromEnv(env: NodeJS.ProcessEnv = process.env): FakeServiceClient {
    const url = env.IMAGE_SKILL_API_BASE_URL;
    if (!url) throw new Error('FakeServiceClient.fromEnv: IMAGE_SKILL_API_BASE_URL is not set');
    return new FakeServiceClient(url.replace(/\/+$/, ''));
  }

  private async call(method: string, path: string, body?: unknown): Promise<FakeCall> {
    const call = await callFake(this.baseUrl, method, path, { body });
    if (call.status < 200 || call.status >= 300) throw errorOf(call);
    return call;
  }

  // stubs
  async addStub(stub: Stub): Promise<StubView> {
    return stubOf((await this.call('POST', '/__admin/stubs', stub)).body);
  }
  async getStub(id: string): Promise<StubView | null> {
    try {
      return stubOf((await this.call('GET', `/__admin/stubs/${encodeURIComponent(id)}`)).body);
    } catch (err) {
      if (err instanceof FakeServiceError && err.status === 404) return null;
      throw err;
    }
  }
  async listStubs(): Promise<StubView[]> {
    const list = field((await this.call('GET', '/__admin/stubs')).body, 'stubs', 'GET /__admin/stubs');
    if (!Array.isArray(list)) throw new Error('fake admin answer: stubs is not a list');
    return list.map(stubOf);
  }
  async removeStub(id: string): Promise<void> {
    await this.call('DELETE', `/__admin/stubs/${encodeURIComponent(id)}`);
  }
  async clearStubs(): Promise<number> {
    return Number(field((await this.call('DELETE', '/__admin/stubs')).body, 'removed', 'DELETE /__admin/stubs'));
  }

  // scenarios
  async scenarios(): Promise<Array<{ name: string; state: string }>> {
    const list = field((await this.call('GET', '/__admin/scenarios')).body, 'scenarios', 'GET /__admin/scenarios');
    if (!Array.isArray(list) || !list.every((s) => isRecord(s) && typeof s.name === 'string' && typeof s.state === 'string')) throw new Error('fake admin answer: scenarios is not a list');
    return list as Array<{ name: string; state: string }>;
  }
  async resetScenarios(): Promise<void> {
    await this.call('POST', '/__admin/scenarios/reset');
  }
  async setScenarioState(name: string, state: string): Promise<void> {
    await this.call('PUT', `/__admin/scenarios/${encodeURIComponent(name)}/state`, { state });
  }

  // verification
  async count(matcher: RequestMatcher): Promise<number> {
    const n = field((await this.call('POST', '/__admin/requests/count', matcher)).body, 'count', 'count');
    if (typeof n !== 'number') throw new Error('fake admin answer: count is not a number');
    return n;
  }
  async find(matcher: RequestMatcher): Promise<RecordedRequest[]> {
    return requestsOf(field((await this.call('POST', '/__admin/requests/find', matcher)).body, 'requests', 'find'), 'requests');
  }
  async unmatched(): Promise<RecordedRequest[]> {
    return requestsOf(field((await this.call('GET', '/__admin/requests/unmatched')).body, 'requests', 'unmatched'), 'requests');
  }
  /** The whole journal (admin traffic included, flagged) as NDJSON text. */
  async exportRequestsNdjson(): Promise<string> {
    return (await this.call('GET', '/__admin/requests?format=ndjson')).text;
  }
  async clearRequests(): Promise<void> {
    await this.call('DELETE', '/__admin/requests');
  }

  // payments
  async trigger(event: TriggerEvent, attemptId: string): Promise<VerbDelivery> {
    return deliveryOf((await this.call('POST', '/__admin/payments/trigger', { event, attempt_id: attemptId })).body);
  }
  async resend(eventId: string): Promise<VerbDelivery> {
    return deliveryOf((await this.call('POST', '/__admin/payments/resend', { event_id: eventId })).body);
  }

  // the Stripe side: play the payer, deliver events, read the webhook's log
  /** Complete the attempt's (or session's) Checkout Session and deliver checkout.session.completed. */
  async completeCheckout(attemptOrSessionId: string, opts: StripeDeliveryOptions = {}): Promise<StripeDelivery> {
    return stripeDeliveryOf((await this.call('POST', `/__admin/stripe/checkout-sessions/${encodeURIComponent(attemptOrSessionId)}/complete`, opts)).body);
  }
  /** Deliver payment_intent.succeeded for the attempt's (or intent's) PaymentIntent. */
  async succeedPaymentIntent(attemptOrIntentId: string, opts: StripeDeliveryOptions = {}): Promise<StripeDelivery> {
    return stripeDeliveryOf((await this.call('POST', `/__admin/stripe/payment-intents/${encodeURIComponent(attemptOrIntentId)}/succeed`, opts)).body);
  }
  /** Deliver any event to the webhook endpoint, signed as asked. */
  async deliverStripeEvent(event: Record<string, unknown>, opts: StripeDeliveryOptions = {}): Promise<StripeDelivery> {
    return stripeDeliveryOf((await this.call('POST', '/__admin/stripe/deliver', { event, ...opts })).body);
  }
  async stripeEvents(): Promise<StripeEventLog> {
    const body = (await this.call('GET', '/__admin/stripe/events')).body;
    if (!isRecord(body) || !Array.isArray(body.events) || !Array.isArray(body.deliveries)) throw new Error('fake admin answer is not the webhook log');
    return body as unknown as StripeEventLog;
  }

  // the envelope routes
  async preset(name: PresetName): Promise<void> {
    await this.call('POST', `/__admin/presets/${encodeURIComponent(name)}`);
  }
  async clearOverrides(): Promise<void> {
    await this.call('DELETE', '/__admin/overrides');
  }
  async reset(opts: { journal?: boolean } = {}): Promise<void> {
    await this.call('POST', '/__admin/reset', opts.journal ? { journal: true } : undefined);
  }
  async state(): Promise<Record<string, unknown>> {
    return dataOf(await this.call('GET', '/__admin/state'));
  }
}
