/** Compares two transcripts of the same scenario step: exit code, printed JSON, files, requests. */
import { normalisePath, normaliseText } from '../normalise.js';
import type { TranscriptView } from '../transcript.js';
import type { ChangeKind } from './types.js';
import { flatten, textAt, valueText, type Flat } from './values.js';

/** One difference measured at one step, before folding across scenarios. */
export interface Measured {
  kind: ChangeKind;
  subject: string;
  base: string | null;
  head: string | null;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function exitText(t: { exitCode: number | null; signal: string | null; timedOut: boolean }): string {
  if (t.timedOut) return 'timeout';
  if (t.signal) return `signal ${t.signal}`;
  return t.exitCode === null ? 'none' : String(t.exitCode);
}

function printed(t: TranscriptView): unknown {
  if (t.jsonError) return { '(output)': 'not JSON' };
  if (t.json === null || t.json === undefined) return { '(output)': 'none' };
  return t.json;
}

const COMMAND_TEXT = /^(npx\s+(-y\s+)?)?image-skill(@\S+)?\s/;

function isCommandText(text: string | null): boolean {
  if (text === null) return false;
  return text.split(' | ').some((t) => {
    try {
      const v = JSON.parse(t) as unknown;
      return typeof v === 'string' && COMMAND_TEXT.test(v);
    } catch {
      return false;
    }
  });
}

function inside(pointer: string, ancestor: string): boolean {
  return pointer.startsWith(`${ancestor}/`);
}

/** Values only one side has, for a pointer where both sides hold several (array items). */
function setDifference(a: string[], b: string[]): [string | null, string | null] {
  const onlyA = a.filter((v) => !b.includes(v));
  const onlyB = b.filter((v) => !a.includes(v));
  return [onlyA.length > 0 ? onlyA.join(' | ') : null, onlyB.length > 0 ? onlyB.join(' | ') : null];
}

/** Differences of two JSON documents by pointer, values in full. */
export function diffJson(baseDoc: unknown, headDoc: unknown, prefix = ''): Measured[] {
  const a: Flat = flatten(baseDoc);
  const b: Flat = flatten(headDoc);
  const pointers = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
  const out: Array<Measured & { pointer: string; structural: boolean }> = [];
  for (const pointer of pointers) {
    const x = a.get(pointer);
    const y = b.get(pointer);
    const subject = `${prefix}${pointer}` || '(root)';
    if (!x && y) out.push({ pointer, structural: true, kind: 'added', subject, base: null, head: textAt(headDoc, pointer) });
    else if (x && !y) out.push({ pointer, structural: true, kind: 'removed', subject, base: textAt(baseDoc, pointer), head: null });
    else if (x && y) {
      const retyped = x.types.join('|') !== y.types.join('|');
      const containers = (s: typeof x) => s.types.every((t) => t === 'object' || t === 'array');
      if (retyped && !(containers(x) && containers(y))) {
        out.push({ pointer, structural: true, kind: 'changed', subject, base: textAt(baseDoc, pointer), head: textAt(headDoc, pointer) });
      } else if (x.values.join('\u0000') !== y.values.join('\u0000')) {
        const several = pointer.endsWith('/*') || x.values.length > 1 || y.values.length > 1;
        const [base, head] = several ? setDifference(x.values, y.values) : [x.values[0] ?? null, y.values[0] ?? null];
        // The envelope's own `command` names what ran; other strings that read as a command line are handed to the agent.
        const kind = pointer !== '/command' && (isCommandText(base) || isCommandText(head)) ? 'printed-command' : 'changed';
        out.push({ pointer, structural: false, kind, subject, base, head });
      }
    }
  }
  // An added, removed or retyped node already shows everything below it.
  const covering = out.filter((c) => c.structural);
  return out
    .filter((c) => !covering.some((p) => p !== c && inside(c.pointer, p.pointer)))
    .map(({ kind, subject, base, head }) => ({ kind, subject, base, head }));
}

function effects(t: TranscriptView): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of t.fsChanges) out.set(normaliseText(c.path), c.mode ? `${c.kind} (mode ${c.mode})` : c.kind);
  return out;
}

export function diffFiles(base: TranscriptView, head: TranscriptView): Measured[] {
  const a = effects(base);
  const b = effects(head);
  const out: Measured[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
    const x = a.get(path) ?? null;
    const y = b.get(path) ?? null;
    if (x !== y) out.push({ kind: 'file', subject: path, base: x, head: y });
  }
  return out;
}

