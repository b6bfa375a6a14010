/** Does a request (live, or a journal entry) satisfy a request matcher? */
import { matchRequestUrl } from 'msw';
import type { JournalEntry } from '../types.js';
import type { RequestMatcher, ValueMatcher } from './schema.js';

export interface MatchInput {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON body, the text when not JSON, or null. */
  body: unknown;
}

const MATCH_ORIGIN = 'http://stub.invalid';

export function matchInputOfEntry(entry: Pick<JournalEntry, 'method' | 'path' | 'query' | 'headers' | 'body'>): MatchInput {
  return { method: entry.method, path: entry.path, query: entry.query, headers: entry.headers, body: entry.body };
}

export function matchInputOfRequest(method: string, url: URL, headers: Headers, body: unknown): MatchInput {
  const h: Record<string, string> = {};
  headers.forEach((value, name) => {
    h[name.toLowerCase()] = value;
  });
  return { method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: h, body };
}

function valueMatches(expected: ValueMatcher, actual: string | undefined): boolean {
  if (typeof expected === 'string') return actual === expected;
  if ('absent' in expected) return actual === undefined;
  if (actual === undefined) return false;
  if ('equalTo' in expected) return actual === expected.equalTo;
  if ('contains' in expected) return actual.includes(expected.contains);
  return new RegExp(`^(?:${expected.matches})$`).test(actual);
}

/** `expected` is contained in `actual`: object keys at least, arrays element by element with the same length. */
export function partialMatch(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => partialMatch(e, actual[i]));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).every(([k, v]) => k in a && partialMatch(v, a[k]));
  }
  return Object.is(expected, actual);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (typeof a === 'object' && a !== null) {
    if (typeof b !== 'object' || b === null || Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const rb = b as Record<string, unknown>;
    return ka.length === Object.keys(rb).length && ka.every((k) => k in rb && deepEqual((a as Record<string, unknown>)[k], rb[k]));
  }
  return Object.is(a, b);
}

/** RFC 6901 lookup; `undefined` when the pointer leads nowhere. */
export function atPointer(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let cur: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) cur = /^\d+$/.test(key) ? cur[Number(key)] : undefined;
    else if (typeof cur === 'object' && cur !== null) cur = Object.prototype.hasOwnProperty.call(cur, key) ? (cur as Record<string, unknown>)[key] : undefined;
    else return undefined;
  }
  return cur;
}

export function methodMatches(expected: string | undefined, actual: string): boolean {
  return expected === undefined || expected === '*' || expected.toUpperCase() === 'ANY' || expected.toUpperCase() === actual.toUpperCase();
}

export function pathMatches(m: Pick<RequestMatcher, 'path' | 'pathPattern'>, path: string): boolean {
  if (m.pathPattern !== undefined && !new RegExp(`^(?:${m.pathPattern})$`).test(path)) return false;
  if (m.path === undefined || m.path === '*') return true;
  return matchRequestUrl(new URL(path, MATCH_ORIGIN), `${MATCH_ORIGIN}${m.path}`).matches;
}

export function matchRequest(m: RequestMatcher, input: MatchInput): boolean {
  if (!methodMatches(m.method, input.method) || !pathMatches(m, input.path)) return false;
  for (const [name, v] of Object.entries(m.query ?? {})) if (!valueMatches(v, input.query[name])) return false;
  for (const [name, v] of Object.entries(m.headers ?? {})) if (!valueMatches(v, input.headers[name.toLowerCase()])) return false;
  if (m.bodyPartial !== undefined && !partialMatch(m.bodyPartial, input.body)) return false;
  for (const [pointer, v] of Object.entries(m.bodyPointers ?? {})) if (!deepEqual(v, atPointer(input.body, pointer))) return false;
  return true;
}
