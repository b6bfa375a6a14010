/** Narrowing helpers for JSON that arrives from outside (request bodies, webhook payloads). */

import { isRecord } from '../../json.js';
import type { JsonObject } from '../../json.js';

export type { JsonObject } from '../../json.js';
export { isRecord as isObject, readJsonObject } from '../../json.js';

export function stringField(obj: JsonObject, key: string): string | null {
  const value = obj[key];
  return typeof value === 'string' ? value : null;
}

export function numberField(obj: JsonObject, key: string): number | null {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function objectField(obj: JsonObject, key: string): JsonObject | null {
  const value = obj[key];
  return isRecord(value) ? value : null;
}
