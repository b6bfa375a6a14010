/**
 * Flattens a JSON document into its shape: JSON pointer → type(s), plus the value where the
 * value is meaningful to compare (enum-like strings, booleans, status-like numbers).
 * Array items are folded into one `*` segment so list lengths do not create noise.
 */
import { isVolatile } from './normalise.js';

export interface ShapeEntry {
  types: string[];
  /** Sorted distinct comparable values seen at this pointer (strings as JSON). */
  values: string[];
}

export type Shape = Map<string, ShapeEntry>;

/** Keys whose values are run-specific by nature; their values are never compared. */
const VOLATILE_KEY = /(^|_)(id|ids|at|token|key|hash|sha256|integrity|url|uri|path|secret|signature|address|excerpt|message|summary|title|prompt|name|email|contact|fragment|nonce|expires|created|updated)$|Id$|At$|Url$/i;
/** Numbers worth comparing by value. */
const CONSTANT_NUMBER_KEY = /(^|_)(status|code|exit_code|mode|version|schema_version|max_credits|min_credits)$/i;
const ENUM_LIKE = /^[A-Za-z0-9_.:@\/-]{1,48}$/;
const MAX_VALUES = 12;

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function comparableValue(key: string, value: unknown): string | null {
  // A boolean is never run-specific, whatever its key (e.g. a request's `return_token`).
  if (typeof value === 'boolean') return String(value);
  if (VOLATILE_KEY.test(key)) return null;
  if (typeof value === 'number' && CONSTANT_NUMBER_KEY.test(key)) return String(value);
  if (typeof value === 'string' && ENUM_LIKE.test(value) && !isVolatile(value)) return JSON.stringify(value);
  return null;
}

function add(shape: Shape, pointer: string, type: string, value: string | null): void {
  const entry = shape.get(pointer) ?? { types: [], values: [] };
  if (!entry.types.includes(type)) entry.types.push(type);
  if (value !== null && !entry.values.includes(value)) entry.values.push(value);
  shape.set(pointer, entry);
}

function walk(shape: Shape, pointer: string, key: string, value: unknown): void {
  add(shape, pointer, typeOf(value), comparableValue(key, value));
  if (Array.isArray(value)) {
    for (const item of value) walk(shape, `${pointer}/*`, key, item);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(shape, `${pointer}/${escapePointer(k)}`, k, v);
  }
}

export function shapeOf(value: unknown): Shape {
  const shape: Shape = new Map();
  walk(shape, '', '', value);
  for (const entry of shape.values()) {
    entry.types.sort();
    entry.values.sort();
    if (entry.values.length > MAX_VALUES) entry.values = [...entry.values.slice(0, MAX_VALUES), '…'];
  }
  return shape;
}
