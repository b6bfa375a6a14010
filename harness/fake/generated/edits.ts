/**
 * One variation of one place of an answer. The kinds are those of the brief: a documented
 * field null or absent, its type changed, an extra field beside it, an empty or huge array, a
 * long or non-ASCII string, a number at its edge.
 */
import fc from 'fast-check';
import type { Json } from './json.js';
import type { AnswerNode } from './paths.js';
import { extraKey, extraValue, hugeArray, longString, nonAsciiString, numberEdge, typeChangeOf } from './values.js';

export const EDIT_KINDS = ['null', 'absent', 'type-changed', 'extra-field', 'empty-array', 'huge-array', 'long-string', 'non-ascii', 'number-edge'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** Set `path` to `value`, or (kind `absent`) remove it. */
export type Edit = { kind: 'absent'; path: string } | { kind: Exclude<EditKind, 'absent'>; path: string; value: Json };

const set = (kind: Exclude<EditKind, 'absent'>, path: string) => (value: Json): Edit => ({ kind, path, value });

/** The edits that make sense at one node (`data` itself only takes extra fields). */
export function editsAt(node: AnswerNode): Array<fc.Arbitrary<Edit>> {
  const { path, value } = node;
  const extra = fc.tuple(extraKey(), extraValue()).map(([key, v]): Edit => ({ kind: 'extra-field', path: `${path}.${key}`, value: v }));
  const isObject = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (path === 'data') return [extra];
  const out: Array<fc.Arbitrary<Edit>> = [
    fc.constant<Edit>({ kind: 'null', path, value: null }),
    fc.constant<Edit>({ kind: 'absent', path }),
    typeChangeOf(value).map(set('type-changed', path)),
  ];
  if (isObject) out.push(extra);
  if (Array.isArray(value)) out.push(fc.constant<Edit>({ kind: 'empty-array', path, value: [] }), hugeArray(value).map(set('huge-array', path)));
  if (typeof value === 'string') out.push(longString().map(set('long-string', path)), nonAsciiString().map(set('non-ascii', path)));
  if (typeof value === 'number') out.push(numberEdge().map(set('number-edge', path)));
  return out;
}

/** An edit somewhere in the answer: a node first (shrinking towards the first, `data`), then a kind that fits it. */
export function editArbitrary(nodes: AnswerNode[]): fc.Arbitrary<Edit> {
  if (nodes.length === 0) throw new Error('generated answers: an answer without any node to vary');
  return fc.oneof(...nodes.map((n) => fc.oneof(...editsAt(n))));
}
