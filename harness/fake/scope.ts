/** Per-request scope (AsyncLocalStorage): one trace id per request and the notes handlers attach to it. */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  traceId: string;
  notes: string[];
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
