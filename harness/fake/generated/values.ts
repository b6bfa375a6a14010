/**
 * Leaf values a hostile but plausible service could answer with: numbers at their edges (also as
 * strings, the way a sloppy serializer writes NaN or Infinity), long and non-ASCII strings, huge
 * arrays, and values of another JSON type. Every arbitrary shrinks towards the smallest case.
 */
import fc from 'fast-check';
import { jsonTypeOf, type Json } from './json.js';

/** Upper bounds of the brief: arrays of at most 2000 items, strings of at most 100 KB. */
export const MAX_ARRAY_ITEMS = 2000;
export const MAX_STRING_BYTES = 100_000;

export const NUMBER_EDGES: readonly Json[] = [
  0, -1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1e308, -1e308, 5e-324, 0.5, 2 ** 53 + 2,
  'NaN', 'Infinity', '-Infinity', '1e309', '-0', '',
];

export function numberEdge(): fc.Arbitrary<Json> {
  return fc.constantFrom(...NUMBER_EDGES);
}

/** One repeated character up to MAX_STRING_BYTES bytes of UTF-8; shrinks to one character. */
export function longString(): fc.Arbitrary<Json> {
  return fc.tuple(fc.constantFrom('x', 'é', '漢', '🙂'), fc.integer({ min: 1, max: MAX_STRING_BYTES })).map(([c, bytes]) => c.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(c)))));
}

/** Strings outside ASCII: fixed troublemakers (RTL override, NUL, BOM, combining marks) and generated graphemes. */
export function nonAsciiString(): fc.Arbitrary<Json> {
  return fc.oneof(
    fc.constantFrom('é', '漢字', '🙂', 'e\u0301', '\u202eevil', 'nul\u0000byte', '\ufeffbom', 'line\u2028sep'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => /[^\x00-\x7f]/.test(s)),
  );
}

/** `n` copies (2..2000) of the array's first item (or a string when it has none). */
export function hugeArray(items: Json[]): fc.Arbitrary<Json> {
  const item = items[0] ?? 'item';
  return fc.integer({ min: 2, max: MAX_ARRAY_ITEMS }).map((n) => Array.from({ length: n }, () => item));
}

/** A value of another JSON type than `v` (its text, a number, a boolean, an object, an array). */
export function typeChangeOf(v: Json): fc.Arbitrary<Json> {
  const type = jsonTypeOf(v);
  const options: Json[] = [];
  if (type !== 'string') options.push(typeof v === 'object' ? JSON.stringify(v).slice(0, 200) : String(v));
  if (type !== 'number') options.push(42);
  if (type !== 'boolean') options.push(true);
  if (type !== 'object') options.push({ value: v });
  if (type !== 'array') options.push([v]);
  return fc.constantFrom(...options);
}

/** Names of fields no document knows (no `__proto__`: the fake's dot-path edits would set a prototype). */
export function extraKey(): fc.Arbitrary<string> {
  return fc.constantFrom('zz_future_field', 'x_extension', 'ключ_поля', 'emoji_🙂');
}

export function extraValue(): fc.Arbitrary<Json> {
  return fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)) as Json);
}
