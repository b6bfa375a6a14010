/**
 * POST /v1/cli: runs a read-only subset of CLI commands by forwarding to the matching route
 * with the caller's authorization.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import { http, type RouteTable } from '../routing.js';
import type { Core } from '../core.js';
import { readJsonObject } from './request-body.js';
import { EXIT_HEADER } from '../envelope.js';

interface Route {
  command: string;
  path: string;
}

const BOOLEAN_MODEL_FLAGS = ['available', 'executable', 'catalog-only'];

/** Maps argv to a route, or null when the command is not in the read-only subset. */
export function routeForArgv(argv: string[]): Route | null {
  const words = argv.filter((a) => !a.startsWith('--'));
  const [a, b] = words;
  if (a === 'whoami') return { command: 'whoami', path: '/v1/whoami' };
  if ((a === 'usage' && b === 'quota') || (a === 'quota' && b === undefined)) return { command: 'usage quota', path: '/v1/quota' };
  if (a === 'models' && (b === undefined || b === 'list')) {
    const query = new URLSearchParams();
    for (const flag of BOOLEAN_MODEL_FLAGS) if (argv.includes(`--${flag}`)) query.set(flag.replace('-', '_'), 'true');
    for (const flag of ['operation', 'provider']) {
      const i = argv.indexOf(`--${flag}`);
      if (i >= 0 && argv[i + 1]) query.set(flag, argv[i + 1]);
    }
    const qs = query.toString();
    return { command: 'models list', path: `/v1/models${qs ? `?${qs}` : ''}` };
  }
  return null;
}

function exitHeaderOf(answer: Response): Record<string, string> {
  const exit = answer.headers.get(EXIT_HEADER);
  return exit === null ? {} : { [EXIT_HEADER]: exit };
}

export function cliHandlers(core: Core, routes: RouteTable): HttpHandler[] {
  return [
    http.post('*/v1/cli', async ({ request }) => {
      const auth = core.ctx.authenticate(request, 'cli');
      if ('response' in auth) return auth.response;
      const body = await readJsonObject(request);
      const argv = body?.argv;
      if (!Array.isArray(argv) || !argv.every((x): x is string => typeof x === 'string')) {
        return core.ctx.fail('cli', 400, 'INVALID_ARGUMENT', 'argv must be an array of strings.', { actor: auth.actor });
      }
      const route = routeForArgv(argv);
      if (!route) {
        return core.ctx.fail('cli', 400, 'INVALID_ARGUMENT', 'Only whoami, usage quota and models list run through /v1/cli.', { actor: auth.actor });
      }
      const inner = new Request(core.ctx.url(route.path), { headers: { authorization: request.headers.get('authorization') ?? '' } });
      const answer = await routes.respond(inner);
      if (!answer) throw new Error(`no handler for ${route.path}`);
      const envelope = (await answer.json()) as Record<string, unknown>;
      return HttpResponse.json({ ...envelope, command: route.command }, { status: answer.status, headers: exitHeaderOf(answer) });
    }),
  ];
}
