/**
 * Everything measured between two runs, scenario by scenario and step by step, before folding
 * and classification: changes in what a step printed, wrote and sent, steps only one run took,
 * checks whose outcome changed, and scenario statuses no check explains.
 */
import type { CheckRecord } from '../checks.js';
import { normaliseText } from '../normalise.js';
import type { InvocationResult, RunResults, ScenarioResult, ScenarioStatus } from '../results.js';
import { readTranscript, type TranscriptView } from '../transcript.js';
import { diffStep, type Measured } from './invocation.js';
import { commandForm, commandLine, invocationArgs, pairSteps, stepName } from './steps.js';
import type { ScenarioChangeKind, TranscriptLoader } from './types.js';

/** One measured difference with where it was seen. */
export interface Occurrence extends Measured {
  scenario: string;
  /** Step name (`credits quote`) or `(scenario)`. */
  command: string;
  /** Command form, values dropped; null for scenario-level changes. */
  form: string | null;
  /** Index into the scenario's step list (null for scenario-level changes). */
  step: number | null;
  /** Shape keys the runs checked the step's output against (`create-guide`), when known. */
  baseShape: string | null;
  headShape: string | null;
  baseInvocation: string | null;
  headInvocation: string | null;
  /** For check changes: the check records behind them. */
  checks?: { base: CheckRecord | null; head: CheckRecord | null };
}

export interface MeasuredStep {
  base_index: number | null;
  head_index: number | null;
  base_command: string | null;
  head_command: string | null;
}

