/** Typed reads of decoded form parameters, failing with Stripe-shaped 400s. */
import { invalidParam, missingParam, unknownParam } from './errors.js';
import type { FormObject, FormValue } from './form.js';

export function rejectUnknown(params: FormObject, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw unknownParam(key);
  }
}

export function optionalString(params: FormObject, name: string): string | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalidParam(name, 'expected a string');
  return value;
}

export function requiredString(params: FormObject, name: string): string {
  const value = optionalString(params, name);
  if (value === null) throw missingParam(name);
  return value;
}

export function parseInteger(value: FormValue | undefined, name: string, min: number): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw invalidParam(name, 'expected an integer');
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw invalidParam(name, `must be an integer >= ${min}`);
  return n;
}

export function requiredInteger(params: FormObject, name: string, min: number): number {
  const n = parseInteger(params[name], name, min);
  if (n === null) throw missingParam(name);
  return n;
}

export function optionalBoolean(params: FormObject, name: string): boolean | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParam(name, 'expected true or false');
}

export function stringArray(params: FormObject, name: string): string[] | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw invalidParam(name, 'expected an array of strings');
  }
  return value;
}

export function currency(params: FormObject, name: string): string {
  const value = requiredString(params, name).toLowerCase();
  if (!/^[a-z]{3}$/.test(value)) throw invalidParam(name, 'expected a three-letter ISO currency code');
  return value;
}

/** Metadata: up to 50 string keys (max 40 chars) with string values (max 500 chars). */
export function metadata(params: FormObject, name = 'metadata'): Record<string, string> {
  const value = params[name];
  if (value === undefined || value === '') return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(name, 'expected a hash of strings');
  const out: Record<string, string> = {};
  const entries = Object.entries(value);
  if (entries.length > 50) throw invalidParam(name, 'at most 50 keys');
  for (const [key, item] of entries) {
    if (typeof item !== 'string') throw invalidParam(`${name}[${key}]`, 'expected a string');
    if (key.length > 40 || item.length > 500) throw invalidParam(`${name}[${key}]`, 'key or value too long');
    if (item !== '') out[key] = item;
  }
  return out;
}

export function subObject(params: FormObject, name: string): FormObject | null {
  const value = params[name];
  if (value === undefined || value === '') return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParam(name, 'expected a hash');
  return value;
}
