/**
 * The override table: programmed answers for matching requests. Newest override wins; `times`
 * counts down per use. Paths under /__admin are never overridden.
 */
import { matchRequestUrl } from 'msw';
import type { MalformedKind, RouteOverride } from './types.js';

/** Extensions on top of RouteOverride (also accepted as JSON by the admin API). */
export interface CoreOverride extends RouteOverride {
  /** Run the real handler, announce its full content-length, send only this many body bytes, then destroy the socket. */
  truncateBodyBytes?: number;
  /** Error to answer with when `status` >= 400 and no `body` is given (default: by status). */
  error?: { code: string; message: string; retryable?: boolean; exitCode?: number };
  /** Internal (presets only): extra condition on the request. */
  when?: (request: { method: string; path: string; body: unknown }) => boolean;
  /** Internal (presets only): edit the JSON answer after the other edits. */
  transform?: (envelope: Record<string, unknown>) => void;
}

export interface OverrideTable {
  add(o: CoreOverride): void;
  clear(): void;
  list(): CoreOverride[];
  /** Finds the newest override for this request and consumes one use of it. */
  take(method: string, url: URL, origin: string, body: unknown): CoreOverride | null;
}

export const overrideName = (o: RouteOverride): string => o.name ?? `${o.method.toUpperCase()} ${o.path}`;

export const ADMIN_PREFIX = '/__admin/';

export function createOverrideTable(): OverrideTable {
  let entries: Array<{ o: CoreOverride; left: number }> = [];
  const matches = (o: CoreOverride, method: string, url: URL, origin: string, body: unknown): boolean => {
    if (o.method !== '*' && o.method.toUpperCase() !== method.toUpperCase()) return false;
    if (!matchRequestUrl(url, `${origin}${o.path === '*' ? '/*' : o.path}`).matches) return false;
    return !o.when || o.when({ method, path: url.pathname, body });
  };
  return {
    add(o) {
      entries.push({ o, left: o.times ?? Number.POSITIVE_INFINITY });
    },
    clear() {
      entries = [];
    },
    list: () => entries.map((e) => e.o),
    take(method, url, origin, body) {
      if (url.pathname.startsWith(ADMIN_PREFIX)) return null;
      for (let i = entries.length - 1; i >= 0; i--) {
        const entry = entries[i];
        if (!matches(entry.o, method, url, origin, body)) continue;
        entry.left -= 1;
        if (entry.left <= 0) entries.splice(i, 1);
        return entry.o;
      }
      return null;
    },
  };
}

const MALFORMED: readonly MalformedKind[] = ['truncated-json', 'html', 'empty', 'not-json-text'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

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
  if (problems.length > 0) return { problems };
  // Only JSON-safe fields pass through: `when` and `transform` stay internal.
  const { when: _when, transform: _transform, ...rest } = input;
  return { override: rest as unknown as CoreOverride };
}
