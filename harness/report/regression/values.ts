/**
 * The printed JSON (or a request body) as pointer → what is there: the types, and the values
 * in full after normalisation. Array items fold into one `*` segment, so a list that grew or
 * shrank shows as values added or dropped at one pointer rather than as index noise.
 */
import { normaliseText } from '../normalise.js';

export interface Slot {
  types: string[];
  /** Distinct normalised JSON texts of the scalars found here (empty for containers and volatile keys). */
  values: string[];
}

export type Flat = Map<string, Slot>;

/**
 * Keys whose value differs between two runs of the same build by nature (clocks, durations,
 * counts of polls, local chain blocks, sizes of files holding those): their type is compared,
 * their value never. Everything else is compared in full after normalisation, prose included
 * (`reason`, `label`, `effect`, `message`, printed commands).
 */
const VOLATILE_KEY =
  /(^|_)(ms|duration|elapsed|latency|at|expires|expiry|timestamp|time|date|created|updated|polls?|poll_count|attempts|tries|block|block_number|blocks|block_hash|nonce|pid|port|seq|uptime|signature|sig|secret|token|raw_token|client_secret|sha256|sha512|integrity|checksum|etag|bytes|size|size_bytes|mtime)$|Ms$|At$/i;

export function isVolatileKey(key: string): boolean {
  return VOLATILE_KEY.test(key);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** A value as normalised JSON text (strings normalised, keys sorted). */
export function valueText(value: unknown): string {
  return JSON.stringify(normaliseDeep(value));
}

function normaliseDeep(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return isVolatileKey(key) ? '<volatile>' : normaliseText(value);
  if (typeof value === 'number') return isVolatileKey(key) ? '<volatile>' : value;
  if (Array.isArray(value)) return value.map((v) => normaliseDeep(v, key));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = normaliseDeep((value as Record<string, unknown>)[k], k);
    return out;
  }
  return value;
}

function add(flat: Flat, pointer: string, type: string, value: string | null): void {
  const slot = flat.get(pointer) ?? { types: [], values: [] };
  if (!slot.types.includes(type)) slot.types.push(type);
  if (value !== null && !slot.values.includes(value)) slot.values.push(value);
  flat.set(pointer, slot);
}

function walk(flat: Flat, pointer: string, key: string, value: unknown): void {
  const type = typeOf(value);
  const scalar = type !== 'array' && type !== 'object';
  add(flat, pointer, type, scalar && !(value !== null && typeof value !== 'boolean' && isVolatileKey(key)) ? valueText(value) : null);
  if (Array.isArray(value)) for (const item of value) walk(flat, `${pointer}/*`, key, item);
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(flat, `${pointer}/${escapePointer(k)}`, k, v);
  }
}

export function flatten(value: unknown): Flat {
  const flat: Flat = new Map();
  walk(flat, '', '', value);
  for (const slot of flat.values()) {
    slot.types.sort();
    slot.values.sort();
  }
  return flat;
}

/** The values a pointer (with `*` for any array item) reaches in a document. */
export function valuesAt(value: unknown, pointer: string): unknown[] {
  if (pointer === '') return [value];
  const parts = pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: unknown[] = [value];
  for (const part of parts) {
    const next: unknown[] = [];
    for (const v of current) {
      if (part === '*' && Array.isArray(v)) next.push(...v);
      else if (typeof v === 'object' && v !== null && !Array.isArray(v) && part in v) next.push((v as Record<string, unknown>)[part]);
    }
    current = next;
  }
  return current;
}

/** Distinct normalised texts of what a pointer reaches, ` | ` between them; null when it reaches nothing. */
export function textAt(value: unknown, pointer: string): string | null {
  const key = pointer.split('/').filter((p) => p !== '*').pop() ?? '';
  const texts = [...new Set(valuesAt(value, pointer).map((v) => JSON.stringify(normaliseDeep(v, key))))].sort();
  return texts.length === 0 ? null : texts.join(' | ');
}

/** `/data/auth_handoff/status` → `data.auth_handoff.status` (how the documents name fields). */
export function dotted(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((p) => (p === '*' ? '[]' : p.replace(/~1/g, '/').replace(/~0/g, '~')))
    .join('.')
    .replace(/\.\[\]/g, '[]');
}
