/**
 * Regression report between two runs: which scenarios changed verdict, and for each
 * invocation what changed in exit code, printed JSON shape, files written and requests
 * sent. Run-specific values are normalised away, so equal input gives equal output.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { diffFiles, diffRequests, diffShapes } from './diff-invocation.js';
import {
  REGRESSION_SCHEMA,
  type DocumentsDiff,
  type InvocationDiff,
  type RegressionReport,
  type RunLabel,
  type ScenarioChangeKind,
  type ScenarioDiff,
  type TranscriptLoader,
} from './diff-types.js';
import { normaliseText } from './normalise.js';
import type { InvocationResult, RunResults, ScenarioResult, ScenarioStatus } from './results.js';
import { readTranscript, type TranscriptView } from './transcript.js';
import { shellJoin } from './md-text.js';

export * from './diff-types.js';
export { renderRegressionMarkdown } from './regression-markdown.js';
export { renderRegressionHtml } from './regression-html.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function label(r: RunResults, withSpec = false): RunLabel {
  const name = r.cli.name ?? r.cli.spec;
  const versioned = r.cli.version ? `${name}@${r.cli.version}` : name;
  return { run_id: r.run_id, cli: withSpec && r.cli.spec !== versioned ? `${versioned} (${r.cli.spec})` : versioned, contract_version: r.contract_version };
}

/** Two builds of one version (a tarball against its published twin, a mutant) differ only by spec. */
function labels(base: RunResults, head: RunResults): { base: RunLabel; head: RunLabel } {
  const same = label(base).cli === label(head).cli;
  return { base: label(base, same), head: label(head, same) };
}

export function commandKey(inv: InvocationResult): string {
  return normaliseText(inv.shell_command ?? shellJoin(inv.args.length > 0 ? inv.args : inv.argv));
}

function exitText(inv: InvocationResult): string {
  if (inv.timed_out) return 'timeout';
  if (inv.signal) return `signal ${inv.signal}`;
  return inv.exit_code === null ? 'none' : String(inv.exit_code);
}

/** Pairs by position when the command matches, then by command in order; the rest is unmatched. */
export function pairInvocations(base: InvocationResult[], head: InvocationResult[]): Array<[number | null, number | null]> {
  const pairs: Array<[number | null, number | null]> = [];
  const usedBase = new Set<number>();
  const usedHead = new Set<number>();
  const bKeys = base.map(commandKey);
  const hKeys = head.map(commandKey);
  for (let i = 0; i < Math.min(base.length, head.length); i++) {
    if (bKeys[i] === hKeys[i]) {
      pairs.push([i, i]);
      usedBase.add(i);
      usedHead.add(i);
    }
  }
  for (let j = 0; j < head.length; j++) {
    if (usedHead.has(j)) continue;
    const i = bKeys.findIndex((k, idx) => !usedBase.has(idx) && k === hKeys[j]);
    if (i >= 0) {
      pairs.push([i, j]);
      usedBase.add(i);
      usedHead.add(j);
    } else pairs.push([null, j]);
  }
  base.forEach((_, i) => usedBase.has(i) || pairs.push([i, null]));
  const rank = (p: [number | null, number | null]) => [p[1] ?? Number.MAX_SAFE_INTEGER, p[0] ?? Number.MAX_SAFE_INTEGER];
  return pairs.sort((p, q) => {
    const [a1, a2] = rank(p);
    const [b1, b2] = rank(q);
    return a1 - b1 || a2 - b2;
  });
}

function loadView(load: TranscriptLoader, inv: InvocationResult, side: 'base' | 'head', notes: string[]): TranscriptView | null {
  try {
    return readTranscript(load(inv.transcript, side), `${side} ${inv.transcript}`);
  } catch (err) {
    notes.push(`${side} transcript ${inv.transcript} unavailable: ${normaliseText((err as Error).message)}`);
    return null;
  }
}

