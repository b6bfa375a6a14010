/** Anything no handler claimed: a 404 envelope, flagged as an unknown route in the journal. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { MARK_UNKNOWN_ROUTE } from '../markers.js';

export function unknownRouteResponse(core: Core, method: string, path: string): Response {
  const response = core.ctx.fail('unknown', 404, 'NOT_FOUND', `No route for ${method} ${path}.`);
  response.headers.set(MARK_UNKNOWN_ROUTE, '1');
  return response;
}

export function fallbackHandlers(core: Core): HttpHandler[] {
  return [http.all('*', ({ request }) => unknownRouteResponse(core, request.method, new URL(request.url).pathname))];
}
