/**
 * The real HTTP server: node:http on 127.0.0.1. Each request becomes a Fetch Request, msw's
 * getResponse finds the answer among the handlers, and the Response is written back. Internal
 * marker headers (markers.ts) ask for a dropped socket or a truncated body.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getResponse, matchRequestUrl, type HttpHandler } from 'msw';
import type { CoreJournal } from './journal.js';
import { redactAuthorization } from './journal.js';
import { INTERNAL_PREFIX, MARK_DROP, MARK_OVERRIDE, MARK_TRUNCATE, MARK_UNKNOWN_ROUTE } from './markers.js';
import { runInScope, type RequestScope } from './scope.js';
import { ADMIN_PREFIX } from './overrides.js';
import { TELEMETRY_PATH } from './handlers/telemetry.js';
import { concatBytes, fromUtf8, type Bytes } from './bytes.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  journal: CoreJournal;
  newTraceId(): string;
  tokenIdOf(rawToken: string): string | null;
  /** Answer when a handler throws or nothing answers. */
  internalError(message: string): Response;
}

export interface HttpServer {
  origin: string;
  setHandlers(handlers: HttpHandler[]): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Bytes> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  return concatBytes(chunks);
}

function toFetchRequest(req: IncomingMessage, url: URL, body: Bytes): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const method = (req.method ?? 'GET').toUpperCase();
  const hasBody = body.length > 0 && method !== 'GET' && method !== 'HEAD';
  return new Request(url, { method, headers, body: hasBody ? body : undefined });
}

function parseJournalBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Handlers that could answer this method and URL. msw parses cookies for every handler it
 * tries, so narrowing the list first keeps a request from paying for all ~60 routes.
 */
function candidates(handlers: HttpHandler[], method: string, url: URL): HttpHandler[] {
  return handlers.filter((h) => {
    const m = h.info.method;
    const methodMatches = m instanceof RegExp ? m.test(method) : m.toUpperCase() === method.toUpperCase();
    return methodMatches && matchRequestUrl(url, h.info.path).matches;
  });
}

export async function startHttpServer(opts: HttpServerOptions): Promise<HttpServer> {
  let handlers: HttpHandler[] = [];
  let origin = '';

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const admin = url.pathname.startsWith(ADMIN_PREFIX);
    const invocationId = admin ? null : opts.journal.activeInvocation();
    const body = await readBody(req);
    const request = toFetchRequest(req, url, body);
    const scope: RequestScope = { traceId: opts.newTraceId(), notes: [] };

    let response: Response;
    try {
      response = (await runInScope(scope, () => getResponse(candidates(handlers, request.method, url), request))) ?? opts.internalError('no handler answered');
    } catch (err) {
      scope.notes.push(`handler error: ${err instanceof Error ? err.message : String(err)}`);
      response = opts.internalError(err instanceof Error ? err.message : String(err));
    }
    const marks = {
      drop: response.headers.has(MARK_DROP),
      truncate: response.headers.get(MARK_TRUNCATE),
      unknown: response.headers.has(MARK_UNKNOWN_ROUTE),
      override: response.headers.get(MARK_OVERRIDE),
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
      body: parseJournalBody(bodyText),
      bodyText,
      status: marks.drop ? 0 : response.status,
      invocationId,
      unknownRoute: marks.unknown,
      telemetry: request.method === 'POST' && url.pathname === TELEMETRY_PATH,
      admin,
      override: marks.override,
      notes: scope.notes,
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

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.statusCode = 500;
      res.end(String(err));
    });
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
      handlers = next;
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
