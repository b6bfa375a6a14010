/** The JSON values a generated answer is made of, and their type names. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

export function jsonTypeOf(v: Json): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'boolean' | 'number' | 'string' | 'object';
}

/** A value parsed from the wire, as Json (a deep copy: the generator never shares the fake's objects). */
export function toJson(v: unknown): Json {
  return JSON.parse(JSON.stringify(v ?? null)) as Json;
}
