/** Compares two transcripts of the same invocation: printed JSON shape, files, requests. */
import { shapeOf, type Shape } from './json-shape.js';
import { normalisePath, normaliseText } from './normalise.js';
import type { FileChange, RequestChange, ShapeChange } from './diff-types.js';
import type { TranscriptView } from './transcript.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function outputShape(t: TranscriptView): Shape {
  if (t.jsonError) return new Map([['', { types: ['not-json'], values: [] }]]);
  if (t.json === null || t.json === undefined) return new Map([['', { types: ['no-output'], values: [] }]]);
  return shapeOf(t.json);
}

function isInside(pointer: string, ancestor: string): boolean {
  return pointer.startsWith(`${ancestor}/`);
}

/** Keys whose string value is a command line the CLI hands to the agent. */
const COMMAND_KEY = /(^|_)command$/;

function printedCommands(value: unknown, pointer = '', out = new Map<string, string[]>()): Map<string, string[]> {
  if (Array.isArray(value)) value.forEach((item) => printedCommands(item, `${pointer}/*`, out));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const p = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      if (typeof v === 'string' && COMMAND_KEY.test(k)) {
        const list = out.get(p) ?? [];
        const text = normaliseText(v);
        if (!list.includes(text)) list.push(text);
        out.set(p, list.sort());
      } else printedCommands(v, p, out);
    }
  }
  return out;
}

function commandChanges(base: TranscriptView, head: TranscriptView): ShapeChange[] {
  const a = printedCommands(base.json);
  const b = printedCommands(head.json);
  const out: ShapeChange[] = [];
  for (const pointer of [...a.keys()].filter((p) => b.has(p)).sort(compareText)) {
    const x = (a.get(pointer) ?? []).join(' | ');
    const y = (b.get(pointer) ?? []).join(' | ');
    if (x !== y) out.push({ pointer, kind: 'command', base: x, head: y });
  }
  return out;
}

export function diffShapes(base: TranscriptView, head: TranscriptView): ShapeChange[] {
  return [...structuralChanges(base, head), ...commandChanges(base, head)];
}

function structuralChanges(base: TranscriptView, head: TranscriptView): ShapeChange[] {
  const a = outputShape(base);
  const b = outputShape(head);
  const pointers = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
  const changes: ShapeChange[] = [];
  for (const pointer of pointers) {
    const x = a.get(pointer);
    const y = b.get(pointer);
    if (!x && y) changes.push({ pointer, kind: 'added', base: null, head: y.types.join('|') });
    else if (x && !y) changes.push({ pointer, kind: 'removed', base: x.types.join('|'), head: null });
    else if (x && y && x.types.join('|') !== y.types.join('|')) {
      changes.push({ pointer, kind: 'retyped', base: x.types.join('|'), head: y.types.join('|') });
    } else if (x && y && x.values.join(', ') !== y.values.join(', ')) {
      changes.push({ pointer, kind: 'value', base: x.values.join(', ') || null, head: y.values.join(', ') || null });
    }
  }
  // An added or removed object already implies its children.
  return changes.filter(
    (c) => !changes.some((p) => p.kind === c.kind && (c.kind === 'added' || c.kind === 'removed') && isInside(c.pointer, p.pointer)),
  );
}

function effects(t: TranscriptView): Map<string, { kind: string; mode: string | null }> {
  const out = new Map<string, { kind: string; mode: string | null }>();
  for (const c of t.fsChanges) out.set(normaliseText(c.path), { kind: c.kind, mode: c.mode });
  return out;
}

function describeEffect(e: { kind: string; mode: string | null }): string {
  return e.mode ? `${e.kind} (mode ${e.mode})` : e.kind;
}

export function diffFiles(base: TranscriptView, head: TranscriptView): FileChange[] {
  const a = effects(base);
  const b = effects(head);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
  const changes: FileChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (!x && y) changes.push({ path, change: 'new', base: null, head: describeEffect(y) });
    else if (x && !y) changes.push({ path, change: 'gone', base: describeEffect(x), head: null });
    else if (x && y && x.kind !== y.kind) changes.push({ path, change: 'kind', base: describeEffect(x), head: describeEffect(y) });
    else if (x && y && x.mode !== y.mode) changes.push({ path, change: 'mode', base: x.mode, head: y.mode });
  }
  return changes;
}

interface RequestGroup {
  count: number;
  fields: Set<string>;
  /** Comparable body values by pointer (booleans, enum-like strings, status-like numbers). */
  values: Map<string, string[]>;
}

function requestGroups(t: TranscriptView): Map<string, RequestGroup> {
  const groups = new Map<string, RequestGroup>();
  for (const r of t.requests) {
    if (r.admin) continue;
    const key = `${r.method} ${normalisePath(r.path)}`;
    const group = groups.get(key) ?? { count: 0, fields: new Set<string>(), values: new Map<string, string[]>() };
    group.count += 1;
    for (const [pointer, entry] of shapeOf(r.body)) {
      if (pointer === '') continue;
      group.fields.add(pointer);
      const seen = group.values.get(pointer) ?? [];
      for (const v of entry.values) if (!seen.includes(v)) seen.push(v);
      group.values.set(pointer, seen.sort());
    }
    for (const name of Object.keys(r.query)) group.fields.add(`?${name}`);
    groups.set(key, group);
  }
  return groups;
}

function valueChanges(request: string, x: RequestGroup, y: RequestGroup): RequestChange[] {
  const out: RequestChange[] = [];
  for (const field of [...x.fields].filter((f) => y.fields.has(f)).sort(compareText)) {
    const a = (x.values.get(field) ?? []).join(', ');
    const b = (y.values.get(field) ?? []).join(', ');
    if (a !== b && (a || b)) out.push({ request, change: 'value', field, base: a || null, head: b || null, fields_added: [], fields_removed: [] });
  }
  return out;
}

export function diffRequests(base: TranscriptView, head: TranscriptView): RequestChange[] {
  const a = requestGroups(base);
  const b = requestGroups(head);
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
  const changes: RequestChange[] = [];
  const times = (g: RequestGroup) => `${g.count}×`;
  for (const request of keys) {
    const x = a.get(request);
    const y = b.get(request);
    const none = { fields_added: [] as string[], fields_removed: [] as string[] };
    if (!x && y) changes.push({ request, change: 'added', base: null, head: times(y), ...none, fields_added: [...y.fields].sort(compareText) });
    else if (x && !y) changes.push({ request, change: 'removed', base: times(x), head: null, ...none });
    else if (x && y) {
      if (x.count !== y.count) changes.push({ request, change: 'count', base: times(x), head: times(y), ...none });
      const added = [...y.fields].filter((f) => !x.fields.has(f)).sort(compareText);
      const removed = [...x.fields].filter((f) => !y.fields.has(f)).sort(compareText);
      if (added.length + removed.length > 0) {
        changes.push({ request, change: 'fields', base: null, head: null, fields_added: added, fields_removed: removed });
      }
      changes.push(...valueChanges(request, x, y));
    }
  }
  return changes;
}
