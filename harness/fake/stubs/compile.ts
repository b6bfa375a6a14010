/** A validated stub becomes an entry of the override table (the one layer that shapes answers). */
import type { CoreOverride } from '../overrides.js';
import type { MalformedKind } from '../types.js';
import { matchRequest } from './match.js';
import type { Stub } from './schema.js';

export function stubName(stub: Stub, id: string): string {
  return stub.name ?? `stub ${id}`;
}

export function compileStub(stub: Stub, id: string): CoreOverride {
  const m = stub.request;
  const r = stub.response ?? {};
  const method = m.method === undefined || m.method.toUpperCase() === 'ANY' ? '*' : m.method;
  const o: CoreOverride = {
    name: stubName(stub, id),
    method,
    // The table narrows by method and msw path first; the full matcher runs as `when`.
    path: m.path ?? '*',
    when: (input) => matchRequest(m, { query: {}, headers: {}, ...input }),
    priority: stub.priority,
    scenario: stub.scenario,
    times: stub.times,
  };
  if (r.status !== undefined) o.status = r.status;
  if (r.headers) o.headers = { ...r.headers };
  if (r.jsonBody !== undefined) o.body = r.jsonBody;
  if (r.body !== undefined) {
    o.body = r.body;
    o.headers = { 'content-type': 'text/plain; charset=utf-8', ...o.headers };
  }
  if (r.patch?.data) o.dataPatch = r.patch.data;
  if (r.patch?.set) o.setPaths = r.patch.set;
  if (r.patch?.remove) o.removePaths = r.patch.remove;
  if (r.error) o.error = r.error;
  if (r.delayMs !== undefined) o.delayMs = r.delayMs;
  if (r.afterHandler !== undefined) o.afterHandler = r.afterHandler;
  if (r.fault === 'drop') o.drop = true;
  else if (r.fault === 'truncate') o.truncateBodyBytes = r.truncateBytes ?? 0;
  else if (r.fault !== undefined) o.malformed = r.fault satisfies MalformedKind;
  return o;
}