interface RequestGroup {
  count: number;
  bodies: unknown[];
  query: Record<string, string[]>;
}

function requestGroups(t: TranscriptView): Map<string, RequestGroup> {
  const groups = new Map<string, RequestGroup>();
  for (const r of t.requests) {
    // Webhooks are the payment provider's calls to the service that the harness makes while a step runs, not the CLI's.
    if (r.admin || r.telemetry || /\/webhooks(\/|$)/.test(r.path)) continue;
    const key = `${r.method} ${normalisePath(r.path)}`;
    const group = groups.get(key) ?? { count: 0, bodies: [], query: {} };
    group.count += 1;
    if (r.body !== null && r.body !== undefined) group.bodies.push(r.body);
    for (const [k, v] of Object.entries(r.query)) {
      const list = (group.query[k] ??= []);
      const n = normaliseText(v);
      if (!list.includes(n)) list.push(n);
    }
    groups.set(key, group);
  }
  return groups;
}

/**
 * How often a request was sent, as far as it means something: a write (POST, PUT, …) by its
 * exact count (a second purchase matters); a read only as sent (how often a wait polled, once
 * or many times, depends on the clock and the machine's load).
 */
function times(method: string, count: number): string {
  if (method === 'GET' || method === 'HEAD') return 'sent';
  return `sent ${count}×`;
}

export function diffRequests(base: TranscriptView, head: TranscriptView): Measured[] {
  const a = requestGroups(base);
  const b = requestGroups(head);
  const out: Measured[] = [];
  for (const request of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
    const method = request.split(' ')[0];
    const x = a.get(request);
    const y = b.get(request);
    const xt = x ? times(method, x.count) : null;
    const yt = y ? times(method, y.count) : null;
    if (xt !== yt) out.push({ kind: 'request', subject: request, base: xt ?? 'not sent', head: yt ?? 'not sent' });
    if (!x || !y) continue;
    // Bodies of every request of the group, as items of one list (`/*/field` shown as `/field`).
    for (const m of diffJson(x.bodies, y.bodies)) {
      const field = m.subject.replace(/^\/\*/, '') || '(body)';
      out.push({ ...m, kind: 'request', subject: `${request} body ${field}` });
    }
    for (const name of [...new Set([...Object.keys(x.query), ...Object.keys(y.query)])].sort(compareText)) {
      const qx = x.query[name]?.sort().join(' | ') ?? null;
      const qy = y.query[name]?.sort().join(' | ') ?? null;
      if (qx !== qy) out.push({ kind: 'request', subject: `${request} ?${name}`, base: qx, head: qy });
    }
  }
  return out;
}

function okOf(t: TranscriptView): boolean | null {
  const j = t.json as { ok?: unknown } | null;
  return typeof j === 'object' && j !== null && typeof j.ok === 'boolean' ? j.ok : null;
}

/** How a step ended, with what it printed: `exit 3; error: {…}` or `exit 0; data: {…}`. */
function outcomeText(t: TranscriptView): string {
  const j = t.json as { ok?: unknown; data?: unknown; error?: unknown } | null;
  const exit = `exit ${exitText(t)}`;
  if (t.jsonError) return `${exit}; output is not JSON`;
  if (typeof j !== 'object' || j === null) return `${exit}; no output`;
  return j.ok === false ? `${exit}; error: ${valueText(j.error ?? null)}` : `${exit}; data: ${valueText(j.data ?? null)}`;
}

/**
 * Everything measured at one step whose two transcripts both exist. A step that failed on one
 * side and succeeded on the other is one `outcome` change (exit code and what was printed, in
 * full) rather than a row per envelope field; what it wrote and sent is still compared.
 */
export function diffStep(base: TranscriptView, head: TranscriptView): Measured[] {
  const out: Measured[] = [];
  const [x, y] = [exitText(base), exitText(head)];
  const flipped = (x === '0') !== (y === '0') || (okOf(base) !== null && okOf(head) !== null && okOf(base) !== okOf(head));
  if (flipped) out.push({ kind: 'exit', subject: 'outcome', base: outcomeText(base), head: outcomeText(head) });
  else {
    if (x !== y) out.push({ kind: 'exit', subject: 'exit code', base: x, head: y });
    out.push(...diffJson(printed(base), printed(head)));
  }
  out.push(...diffFiles(base, head));
  out.push(...diffRequests(base, head));
  return out;
}
