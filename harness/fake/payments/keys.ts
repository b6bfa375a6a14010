/** Idempotency keys: what the fake accepts, and fresh ones it hands out in recoveries. */
import { randomBytes } from 'node:crypto';

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** Keys are non-secret labels; restricting the alphabet keeps suggested commands shell-safe. */
export function isValidIdempotencyKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/** A key derived from `previous` that has never been used; still valid and shell-safe. */
export function freshIdempotencyKey(previous: string): string {
  const base = previous.replace(/-retry-[0-9a-f]{8}$/, '').slice(0, 100);
  return `${base}-retry-${randomBytes(4).toString('hex')}`;
}

export function generatedIdempotencyKey(prefix: string): string {
  return `${prefix}-${randomBytes(8).toString('hex')}`;
}
