/**
 * The places of an answer a variation can touch: every node under `data` (objects, arrays and
 * leaves; of an array only the array and its first item) and the envelope's documented fields
 * other than `ok`, `data` and `error` (the standard envelope of llms.txt). Paths are the dot paths
 * of the fake's override layer (`data.models.0.status`).
 */
import type { Json } from './json.js';

export interface AnswerNode {
  path: string;
  value: Json;
}

/** Envelope fields a variation may touch besides `data`. */
export const ENVELOPE_FIELDS = ['warnings', 'actor', 'trace_id', 'command'] as const;

const MAX_DEPTH = 6;

function walk(value: Json, path: string, depth: number, out: AnswerNode[]): void {
  out.push({ path, value });
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    if (value.length > 0) walk(value[0], `${path}.0`, depth + 1, out);
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    // A key with a dot cannot be named by a dot path; an empty key neither.
    if (key === '' || key.includes('.')) continue;
    walk(child, `${path}.${key}`, depth + 1, out);
  }
}

/** The nodes of an envelope answer, `data` itself first (it only takes extra fields). */
export function nodesOf(envelope: { [key: string]: Json }): AnswerNode[] {
  const out: AnswerNode[] = [];
  walk(envelope.data ?? {}, 'data', 0, out);
  for (const field of ENVELOPE_FIELDS) if (field in envelope) out.push({ path: field, value: envelope[field] });
  return out;
}
