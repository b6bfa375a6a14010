/** A small HTTP client for the fake, used by harness self-tests and scenarios that poke it directly. */

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