export interface MeasuredScenario {
  id: string;
  title: string;
  base: ScenarioResult | null;
  head: ScenarioResult | null;
  change: ScenarioChangeKind;
  steps: MeasuredStep[];
  occurrences: Occurrence[];
  notes: string[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function changeKind(base: ScenarioStatus | null, head: ScenarioStatus | null): ScenarioChangeKind {
  if (base === null) return 'added';
  if (head === null) return 'removed';
  if (base === head) return 'unchanged';
  if (base === 'passed' && head === 'failed') return 'regressed';
  if (base === 'failed' && head === 'passed') return 'fixed';
  return 'status-changed';
}

function shapeKey(inv: InvocationResult | null): string | null {
  const id = inv?.schema?.schema_id;
  if (!id) return null;
  const key = id.slice(id.indexOf('/') + 1);
  return key.startsWith('envelope') ? null : key;
}

function loadView(load: TranscriptLoader, inv: InvocationResult, side: 'base' | 'head', notes: string[]): TranscriptView | null {
  try {
    return readTranscript(load(inv.transcript, side), `${side} ${inv.transcript}`);
  } catch (err) {
    notes.push(`${side} transcript ${inv.transcript} unavailable: ${normaliseText((err as Error).message)}`);
    return null;
  }
}

/**
 * The build's own version in what it printed, wrote and sent (`cli_version`, a registry URL, a
 * tarball name) reads `<version>`: that the new build names its new version is no change.
 */
function withOwnVersion(view: TranscriptView, version: string | null): TranscriptView {
  if (!version) return view;
  const re = new RegExp(`(?<![0-9.])${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`, 'g');
  const map = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(re, '<version>');
    if (Array.isArray(v)) return v.map(map);
    if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
    return v;
  };
  return {
    ...view,
    json: map(view.json),
    requests: view.requests.map((r) => ({ ...r, path: map(r.path) as string, body: map(r.body) })),
    fsChanges: view.fsChanges.map((c) => ({ ...c, path: map(c.path) as string })),
  };
}

const OUTCOME_TEXT: Record<CheckRecord['outcome'], string> = { failed: 'fails', observed: 'observed', 'harness-gap': 'harness gap' };

/** A check's message without what differs between runs, first lines only (the transcript has the rest). */
export function checkMessage(c: CheckRecord): string {
  const text = normaliseText(c.message).replace(/\binv-[A-Za-z0-9]+-\d+\b/g, 'inv-<id>');
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const head = lines.slice(0, 2).join(' ⏎ ');
  return head.length > 400 ? `${head.slice(0, 399)}…` : head;
}

function checkKey(c: CheckRecord): string {
  return `${c.rule?.id ?? ''}\u0000${checkMessage(c)}`;
}

/** Checks whose outcome differs: a check that holds has no record, so absent means "holds" (when the scenario ran through). */
function checkOccurrences(id: string, b: ScenarioResult, h: ScenarioResult): Occurrence[] {
  const index = (s: ScenarioResult) => {
    const m = new Map<string, CheckRecord>();
    for (const c of s.checks ?? []) if (!m.has(checkKey(c))) m.set(checkKey(c), c);
    return m;
  };
  const a = index(b);
  const z = index(h);
  const out: Occurrence[] = [];
  for (const key of [...new Set([...a.keys(), ...z.keys()])].sort(compareText)) {
    const x = a.get(key) ?? null;
    const y = z.get(key) ?? null;
    if (x && y && x.outcome === y.outcome) continue;
    // A record missing on a side whose scenario stopped early may just not have been reached.
    if ((!x && b.status !== 'passed') || (!y && h.status !== 'passed')) continue;
    const c = (y ?? x) as CheckRecord;
    const text = (r: CheckRecord | null) => (r ? `${OUTCOME_TEXT[r.outcome]}: ${checkMessage(r)}` : 'holds');
    out.push({
      scenario: id,
      command: '(scenario)',
      form: c.command ? commandForm(normaliseText(c.command)) : null,
      step: null,
      kind: 'check',
      subject: c.rule?.id ?? '(observation)',
      base: text(x),
      head: text(y),
      baseShape: null,
      headShape: null,
      baseInvocation: x?.invocation_id ?? null,
      headInvocation: y?.invocation_id ?? null,
      checks: { base: x, head: y },
    });
  }
  return out;
}

function statusText(s: ScenarioResult): string {
  if (s.status === 'not-run' && s.not_run_reason) return `not-run: ${normaliseText(s.not_run_reason)}`;
  if (s.status === 'skipped' && s.skip_reason) return `skipped: ${normaliseText(s.skip_reason)}`;
  return s.status;
}

/**
 * Scenarios whose steps are drawn at random (fast-check: the agent loops, the generated
 * answers), by the documents in force among other things: their steps are compared only when
 * both runs drew the same commands; else only their outcome and checks are.
 */
const DRAWN_STEPS = /(^|\/)(agent-loop-model|generated-answers)\.spec\.[jt]s$/;

function measureScenario(b: ScenarioResult | null, h: ScenarioResult | null, load: TranscriptLoader, versions: [string | null, string | null]): MeasuredScenario {
  const s = (h ?? b) as ScenarioResult;
  const out: MeasuredScenario = { id: s.id, title: s.title, base: b, head: h, change: changeKind(b?.status ?? null, h?.status ?? null), steps: [], occurrences: [], notes: [] };
  if (!b || !h) return out;
  const names = (list: InvocationResult[]) => list.map((inv) => stepName(invocationArgs(inv)));
  const drawnApart = DRAWN_STEPS.test(s.file) && names(b.invocations).join('\n') !== names(h.invocations).join('\n');
  if (drawnApart) out.notes.push('its steps are drawn at random and the two runs drew different commands: compared by outcome and checks only');
  const pairs = drawnApart ? [] : pairSteps(names(b.invocations), names(h.invocations));
  const lastHead = h.invocations.length - 1;
  const lastBase = b.invocations.length - 1;
  pairs.forEach(([i, j], stepIndex) => {
    const bi = i === null ? null : b.invocations[i];
    const hi = j === null ? null : h.invocations[j];
    out.steps.push({ base_index: i, head_index: j, base_command: bi ? commandLine(bi) : null, head_command: hi ? commandLine(hi) : null });
    const inv = (hi ?? bi) as InvocationResult;
    const where = {
      scenario: s.id,
      command: stepName(invocationArgs(inv)),
      form: commandForm(commandLine(inv)),
      step: stepIndex,
      baseShape: shapeKey(bi),
      headShape: shapeKey(hi),
      baseInvocation: bi?.id ?? null,
      headInvocation: hi?.id ?? null,
    };
    if (!bi || !hi) {
      // Steps after the last one of a run that stopped early were not reached, not dropped.
      const stoppedEarly = !hi ? h.status !== 'passed' && pairs.slice(stepIndex).every((p) => p[1] === null || p[1] > lastHead) : b.status !== 'passed' && pairs.slice(stepIndex).every((p) => p[0] === null || p[0] > lastBase);
      if (stoppedEarly) return;
      out.occurrences.push({ ...where, kind: 'step', subject: where.command, base: bi ? 'run' : 'not run', head: hi ? 'run' : 'not run' });
      return;
    }
    const bv = loadView(load, bi, 'base', out.notes);
    const hv = loadView(load, hi, 'head', out.notes);
    if (!bv || !hv) return;
    const own = versions[0] !== versions[1];
    for (const m of diffStep(own ? withOwnVersion(bv, versions[0]) : bv, own ? withOwnVersion(hv, versions[1]) : hv)) out.occurrences.push({ ...where, ...m });
  });
  out.occurrences.push(...checkOccurrences(s.id, b, h));
  const explained = out.occurrences.some((o) => o.kind === 'check');
  if (b.status !== h.status && !explained) {
    out.occurrences.push({
      scenario: s.id,
      command: '(scenario)',
      form: null,
      step: null,
      kind: 'status',
      subject: 'scenario status',
      base: statusText(b),
      head: statusText(h),
      baseShape: null,
      headShape: null,
      baseInvocation: null,
      headInvocation: null,
    });
  }
  return out;
}

/** Scenarios matched by id (sorted), each measured step by step. */
export function measureRuns(base: RunResults, head: RunResults, load: TranscriptLoader): MeasuredScenario[] {
  const baseById = new Map(base.scenarios.map((s) => [s.id, s]));
  const headById = new Map(head.scenarios.map((s) => [s.id, s]));
  const ids = [...new Set([...baseById.keys(), ...headById.keys()])].sort(compareText);
  return ids.map((id) => measureScenario(baseById.get(id) ?? null, headById.get(id) ?? null, load, [base.cli.version, head.cli.version]));
}
