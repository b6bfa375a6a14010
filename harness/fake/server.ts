/**
 * The real HTTP server: node:http on 127.0.0.1. Each request becomes a Fetch Request, msw's
 * getResponse finds the answer among the handlers, and the Response is written back. Internal
 * marker headers (markers.ts) ask for a dropped socket or a truncated body. The handler list is
 * turned into a route table once (routing.ts), not searched in full per request.
 */
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpHandler } from 'msw';
import { createRouteTable, type RouteTable } from './routing.js';
import type { CoreJournal } from './journal.js';
import { redactAuthorization } from './journal.js';
import { INTERNAL_PREFIX, MARK_DROP, MARK_OVERRIDE, MARK_TRUNCATE, MARK_UNKNOWN_ROUTE } from './markers.js';
import { runInScope, type RequestScope } from './scope.js';
import { ADMIN_PREFIX } from './overrides.js';
import { TELEMETRY_PATH } from './handlers/telemetry.js';
import { rowsCreated } from './row-counts.js';
import { concatBytes, fromUtf8, type Bytes } from './bytes.js';
import { errorEnvelope } from './envelope.js';
import { jsonOrText } from '../json.js';

/** Transport limits: set on purpose, so hostile input meets a 4xx or a closed socket, never a hang. */
export interface HttpLimits {
  /** Largest request body accepted; larger ones get 413 and the connection is closed. */
  maxBodyBytes: number;
  /** Largest request head (request line + headers); larger ones get 431. */
  maxHeaderBytes: number;
  /** Time allowed to send the complete head; a client stalled mid-headers gets 408 and is closed. */
  headersTimeoutMs: number;
  /** Time allowed to send the complete request (head + body). */
  requestTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxBodyBytes: 16 * 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

export interface HttpServerOptions {
  host: string;
  port: number;
  journal: CoreJournal;
  newTraceId(): string;
  tokenIdOf(rawToken: string): string | null;
  /** Answer when a handler throws or nothing answers. */
  internalError(message: string): Response;
  limits?: Partial<HttpLimits>;
  /** Rows per entity of the fake's stores, taken around each request for the journal's `created`. */
  rowCounts?: () => Record<string, number>;
}

export interface HttpServer {
  origin: string;
  setHandlers(handlers: HttpHandler[]): void;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

/** Methods the Fetch API refuses to represent. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

function decodeOverrideName(value: string | null): string | null {
  if (value === null) return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Bytes> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Uint8Array).length;
    if (size > maxBytes) throw new BodyTooLarge();
    chunks.push(chunk as Uint8Array);
  }
  return concatBytes(chunks);
}

/** A transport-level refusal as the service's error envelope (JSON), for a raw socket or a response. */
function refusal(status: number, code: string, message: string, traceId: string): { head: string; body: string } {
  const body = JSON.stringify(errorEnvelope('unknown', traceId, { code, message, retryable: false }, null));
  const reason = { 400: 'Bad Request', 405: 'Method Not Allowed', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large' }[status] ?? 'Error';
  const head = `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n`;
  return { head, body };
}

function toFetchRequest(req: IncomingMessage, url: URL, body: Bytes): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers, body: hasBody ? body : undefined });
}


