/**
 * Edits folded into the fake's own patch form (the admin API's `response.patch`: `remove` then
 * `set`, dot paths from the envelope root), and the same patch applied locally, exactly as the
 * override layer applies it (harness/fake/override-layer.ts), for answers built from an example.
 */
import { removePath, setPath } from '../json-paths.js';
import type { Edit } from './edits.js';
import type { Json } from './json.js';

export interface AnswerPatch {
  set: Record<string, Json>;
  remove: string[];
}

/** The later edit of one path wins; the fold keeps the order of the edits otherwise. */
export function patchOf(edits: readonly Edit[]): AnswerPatch {
  const set: Record<string, Json> = {};
  const remove: string[] = [];
  for (const e of edits) {
    delete set[e.path];
    const i = remove.indexOf(e.path);
    if (i >= 0) remove.splice(i, 1);
    if (e.kind === 'absent') remove.push(e.path);
    else set[e.path] = e.value;
  }
  return { set, remove };
}

export function applyPatch(envelope: { [key: string]: Json }, patch: AnswerPatch): { [key: string]: Json } {
  const out = structuredClone(envelope);
  for (const path of patch.remove) removePath(out, path);
  for (const [path, value] of Object.entries(patch.set)) setPath(out, path, structuredClone(value));
  return out;
}
