/**
 * The embedded Stripe backend: a node:http server on 127.0.0.1 answering the few
 * /v1 endpoints the fake service uses, with Stripe's auth, error and idempotency rules.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCheckoutSession, expireCheckoutSession, retrieveCheckoutSession } from './checkout.js';
import { StripeApiError } from './errors.js';
import { listEvents, retrieveEvent } from './events-list.js';
import { FormParseError, parseStripeForm, type FormObject } from './form.js';
import { createPaymentIntent, retrievePaymentIntent } from './payment-intents.js';
import { createState, type EmbeddedState, type RequestOrigin, type StripeObject } from './state.js';
import { stripeId } from '../ids.js';

const MAX_BODY_BYTES = 1024 * 1024;

type Handler = (state: EmbeddedState, params: FormObject, origin: RequestOrigin, pathId: string) => StripeObject;

interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: Handler;
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, handle: (s, p, o) => createCheckoutSession(s, p, o) },
  { method: 'GET', pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/, handle: (s, p, _o, id) => retrieveCheckoutSession(s, id, p) },
  { method: 'POST', pattern: /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, handle: (s, p, o, id) => expireCheckoutSession(s, id, p, o) },
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: (s, p, o) => createPaymentIntent(s, p, o) },
  { method: 'GET', pattern: /^\/v1\/payment_intents\/([^/]+)$/, handle: (s, _p, _o, id) => retrievePaymentIntent(s, id) },
  { method: 'GET', pattern: /^\/v1\/events$/, handle: (s, p) => listEvents(s, p) },
  { method: 'GET', pattern: /^\/v1\/events\/([^/]+)$/, handle: (s, _p, _o, id) => retrieveEvent(s, id) },
];

interface SavedResponse {
  method: string;
  path: string;
  body: string;
  status: number;
  json: string;
}

export interface EmbeddedServer {
  url: string;
  state: EmbeddedState;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY_BYTES) {
        reject(new StripeApiError(413, 'invalid_request_error', 'request_too_large', 'Request body is too large.'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function bearerKey(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new StripeApiError(401, 'invalid_request_error', 'api_key_missing',
      'No API key was sent. Send it as a Bearer token in the Authorization header.');
  }
  if (!/^sk_test_\w+$/.test(match[1])) {
    throw new StripeApiError(401, 'invalid_request_error', 'api_key_invalid',
      'The API key is not a test-mode secret key (sk_test_...).');
  }
  return match[1];
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

function send(res: ServerResponse, status: number, json: string, requestId: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
    'request-id': requestId,
    ...extra,
  });
  res.end(json);
}

function route(method: string, path: string): { handle: Handler; id: string } {
  for (const candidate of ROUTES) {
    const match = candidate.method === method ? candidate.pattern.exec(path) : null;
    if (match) return { handle: candidate.handle, id: decodeURIComponent(match[1] ?? '') };
  }
  throw new StripeApiError(404, 'invalid_request_error', 'resource_missing',
    `Unrecognized request URL (${method}: ${path}). The embedded Stripe backend serves only the endpoints the fake uses.`);
}

function parseParams(method: string, rawQuery: string, body: string, contentType: string): FormObject {
  if (method === 'GET') return parseStripeForm(rawQuery);
  if (body !== '' && !contentType.startsWith('application/x-www-form-urlencoded')) {
    throw new StripeApiError(400, 'invalid_request_error', 'invalid_content_type',
      'Request bodies must be application/x-www-form-urlencoded.');
  }
  return parseStripeForm(body);
}

export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const state = createState();
  const saved = new Map<string, SavedResponse>();

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = stripeId('req_', 14);
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    try {
      const body = await readBody(req);
      const apiKey = bearerKey(req);
      const target = route(method, url.pathname);
      const idempotencyKey = method === 'POST' ? headerValue(req, 'idempotency-key') : null;
      const savedKey = `${apiKey}\n${idempotencyKey ?? ''}`;
      const previous = idempotencyKey === null ? undefined : saved.get(savedKey);
      if (previous) {
        if (previous.method !== method || previous.path !== url.pathname || previous.body !== body) {
          throw new StripeApiError(400, 'idempotency_error', 'idempotency_key_in_use',
            `Idempotency key ${idempotencyKey} was already used with a different request.`);
        }
        send(res, previous.status, previous.json, requestId, { 'idempotent-replayed': 'true' });
        return;
      }
      const params = parseParams(method, url.search.slice(1), body, req.headers['content-type'] ?? '');
      const result = target.handle(state, params, { requestId, idempotencyKey }, target.id);
      const json = JSON.stringify(result);
      // Like Stripe, only requests that got past validation are remembered for replay.
      if (idempotencyKey !== null) saved.set(savedKey, { method, path: url.pathname, body, status: 200, json });
      send(res, 200, json, requestId);
    } catch (error) {
      const apiError = error instanceof StripeApiError ? error
        : error instanceof FormParseError ? new StripeApiError(400, 'invalid_request_error', 'parameter_invalid', error.message)
        : new StripeApiError(500, 'api_error', 'internal', `Embedded backend failure: ${String(error)}`);
      if (!res.headersSent) send(res, apiError.status, JSON.stringify(apiError.toBody()), requestId);
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
