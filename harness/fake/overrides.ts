/**
 * The override table: programmed answers for matching requests. Newest override wins; `times`
 * counts down per use. Paths under /__admin are never overridden.
 */
import { matchRequestUrl } from 'msw';
import type { MalformedKind, RouteOverride } from './types.js';
import { matchInputOfRequest, type MatchInput } from './stubs/match.js';
import { createScenarioStates, type ScenarioStates } from './stubs/scenarios.js';
import { DEFAULT_PRIORITY, type Stub, type StubScenario } from './stubs/schema.js';
import { isRecord } from '../json.js';

/** Extensions on top of RouteOverride (also accepted as JSON by the admin API). */
export interface CoreOverride extends RouteOverride {
  /** Run the real handler, announce its full content-length, send only this many body bytes, then destroy the socket. */
  truncateBodyBytes?: number;
  /** Error to answer with when `status` >= 400 and no `body` is given (default: by status). */
  error?: { code: string; message: string; retryable?: boolean; exitCode?: number };
  /** Internal (stubs): extra condition on the request (the table always passes query and headers too). */
  when?: (request: Pick<MatchInput, 'method' | 'path' | 'body'> & Partial<MatchInput>) => boolean;
  /** Internal (stubs): 1 is the highest, default 5; equal priorities go to the newest entry. */
  priority?: number;
  /** Internal (stubs): only while the scenario is in requiredState; moves it to newState when used. */
  scenario?: StubScenario;
}

export interface TableEntry {
  id: string;
  o: CoreOverride;
  /** Uses left (Infinity without `times`). */
  left: number;
  /** The stub this entry was made from (null for overrides and presets). */
  stub: Stub | null;
}

export interface OverrideTable {
  /** Adds an entry; answers its id (the stub's own id, or a generated one). */
  add(o: CoreOverride, meta?: { id?: string; stub?: Stub }): string;
  get(id: string): TableEntry | null;
  remove(id: string): boolean;
  removeWhere(pred: (e: TableEntry) => boolean): number;
  /** Removes every entry and sends every scenario back to Started. */
  clear(): void;
  list(): CoreOverride[];
  entries(): TableEntry[];
  scenarios: ScenarioStates;
  /** Finds the best entry for this request and consumes one use of it. */
  /** Entries in the table; 0 lets the layer skip reading the request. */
  size(): number;
  take(method: string, url: URL, origin: string, body: unknown, headers?: Headers): CoreOverride | null;
}

export const overrideName = (o: RouteOverride): string => o.name ?? `${o.method.toUpperCase()} ${o.path}`;

export const ADMIN_PREFIX = '/__admin/';

export function createOverrideTable(): OverrideTable {
  let entries: TableEntry[] = [];
  let counter = 0;
  const scenarios = createScenarioStates();
  const matches = (o: CoreOverride, method: string, url: URL, origin: string, input: () => MatchInput): boolean => {
    if (o.method !== '*' && o.method.toUpperCase() !== method.toUpperCase()) return false;
    if (!matchRequestUrl(url, `${origin}${o.path === '*' ? '/*' : o.path}`).matches) return false;
    const required = o.scenario?.requiredState;
    if (o.scenario && required !== undefined && scenarios.state(o.scenario.name) !== required) return false;
    return !o.when || o.when(input());
  };
  return {
    add(o, meta = {}) {
      const id = meta.id ?? (meta.stub ? `stub-${++counter}` : `override-${++counter}`);
      if (o.scenario) scenarios.touch(o.scenario.name);
      entries.push({ id, o, left: o.times ?? Number.POSITIVE_INFINITY, stub: meta.stub ?? null });
      return id;
    },
    get: (id) => entries.find((e) => e.id === id) ?? null,
    remove(id) {
      const before = entries.length;
      entries = entries.filter((e) => e.id !== id);
      return entries.length < before;
    },
    removeWhere(pred) {
      const before = entries.length;
      entries = entries.filter((e) => !pred(e));
      return before - entries.length;
    },
    clear() {
      entries = [];
      scenarios.reset();
    },
    list: () => entries.map((e) => e.o),
    size: () => entries.length,
    entries: () => [...entries],
    scenarios,
    take(method, url, origin, body, headers = new Headers()) {
      if (url.pathname.startsWith(ADMIN_PREFIX)) return null;
      let input: MatchInput | null = null;
      const lazyInput = (): MatchInput => (input ??= matchInputOfRequest(method, url, headers, body));
      let best: TableEntry | null = null;
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        const priority = entry.o.priority ?? DEFAULT_PRIORITY;
        if (best && priority >= (best.o.priority ?? DEFAULT_PRIORITY)) continue;
        if (matches(entry.o, method, url, origin, lazyInput)) best = entry;
      }
      if (!best) return null;
      best.left -= 1;
      if (best.left <= 0) entries = entries.filter((e) => e !== best);
      if (best.o.scenario?.newState !== undefined) scenarios.set(best.o.scenario.name, best.o.scenario.newState);
      return best.o;
    },
  };
}

