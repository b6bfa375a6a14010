/**
 * Structural differences between two minimum schemas (fields added/removed,
 * types or constants changed) and between two versions' whole schema sets.
 * Conditional parts (if/then, allOf) are not compared.
 */
import type { JsonSchema } from './contract-extract.js';
import { loadSchemaSet } from './schema-registry.js';
import { mergedView } from './schema-build.js';
import type { PackageDocuments, SchemaSet } from './schema-registry.js';
import { isRecord } from '../json.js';

export interface SchemaChange {
  /** Data pointer; `[]` stands for "every array item". Set diffs prefix it with the shape key. */
  pointer: string;
  change: 'added' | 'removed' | 'retyped' | 'constant-changed';
  from?: string;
  to?: string;
}


/** Follows local `#/...` references inside the schema's own document. */
function resolve(node: unknown, root: JsonSchema, depth = 0): JsonSchema {
  if (!isRecord(node)) return {};
  const ref = node.$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#') || depth > 20) return node;
  let target: unknown = root;
  for (const seg of ref.slice(1).split('/').filter(Boolean)) {
    target = isRecord(target) ? target[seg.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return resolve(target, root, depth + 1);
}

function typeLabel(s: JsonSchema): string {
  if (Array.isArray(s.type)) return [...(s.type as string[])].sort().join('|');
  if (typeof s.type === 'string') return s.type;
  if ('const' in s) return typeof s.const === 'object' && s.const !== null ? 'object' : s.const === null ? 'null' : typeof s.const;
  if (Array.isArray(s.enum)) return 'enum';
  return 'any';
}

function constLabel(s: JsonSchema): string | null {
  if ('const' in s) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  return null;
}

function escape(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function diffSchemas(a: JsonSchema, b: JsonSchema): SchemaChange[] {
  const out: SchemaChange[] = [];
  const ma = mergedView(a);
  const mb = mergedView(b);
  walk(resolve(ma, ma), resolve(mb, mb), '', { a: ma, b: mb }, out);
  return out;
}

function walk(a: JsonSchema, b: JsonSchema, at: string, roots: { a: JsonSchema; b: JsonSchema }, out: SchemaChange[]): void {
  const ca = constLabel(a);
  const cb = constLabel(b);
  if ((ca !== null || cb !== null) && ca !== cb) {
    out.push({ pointer: at || '/', change: 'constant-changed', from: ca ?? typeLabel(a), to: cb ?? typeLabel(b) });
  } else if (typeLabel(a) !== typeLabel(b)) {
    out.push({ pointer: at || '/', change: 'retyped', from: typeLabel(a), to: typeLabel(b) });
  }
  const pa = isRecord(a.properties) ? a.properties : {};
  const pb = isRecord(b.properties) ? b.properties : {};
  const ra = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
  const rb = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
  for (const key of new Set([...Object.keys(pa), ...Object.keys(pb), ...ra, ...rb])) {
    const p = `${at}/${escape(key)}`;
    const inA = key in pa || ra.has(key);
    const inB = key in pb || rb.has(key);
    const sa = resolve(pa[key], roots.a);
    const sb = resolve(pb[key], roots.b);
    if (!inA) out.push({ pointer: p, change: 'added', to: label(sb, rb.has(key)) });
    else if (!inB) out.push({ pointer: p, change: 'removed', from: label(sa, ra.has(key)) });
    else {
      if (ra.has(key) !== rb.has(key)) out.push({ pointer: p, change: 'retyped', from: label(sa, ra.has(key)), to: label(sb, rb.has(key)) });
      walk(sa, sb, p, roots, out);
    }
  }
  if (a.items !== undefined || b.items !== undefined) walk(resolve(a.items, roots.a), resolve(b.items, roots.b), `${at}/[]`, roots, out);
}

/** `string` when required, `string (optional)` otherwise. */
function label(s: JsonSchema, required: boolean): string {
  return required ? typeLabel(s) : `${typeLabel(s)} (optional)`;
}

/** Changes across every shape of two versions; pointers look like `credits-methods/methods/[]/agent_initiated`. */
export function diffSchemaSets(versionA: string | SchemaSet, versionB: string | SchemaSet, documents?: { a?: PackageDocuments; b?: PackageDocuments }): SchemaChange[] {
  const setA = typeof versionA === 'string' ? loadSchemaSet(versionA, documents?.a) : versionA;
  const setB = typeof versionB === 'string' ? loadSchemaSet(versionB, documents?.b) : versionB;
  const out: SchemaChange[] = [];
  for (const key of [...new Set([...Object.keys(setA.schemas), ...Object.keys(setB.schemas)])].sort()) {
    const sa = setA.schemas[key];
    const sb = setB.schemas[key];
    if (!sa) out.push({ pointer: key, change: 'added', to: 'shape' });
    else if (!sb) out.push({ pointer: key, change: 'removed', from: 'shape' });
    else for (const c of diffSchemas(sa, sb)) out.push({ ...c, pointer: key + (c.pointer === '/' ? '' : c.pointer) });
  }
  return out;
}
