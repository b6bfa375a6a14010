/**
 * Failures grouped by the rule they break, so one root cause is listed once however many
 * scenarios it hits. Failures that cite no rule (thrown errors, timeouts, harness crashes)
 * are harness errors, grouped by their normalised first error line.
 */
import { ruleFailures, type RuleRef } from './checks.js';
import { normaliseText } from './normalise.js';
import { shellJoin } from './md-text.js';
import type { InvocationResult, RunResults, ScenarioResult } from './results.js';

export type GroupState = 'new' | 'expected';

export interface FailureExample {
  scenario: string;
  title: string;
  file: string;
  command: string | null;
  /** What the CLI did (the check's message), or the first error line for a harness error. */
  did: string;
  /** Transcript path relative to the report folder. */
  transcript: string | null;
}

export interface FailureGroup {
  kind: 'rule' | 'harness-error';
  rule: RuleRef | null;
  /** Rule id, or the normalised first error line of a harness error. */
  key: string;
  state: GroupState;
  /** Distinct scenario ids, sorted. */
  scenarios: string[];
  example: FailureExample;
  reason?: string;
  link?: string;
}

/** The invocation most likely behind the failure: named in the error, else a failed check, else the last one. */
export function failingInvocation(s: ScenarioResult): InvocationResult | null {
  const firstError = s.errors[0] ?? '';
  const named = s.invocations.find((inv) => firstError.includes(inv.id));
  if (named) return named;
  const checked = s.invocations.find((inv) => !inv.schema.ok || !inv.secrets.ok);
  return checked ?? s.invocations[s.invocations.length - 1] ?? null;
}

export function invocationCommand(inv: InvocationResult): string {
  return inv.shell_command ?? shellJoin(inv.args.length > 0 ? inv.args : inv.argv);
}

/**
 * The head of an error (its message up to the code frame or stack, at most four lines),
 * with run-specific values and invocation ids replaced: equal keys mean one root cause.
 */
export function errorKey(error: string): string {
  const head: string[] = [];
  for (const raw of error.split('\n')) {
    const line = raw.trim();
    if (/^(>?\s*\d+\s*\||at\s|Error Context:|Call log:)/.test(line)) break;
    if (line) head.push(line);
    if (head.length === 4) break;
  }
  const text = head.join(' / ') || 'failed without an error message';
  return normaliseText(text).replace(/\binv-[A-Za-z0-9-]+/g, 'inv-<id>').slice(0, 300);
}

interface Builder {
  group: FailureGroup;
  ids: Set<string>;
}

function stateOf(r: RunResults, scenario: string, rule: string | null): { state: GroupState; reason?: string; link?: string } {
  const hit = r.expectations?.expected.find((e) => e.scenario === scenario && e.rule === rule);
  return hit ? { state: 'expected', reason: hit.reason, ...(hit.link ? { link: hit.link } : {}) } : { state: 'new' };
}

function compareGroups(a: FailureGroup, b: FailureGroup): number {
  if (a.state !== b.state) return a.state === 'new' ? -1 : 1;
  return b.scenarios.length - a.scenarios.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** Groups for every failed scenario: new before expected, then by how many scenarios each hits. */
export function groupFailures(r: RunResults): FailureGroup[] {
  const groups = new Map<string, Builder>();
  const add = (id: string, seed: () => FailureGroup, scenario: string) => {
    const b = groups.get(id) ?? { group: seed(), ids: new Set<string>() };
    b.ids.add(scenario);
    groups.set(id, b);
  };
  const failed = r.scenarios.filter((s) => s.status === 'failed').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const s of failed) {
    const checks = ruleFailures(s.checks);
    if (checks.length === 0) {
      const key = errorKey(s.errors[0] ?? '');
      const inv = failingInvocation(s);
      const example: FailureExample = { scenario: s.id, title: s.title, file: s.file, command: inv ? invocationCommand(inv) : null, did: s.errors[0] ?? key, transcript: inv?.transcript ?? null };
      add(`harness\u0000${key}`, () => ({ kind: 'harness-error', rule: null, key, state: 'new', scenarios: [], example }), s.id);
      continue;
    }
    for (const c of checks) {
      const { state, reason, link } = stateOf(r, s.id, c.rule.id);
      const inv = s.invocations.find((i) => i.id === c.invocation_id) ?? null;
      const example: FailureExample = {
        scenario: s.id, title: s.title, file: s.file,
        command: c.command ?? (inv ? invocationCommand(inv) : null),
        did: c.message,
        transcript: inv?.transcript ?? null,
      };
      const seed = (): FailureGroup => ({ kind: 'rule', rule: c.rule, key: c.rule.id, state, scenarios: [], example, ...(reason ? { reason } : {}), ...(link ? { link } : {}) });
      add(`rule\u0000${state}\u0000${c.rule.id}`, seed, s.id);
    }
  }
  return [...groups.values()].map((b) => ({ ...b.group, scenarios: [...b.ids].sort() })).sort(compareGroups);
}
