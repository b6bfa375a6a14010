/** Run ids name report folders: UTC time to the second plus a short random suffix. */
import { randomBytes } from 'node:crypto';

const RUN_ID_PATTERN = /^\d{8}-\d{6}-[0-9a-f]{4}$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** e.g. `20261121-050500-abcd`. `suffix` (4 lowercase hex) is for tests; random otherwise. */
export function newRunId(now: Date, suffix: string = randomBytes(2).toString('hex')): string {
  if (Number.isNaN(now.getTime())) throw new Error('newRunId: invalid date');
  if (!/^[0-9a-f]{4}$/.test(suffix)) throw new Error(`newRunId: suffix must be 4 lowercase hex characters, got "${suffix}"`);
  const date = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}`;
  const time = `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  return `${date}-${time}-${suffix}`;
}

export function isRunId(value: string): boolean {
  return RUN_ID_PATTERN.test(value);
}