/** Fields an override may carry as JSON (the internal ones, when/priority/scenario, are not among them). */
const OVERRIDE_FIELDS: readonly string[] = [
  'name', 'method', 'path', 'status', 'body', 'dataPatch', 'removePaths', 'setPaths', 'headers', 'delayMs',
  'malformed', 'drop', 'times', 'afterHandler', 'truncateBodyBytes', 'error',
];

const MALFORMED: readonly MalformedKind[] = ['truncated-json', 'html', 'empty', 'not-json-text'];


const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isNonNegativeInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Validates override JSON from the admin API; returns the override or a list of problems. */
export function parseOverride(input: unknown): { override: CoreOverride } | { problems: string[] } {
  if (!isRecord(input)) return { problems: ['override must be a JSON object'] };
  const problems: string[] = [];
  const check = (ok: boolean, message: string): void => {
    if (!ok) problems.push(message);
  };
  check(typeof input.method === 'string' && input.method.length > 0, 'method must be a string such as GET, POST or *');
  check(typeof input.path === 'string' && (input.path === '*' || input.path.startsWith('/')), 'path must start with / (or be *)');
  check(typeof input.path !== 'string' || !input.path.startsWith(ADMIN_PREFIX), 'paths under /__admin/ cannot be overridden');
  check(input.name === undefined || typeof input.name === 'string', 'name must be a string');
  check(input.status === undefined || (Number.isInteger(input.status) && Number(input.status) >= 100 && Number(input.status) <= 599), 'status must be an HTTP status');
  check(input.dataPatch === undefined || isRecord(input.dataPatch), 'dataPatch must be an object');
  check(input.removePaths === undefined || isStringArray(input.removePaths), 'removePaths must be an array of strings');
  check(input.setPaths === undefined || isRecord(input.setPaths), 'setPaths must be an object');
  check(input.headers === undefined || (isRecord(input.headers) && Object.values(input.headers).every((v) => typeof v === 'string')), 'headers must map names to strings');
  check(input.delayMs === undefined || isNonNegativeInt(input.delayMs), 'delayMs must be a non-negative integer');
  check(input.malformed === undefined || MALFORMED.includes(input.malformed as MalformedKind), `malformed must be one of ${MALFORMED.join(', ')}`);
  check(input.drop === undefined || typeof input.drop === 'boolean', 'drop must be a boolean');
  check(input.times === undefined || (isNonNegativeInt(input.times) && input.times > 0), 'times must be a positive integer');
  check(input.afterHandler === undefined || typeof input.afterHandler === 'boolean', 'afterHandler must be a boolean');
  check(input.truncateBodyBytes === undefined || isNonNegativeInt(input.truncateBodyBytes), 'truncateBodyBytes must be a non-negative integer');
  check(input.error === undefined || (isRecord(input.error) && typeof input.error.code === 'string' && typeof input.error.message === 'string'), 'error needs code and message strings');
  for (const key of Object.keys(input)) if (!OVERRIDE_FIELDS.includes(key)) problems.push(`unknown field "${key}"`);
  if (problems.length > 0) return { problems };
  return { override: { ...input } as unknown as CoreOverride };
}
