/** Human-readable text for schema issues: short values, expected types, and a JSON excerpt around a pointer. */
import type { SchemaResult } from '../runner/types.js';
import { isRecord } from '../json.js';

const MAX_VALUE = 60;
const MAX_EXCERPT_LINES = 16;


/** e.g. `string "abc"`, `number 5`, `null`, `object {"a":1,…}`, `array(3)`. */
export function shortValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return `array(${v.length})`;
  const json = JSON.stringify(v) ?? String(v);
  const cut = json.length > MAX_VALUE ? `${json.slice(0, MAX_VALUE)}…` : json;
  return `${typeof v} ${cut}`;
}

/** What a (sub)schema accepts, in a few words: `string`, `string or null`, `true`, `one of "a", "b"`. */
export function describeSchemaType(schema: unknown): string {
  if (!isRecord(schema)) return 'a value';
  if ('const' in schema) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(' or ');
  if (typeof schema.$ref === 'string') return `a ${schema.$ref.split('/').pop() ?? 'value'}`;
  return 'a value';
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Walks as far as the pointer resolves; returns the deepest existing container and its pointer. */
function deepestContainer(json: unknown, pointer: string): { at: string; value: unknown } {
  const segments = pointer.split('/').slice(1).map(unescape);
  let value = json;
  let at = '';
  // Stop one short of the target so the excerpt shows the field among its siblings.
  for (const seg of segments.slice(0, -1)) {
    const next = Array.isArray(value) ? value[Number(seg)] : isRecord(value) ? value[seg] : undefined;
    if (next === undefined || next === null || typeof next !== 'object') break;
    value = next;
    at += `/${seg}`;
  }
  return { at, value };
}

/** Pretty JSON of the container around `pointer`, cut to a few lines. */
export function excerptAround(json: unknown, pointer: string): string {
  const { at, value } = deepestContainer(json, pointer);
  const lines = (JSON.stringify(value, null, 2) ?? 'undefined').split('\n');
  // Centre the window on the offending key when the container is long.
  const key = unescape(pointer.split('/').pop() ?? '');
  const hit = lines.findIndex((l) => l.startsWith(`  ${JSON.stringify(key)}:`));
  const start = lines.length <= MAX_EXCERPT_LINES ? 0 : Math.max(0, Math.min(hit - MAX_EXCERPT_LINES / 2, lines.length - MAX_EXCERPT_LINES));
  const window = lines.slice(start, start + MAX_EXCERPT_LINES);
  if (start > 0) window.unshift(`  … (${start} lines above)`);
  const below = lines.length - start - MAX_EXCERPT_LINES;
  if (below > 0) window.push(`  … (${below} lines below)`);
  return [`JSON at ${at || '/'}:`, ...window.map((l) => `    ${l}`)].join('\n');
}

export function formatSchemaFailure(command: string, result: SchemaResult, json: unknown): string {
  const head = `JSON output of "image-skill ${command}" does not match ${result.schemaId ?? 'the contract'}`;
  if (result.ok) return `${head}: no issues`;
  const lines = [`${head} (${result.issues.length} issue${result.issues.length === 1 ? '' : 's'}):`];
  for (const issue of result.issues) {
    lines.push(`  at ${issue.pointer || '/'}: expected ${issue.expected}, got ${issue.actual} (${issue.message})`);
  }
  if (result.note) lines.push(`  note: ${result.note}`);
  const first = result.issues[0];
  if (first) lines.push(excerptAround(json, first.pointer));
  return lines.join('\n');
}
