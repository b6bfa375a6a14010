/** /__admin/stubs and /__admin/scenarios: stubs as data, by id; scenario states. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { OverrideTable } from '../overrides.js';
import type { StubRegistry } from '../stubs/registry.js';
import { describeProblems } from '../stubs/validate.js';
import { adminError, adminJson, plainBodyProblems, readJsonBody } from './json.js';

export interface StubRouteDeps {
  url(path: string): string;
  stubs: StubRegistry;
  table: OverrideTable;
}

export function stubRoutes(deps: StubRouteDeps): HttpHandler[] {
  const { stubs, table } = deps;
  const notFound = (id: string): Response => adminError(404, 'STUB_NOT_FOUND', `no stub with id "${id}"`);
  return [
    http.post('*/__admin/stubs', async ({ request }) => {
      const body = await readJsonBody(request);
      if (!body.ok) return body.response;
      const added = stubs.tryAdd(body.value);
      if (!added.ok) {
        const code = added.status === 409 ? 'STUB_ID_CONFLICT' : 'INVALID_STUB';
        return adminError(added.status, code, describeProblems(added.problems), added.problems);
      }
      return adminJson(added.stub, 201);
    }),
    http.get('*/__admin/stubs', () => adminJson({ stubs: stubs.list() })),
    http.delete('*/__admin/stubs', () => adminJson({ removed: stubs.clear() })),
    http.get('*/__admin/stubs/:id', ({ params }) => {
      const stub = stubs.get(String(params.id));
      return stub ? adminJson(stub) : notFound(String(params.id));
    }),
    http.delete('*/__admin/stubs/:id', ({ params }) => {
      const id = String(params.id);
      return stubs.remove(id) ? adminJson({ removed: id }) : notFound(id);
    }),
    http.get('*/__admin/scenarios', () => adminJson({ scenarios: table.scenarios.list() })),
    http.post('*/__admin/scenarios/reset', () => {
      table.scenarios.reset();
      return adminJson({ scenarios: table.scenarios.list() });
    }),
    http.put('*/__admin/scenarios/:name/state', async ({ request, params }) => {
      const body = await readJsonBody(request);
      if (!body.ok) return body.response;
      const problems = plainBodyProblems(body.value, ['state']);
      if (problems.length > 0) return adminError(400, 'INVALID_ARGUMENT', describeProblems(problems), problems);
      table.scenarios.set(String(params.name), String((body.value as { state: string }).state));
      return adminJson({ scenarios: table.scenarios.list() });
    }),
  ];
}
