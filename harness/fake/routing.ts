/**
 * How the fake finds a handler for a request, decided once per handler list instead of once per
 * handler per request.
 *
 * - `http` is msw's `http` namespace (same signature, same matching), whose handlers read the
 *   Cookie header only when a resolver asks for `cookies`: msw's own HttpHandler runs its cookie
 *   store (a public-suffix lookup) for every handler it tries, which was a fifth of the fake's
 *   CPU per request. Each handler also remembers its last few hundred URL matches (msw compiles
 *   the path pattern on every match); the params it hands a resolver are frozen.
 * - A RouteTable is built when the handler list is set: each handler's method test and the literal
 *   start of its path. A request goes to msw's getResponse with only the handlers whose method and
 *   literal prefix fit (usually two or three), in their original order, so msw's matching and
 *   precedence decide exactly as over the full list.
 *
 * All fake routes use one path style, an origin wildcard: `'*\/v1/models'`.
 */
import { getResponse, HttpHandler, matchRequestUrl, type HttpRequestHandler, type HttpRequestParsedResult, type Match, type Path, type PathParams } from 'msw';

/** Cookies of a request as a server sees them: the Cookie header only. */
function headerCookies(request: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const name = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

/** Most recent URL matches per handler: msw compiles the handler's path on every match. */
const MATCH_MEMO_SIZE = 512;

/** msw's HttpHandler, with `cookies` computed on first read and recent URL matches remembered. */
export class LazyCookieHttpHandler extends HttpHandler {
  readonly #matches = new Map<string, Match>();

  /** msw's own URL match (its path coercion and decoding), frozen and remembered by URL. */
  private matchOf(url: string): Match {
    let match = this.#matches.get(url);
    if (match === undefined) {
      const found = matchRequestUrl(new URL(url), this.info.path);
      match = Object.freeze({ matches: found.matches, params: Object.freeze(found.params) });
      if (this.#matches.size >= MATCH_MEMO_SIZE) this.#matches.clear();
      this.#matches.set(url, match);
    }
    return match;
  }

  override async parse(args: { request: Request }): Promise<HttpRequestParsedResult> {
    // Without msw's cookie store: the Cookie header, parsed when a resolver reads `cookies`.
    const match = this.matchOf(args.request.url);
    const request = args.request;
    let cookies: Record<string, string> | null = null;
    return {
      match,
      get cookies(): Record<string, string> {
        cookies ??= headerCookies(request);
        return cookies;
      },
    };
  }

  protected override extendResolverArgs(args: { request: Request; parsedResult: HttpRequestParsedResult }): { params: PathParams; cookies: Record<string, string> } {
    const parsed = args.parsedResult;
    return {
      params: parsed.match.params ?? {},
      get cookies(): Record<string, string> {
        return parsed.cookies;
      },
    };
  }
}

/**
 * A new handler without the stack trace msw takes to note where it was declared (its
 * `info.callFrame`, which the fake never shows): with Playwright's source-mapped stack traces
 * that was about 3% of a scenario worker's CPU, as every fake instance declares its handlers anew.
 */
function withoutCallFrame<T>(make: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

const factory =
  (method: string | RegExp): HttpRequestHandler =>
  (path, resolver, options) =>
    // msw's own `http` passes its typed resolver to HttpHandler the same way.
    withoutCallFrame(() => new LazyCookieHttpHandler(method, path, resolver as ConstructorParameters<typeof HttpHandler>[2], options));

/** msw's `http` namespace over LazyCookieHttpHandler. */
export const http = {
  all: factory(/.+/),
  head: factory('HEAD'),
  get: factory('GET'),
  post: factory('POST'),
  put: factory('PUT'),
  delete: factory('DELETE'),
  patch: factory('PATCH'),
  options: factory('OPTIONS'),
};

interface Route {
  handler: HttpHandler;
  method: string | RegExp;
  /** Path up to its first parameter or wildcard, origin removed; '' when unknown (always tried). */
  literal: string;
}

/** The literal start of a handler path: `'*\/v1/jobs/:id'` → '/v1/jobs/'. */
export function literalPrefix(path: Path): string {
  if (typeof path !== 'string') return '';
  const withoutOrigin = path.startsWith('*') ? path.slice(1) : path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  if (!withoutOrigin.startsWith('/')) return '';
  const stop = withoutOrigin.search(/[:*(?{\\]/);
  // Lower case: msw's path matching ignores case.
  return (stop === -1 ? withoutOrigin : withoutOrigin.slice(0, stop)).toLowerCase();
}

export interface RouteTable {
  /** The handlers that could answer, in list order. */
  candidates(method: string, pathname: string): HttpHandler[];
  /** msw's answer over the candidates; undefined when none answers. */
  respond(request: Request): Promise<Response | undefined>;
}

export function createRouteTable(handlers: readonly HttpHandler[]): RouteTable {
  const routes: Route[] = handlers.map((handler) => ({ handler, method: handler.info.method, literal: literalPrefix(handler.info.path) }));
  const candidates = (method: string, pathname: string): HttpHandler[] => {
    const upper = method.toUpperCase();
    const path = pathname.toLowerCase();
    const out: HttpHandler[] = [];
    for (const r of routes) {
      const methodFits = typeof r.method === 'string' ? r.method.toUpperCase() === upper : r.method.test(upper);
      if (methodFits && path.startsWith(r.literal)) out.push(r.handler);
    }
    return out;
  };
  return {
    candidates,
    respond: (request) => getResponse(candidates(request.method, new URL(request.url).pathname), request),
  };
}
