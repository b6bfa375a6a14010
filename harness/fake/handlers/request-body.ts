/** Small validators for JSON request bodies (values arrive as `unknown`). */

import type { JsonObject } from '../../json.js';

export type { JsonObject } from '../../json.js';
export { readJsonObject } from '../../json.js';

export function optionalString(body: JsonObject, key: string): string | undefined {
  const v = body[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
}

export function optionalBoolean(body: JsonObject, key: string): boolean {
  return body[key] === true || body[key] === 'true';
}

/** A positive integer field; `undefined` when absent, `null` when present but invalid. */
export function optionalPositiveInt(body: JsonObject, key: string): number | undefined | null {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : null;
}

export function optionalNumber(body: JsonObject, key: string): number | undefined | null {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