export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  let routes: RouteTable = createRouteTable([]);
  let origin = '';
  const limits: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...opts.limits };

  const refuse = (res: ServerResponse, status: number, code: string, message: string): void => {
    const r = refusal(status, code, message, opts.newTraceId());
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(r.body)), connection: 'close' });
    res.end(r.body, () => res.socket?.destroy());
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = req.url ?? '/';
    const method = (req.method ?? 'GET').toUpperCase();
    // Requests the router cannot even represent get a 4xx envelope here, not a 500 from deep inside.
    if (!target.startsWith('/')) return refuse(res, 400, 'INVALID_REQUEST', 'Only origin-form request targets are accepted (this service is not a proxy).');
    if (FORBIDDEN_METHODS.has(method)) return refuse(res, 405, 'METHOD_NOT_ALLOWED', `The ${method} method is not supported.`);
    // origin + target, not new URL(target, origin): a target like `//x` must stay a path, not become a host.
    let url: URL;
    try {
      url = new URL(`${origin}${target}`);
    } catch {
      return refuse(res, 400, 'INVALID_REQUEST', 'The request target is not a valid path.');
    }
    if (!decodablePath(url.pathname)) return refuse(res, 400, 'INVALID_REQUEST', 'The request path is not valid percent-encoding.');
    const admin = url.pathname.startsWith(ADMIN_PREFIX);
    const invocationId = admin ? null : opts.journal.activeInvocation();
    let body: Bytes;
    try {
      body = await readBody(req, limits.maxBodyBytes);
    } catch (err) {
      if (!(err instanceof BodyTooLarge)) throw err;
      opts.journal.record({
        method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: {}, rawAuthorization: null,
        body: null, bodyText: '', status: 413, invocationId, unknownRoute: false, telemetry: false, admin, override: null, notes: ['body over the size limit'], created: {},
      });
      refuse(res, 413, 'PAYLOAD_TOO_LARGE', `Request bodies are limited to ${limits.maxBodyBytes} bytes.`);
      return;
    }
    const request = toFetchRequest(req, url, body);
    const scope: RequestScope = { traceId: opts.newTraceId(), notes: [] };

    const rowCounts = admin ? null : (opts.rowCounts ?? null);
    const before = rowCounts?.() ?? null;
    let response: Response;
    try {
      response = (await runInScope(scope, () => routes.respond(request))) ?? opts.internalError('no handler answered');
    } catch (err) {
      scope.notes.push(`handler error: ${err instanceof Error ? err.message : String(err)}`);
      response = opts.internalError(err instanceof Error ? err.message : String(err));
    }
    const marks = {
      drop: response.headers.has(MARK_DROP),
      truncate: response.headers.get(MARK_TRUNCATE),
      unknown: response.headers.has(MARK_UNKNOWN_ROUTE),
      // Percent-encoded by the override layer: a header holds Latin-1 only, a stub's name any text.
      override: decodeOverrideName(response.headers.get(MARK_OVERRIDE)),
    };
    const bytes = new Uint8Array(await response.arrayBuffer());

    const rawAuthorization = req.headers.authorization ?? null;
    const journalHeaders: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue;
      journalHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    if (rawAuthorization !== null) {
      const token = /^Bearer\s+(\S+)/i.exec(rawAuthorization)?.[1];
      journalHeaders.authorization = redactAuthorization(rawAuthorization, token ? opts.tokenIdOf(token) : null);
    }
    const bodyText = fromUtf8(body);
    opts.journal.record({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: journalHeaders,
      rawAuthorization,
      body: jsonOrText(bodyText),
      bodyText,
      status: marks.drop ? 0 : response.status,
      invocationId,
      unknownRoute: marks.unknown,
      telemetry: request.method === 'POST' && url.pathname === TELEMETRY_PATH,
      admin,
      override: marks.override,
      notes: scope.notes,
      created: rowCounts && before ? rowsCreated(before, rowCounts()) : {},
      ...(marks.drop || marks.truncate ? {} : { responseData: envelopeData(response.headers.get('content-type'), bytes) }),
    });

    if (marks.drop) {
      req.socket.destroy();
      return;
    }
    res.statusCode = response.status;
    response.headers.forEach((value, name) => {
      if (!name.startsWith(INTERNAL_PREFIX) && name !== 'content-length' && name !== 'set-cookie') res.setHeader(name, value);
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader('set-cookie', cookies);
    res.setHeader('content-length', String(bytes.length));
    if (marks.truncate !== null) {
      const keep = Math.min(bytes.length, Number(marks.truncate));
      res.write(bytes.subarray(0, keep), () => res.socket?.destroy());
      return;
    }
    res.end(bytes);
  };

  // Node 20 takes all of these in the constructor; the pinned @types/node only knows maxHeaderSize.
  // requireHostHeader off: Node's own 400 for a missing Host has no envelope; the fake ignores Host anyway.
  const serverOptions: ServerOptions & { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number; requireHostHeader: boolean } = {
    maxHeaderSize: limits.maxHeaderBytes,
    requireHostHeader: false,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  };
  const server = createServer(serverOptions, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end(String(err));
    });
  });
  // Unparseable or oversized heads and stalled clients: answer with an envelope if the socket
  // can still take it, then close.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (err.code === 'ECONNRESET')) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const r = refusal(status, status === 408 ? 'REQUEST_TIMEOUT' : 'INVALID_REQUEST', `The request could not be read (${err.code ?? 'parse error'}).`, opts.newTraceId());
    socket.end(r.head + r.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  origin = `http://${opts.host}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    origin,
    setHandlers(next) {
      routes = createRouteTable(next);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The `data` of a JSON envelope answer, parsed when first asked for (undefined for any other body). */
function envelopeData(contentType: string | null, bytes: Uint8Array): () => unknown {
  let parsed: { data: unknown } | null = null;
  return () => {
    if (parsed) return parsed.data;
    let data: unknown;
    if (contentType?.includes('json')) {
      try {
        const body: unknown = JSON.parse(fromUtf8(bytes));
        if (typeof body === 'object' && body !== null && 'data' in body) data = (body as { data: unknown }).data;
      } catch {
        // not JSON: no data
      }
    }
    parsed = { data };
    return data;
  };
}
