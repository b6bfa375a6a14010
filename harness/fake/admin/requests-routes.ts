/** /__admin/requests: verification against the journal (count, find, unmatched) and NDJSON export. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import { publicEntry, type CoreJournal, type CoreJournalEntry } from '../journal.js';
import { matchInputOfEntry, matchRequest } from '../stubs/match.js';
import { describeProblems, parseRequestMatcher } from '../stubs/validate.js';
import type { RequestMatcher } from '../stubs/schema.js';
import { adminError, adminJson, readJsonBody } from './json.js';

export interface RequestRouteDeps {
  url(path: string): string;
  journal: CoreJournal;
}

/** Requests the service saw (admin traffic left out) that satisfy the matcher, oldest first. */
export function findRequests(journal: CoreJournal, matcher: RequestMatcher): CoreJournalEntry[] {
  return journal.entries().filter((e) => !e.admin && matchRequest(matcher, matchInputOfEntry(e)));
}

export function requestRoutes(deps: RequestRouteDeps): HttpHandler[] {
  const { journal } = deps;
  const withMatcher = (run: (m: RequestMatcher) => Response) => async ({ request }: { request: Request }): Promise<Response> => {
    const body = await readJsonBody(request, {});
    if (!body.ok) return body.response;
    const parsed = parseRequestMatcher(body.value);
    if (!parsed.ok) return adminError(400, 'INVALID_MATCHER', describeProblems(parsed.problems), parsed.problems);
    return run(parsed.value);
  };
  return [
    http.post('*/__admin/requests/count', withMatcher((m) => adminJson({ count: findRequests(journal, m).length }))),
    http.post('*/__admin/requests/find', withMatcher((m) => adminJson({ requests: findRequests(journal, m).map(publicEntry) }))),
    http.get('*/__admin/requests/unmatched', () =>
      adminJson({ requests: journal.entries().filter((e) => e.unknownRoute && !e.admin).map(publicEntry) }),
    ),
    http.get('*/__admin/requests', ({ request }) => {
      const format = new URL(request.url).searchParams.get('format') ?? 'json';
      if (format === 'ndjson') {
        const lines = journal.entries().map((e) => `${JSON.stringify(publicEntry(e))}\n`).join('');
        return new Response(lines, { headers: { 'content-type': 'application/x-ndjson' } });
      }
      if (format !== 'json') return adminError(400, 'INVALID_ARGUMENT', `format must be json or ndjson, got "${format}"`);
      return adminJson({ requests: journal.entries().filter((e) => !e.admin).map(publicEntry) });
    }),
    http.delete('*/__admin/requests', () => {
      journal.clear();
      return adminJson({ cleared: true });
    }),
  ];
}