function diffInvocation(
  b: InvocationResult | null,
  h: InvocationResult | null,
  indexes: [number | null, number | null],
  load: TranscriptLoader,
): InvocationDiff {
  const command = commandKey((h ?? b) as InvocationResult);
  const diff: InvocationDiff = {
    command,
    base_index: indexes[0],
    head_index: indexes[1],
    match: b && h ? 'matched' : b ? 'only-in-base' : 'only-in-head',
    exit: null,
    shape: [],
    files: [],
    requests: [],
    notes: [],
  };
  if (!b || !h) return diff;
  if (exitText(b) !== exitText(h)) diff.exit = { base: exitText(b), head: exitText(h) };
  const bv = loadView(load, b, 'base', diff.notes);
  const hv = loadView(load, h, 'head', diff.notes);
  if (!bv || !hv) return diff;
  diff.shape = diffShapes(bv, hv);
  diff.files = diffFiles(bv, hv);
  diff.requests = diffRequests(bv, hv);
  return diff;
}

function isQuiet(d: InvocationDiff): boolean {
  return d.match === 'matched' && !d.exit && d.shape.length + d.files.length + d.requests.length + d.notes.length === 0;
}

function changeKind(base: ScenarioStatus | null, head: ScenarioStatus | null): ScenarioChangeKind {
  if (base === null) return 'added';
  if (head === null) return 'removed';
  if (base === head) return 'unchanged';
  if (base === 'passed' && head === 'failed') return 'regressed';
  if (base === 'failed' && head === 'passed') return 'fixed';
  return 'status-changed';
}

function diffScenario(b: ScenarioResult | undefined, h: ScenarioResult | undefined, load: TranscriptLoader): ScenarioDiff {
  const change = changeKind(b?.status ?? null, h?.status ?? null);
  const invocations =
    b && h
      ? pairInvocations(b.invocations, h.invocations)
          .map((p) => diffInvocation(p[0] === null ? null : b.invocations[p[0]], p[1] === null ? null : h.invocations[p[1]], p, load))
          .filter((d) => !isQuiet(d))
      : [];
  const s = (h ?? b) as ScenarioResult;
  return {
    id: s.id,
    title: s.title,
    base_status: b?.status ?? null,
    head_status: h?.status ?? null,
    change,
    changed: change !== 'unchanged' || invocations.length > 0,
    invocations,
  };
}

function sortedDocuments(d: DocumentsDiff): DocumentsDiff {
  const key = (c: DocumentsDiff['changes'][number]) => [c.pointer, c.change, c.from ?? '', c.to ?? ''].join('\u0000');
  return {
    base: { ...d.base },
    head: { ...d.head },
    changes: [...d.changes].sort((x, y) => compareText(key(x), key(y))).map((c) => ({ ...c })),
    warnings: [...d.warnings].sort(compareText),
  };
}

export function diffRuns(
  base: RunResults,
  head: RunResults,
  loadTranscript: TranscriptLoader,
  options: { documents?: DocumentsDiff } = {},
): RegressionReport {
  const baseById = new Map(base.scenarios.map((s) => [s.id, s]));
  const headById = new Map(head.scenarios.map((s) => [s.id, s]));
  const ids = [...new Set([...baseById.keys(), ...headById.keys()])].sort(compareText);
  const scenarios = ids.map((id) => diffScenario(baseById.get(id), headById.get(id), loadTranscript));
  const count = (k: ScenarioChangeKind) => scenarios.filter((s) => s.change === k).length;
  const report: RegressionReport = {
    schema: REGRESSION_SCHEMA,
    ...labels(base, head),
    totals: {
      scenarios: scenarios.length,
      regressed: count('regressed'),
      fixed: count('fixed'),
      added: count('added'),
      removed: count('removed'),
      status_changed: count('status-changed'),
      behaviour_changed: scenarios.filter((s) => s.change === 'unchanged' && s.changed).length,
    },
    scenarios,
  };
  if (options.documents) report.documents = sortedDocuments(options.documents);
  return report;
}

/** Loader for two report folders on disk (transcript refs are relative to each folder). */
export function transcriptLoaderFor(baseDir: string, headDir: string): TranscriptLoader {
  return (ref, side) => {
    const root = resolve(side === 'base' ? baseDir : headDir);
    const file = resolve(root, ref);
    if (relative(root, file).startsWith('..')) throw new Error(`transcript path ${ref} leaves the report folder`);
    return JSON.parse(readFileSync(file, 'utf8'));
  };
}
