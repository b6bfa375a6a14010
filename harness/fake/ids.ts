/** Identifier and secret generation for one fake instance; deterministic for a given seed. */
import { createHash } from 'node:crypto';

export interface IdSource {
  /** `n` lowercase hex characters. */
  hex(n: number): string;
  /** `<prefix>_` + 24 hex, e.g. job_0f3a... */
  newId(prefix: string): string;
  traceId(): string;
  /** A restricted agent token: isk_r_ + 32 hex. */
  token(): string;
}

/** mulberry32: tiny, fast, seeded; good enough for non-secret fake identifiers and replayable fuzz cases. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createIdSource(seed: number): IdSource {
  const next = mulberry32(seed);
  const hex = (n: number): string => {
    let out = '';
    while (out.length < n) out += Math.floor(next() * 0x100000000).toString(16).padStart(8, '0');
    return out.slice(0, n);
  };
  return {
    hex,
    newId: (prefix) => `${prefix}_${hex(24)}`,
    traceId: () => `trace_${hex(24)}`,
    token: () => `isk_r_${hex(32)}`,
  };
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
