/**
 * junit.xml from results.json: a scenario that broke a rule is a <failure> (rule id and
 * quote as the message); one that failed without citing a rule is a harness <error>;
 * failures a baseline expects and scenarios that did not run are <skipped>.
 */
import { ruleFailures } from './checks.js';
import type { RunResults, ScenarioResult } from './results.js';
import { tallyLine, tallyOf } from './tally.js';

// XML 1.0 forbids most control characters even when escaped.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(text: string): string {
  return text.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Verdict =
  | { kind: 'passed' }
  | { kind: 'skipped'; message: string }
  | { kind: 'failure'; type: string; message: string; body: string }
  | { kind: 'error'; message: string; body: string };

function isExpected(r: RunResults, scenario: string, rule: string): { reason: string } | null {
  return r.expectations?.expected.find((e) => e.scenario === scenario && e.rule === rule) ?? null;
}

export function junitVerdict(r: RunResults, s: ScenarioResult): Verdict {
  if (s.status === 'passed') return { kind: 'passed' };
  if (s.status === 'not-run') return { kind: 'skipped', message: `not run: ${s.not_run_reason ?? 'no reason given'}` };
  if (s.status === 'skipped') return { kind: 'skipped', message: `skipped${s.skip_reason ? `: ${s.skip_reason}` : ''}` };
  const checks = ruleFailures(s.checks);
  if (checks.length === 0) {
    return { kind: 'error', message: `harness error: ${(s.errors[0] ?? 'failed without an error message').split('\n')[0]}`, body: s.errors.join('\n\n') };
  }
  const fresh = checks.filter((c) => !isExpected(r, s.id, c.rule.id));
  const describe = (list: typeof checks) =>
    list.map((c) => `${c.rule.id} (${c.rule.document}, ${c.rule.section}): "${c.rule.quote}"\n  ${c.message}${c.command ? `\n  command: ${c.command}` : ''}`).join('\n');
  if (fresh.length === 0) {
    const first = checks[0];
    return { kind: 'skipped', message: `expected failure (baseline): ${first.rule.id}: ${isExpected(r, s.id, first.rule.id)?.reason ?? ''}` };
  }
  const first = fresh[0];
  return { kind: 'failure', type: first.rule.id, message: `${first.rule.id}: "${first.rule.quote}"`, body: describe(fresh) };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

function testcase(r: RunResults, s: ScenarioResult): { xml: string; verdict: Verdict } {
  const v = junitVerdict(r, s);
  const open = `    <testcase name="${xmlEscape(s.title)}" classname="${xmlEscape(s.file)}" time="${seconds(s.duration_ms)}">`;
  const inner: string[] = [];
  if (v.kind === 'skipped') inner.push(`      <skipped message="${xmlEscape(v.message)}"/>`);
  if (v.kind === 'failure') inner.push(`      <failure type="${xmlEscape(v.type)}" message="${xmlEscape(v.message)}">${xmlEscape(v.body)}</failure>`);
  if (v.kind === 'error') inner.push(`      <error type="harness-error" message="${xmlEscape(v.message)}">${xmlEscape(v.body)}</error>`);
  // Harness gaps and observations never fail a scenario: they are listed in its output.
  const shown = (s.checks ?? []).filter((c) => c.outcome !== 'failed').map((c) => `${c.outcome === 'harness-gap' ? 'harness gap' : 'observation'}${c.rule ? ` (${c.rule.id})` : ''}: ${c.message}`);
  const out = [`scenario ${s.id}; transcripts: ${s.invocations.map((i) => i.transcript).join(', ') || 'none'}`, ...shown].join('\n');
  inner.push(`      <system-out>${xmlEscape(out)}</system-out>`);
  return { xml: [open, ...inner, '    </testcase>'].join('\n'), verdict: v };
}

function counts(verdicts: Verdict[]): string {
  const n = (k: Verdict['kind']) => verdicts.filter((v) => v.kind === k).length;
  return `tests="${verdicts.length}" failures="${n('failure')}" errors="${n('error')}" skipped="${n('skipped')}"`;
}

export function renderJunit(r: RunResults): string {
  // The run's one tally (tally.ts), the same in every suite, as the console and summary.md give it.
  const t = tallyOf(r);
  const property = (name: string, value: string | number) => `      <property name="${name}" value="${xmlEscape(String(value))}"/>`;
  const properties = [
    '    <properties>',
    property('tally', tallyLine(t)),
    ...(['passed', 'new_failures', 'expected_failures', 'fixed', 'not_run', 'skipped', 'total'] as const).map((k) => property(`scenarios.${k}`, t[k])),
    property('scenarios.with_harness_gaps', t.harness_gaps.scenarios),
    property('scenarios.with_observations', t.observations.scenarios),
    '    </properties>',
  ].join('\n');
  const byFile = new Map<string, ScenarioResult[]>();
  for (const s of r.scenarios) byFile.set(s.file, [...(byFile.get(s.file) ?? []), s]);
  const suites: string[] = [];
  const all: Verdict[] = [];
  for (const [file, scenarios] of [...byFile.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const cases = scenarios.map((s) => testcase(r, s));
    all.push(...cases.map((c) => c.verdict));
    const time = seconds(scenarios.reduce((t, s) => t + s.duration_ms, 0));
    suites.push(`  <testsuite name="${xmlEscape(file)}" ${counts(cases.map((c) => c.verdict))} time="${time}">`, properties, ...cases.map((c) => c.xml), '  </testsuite>');
  }
  const time = seconds(Math.max(0, Date.parse(r.finished_at) - Date.parse(r.started_at)) || 0);
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="image-skill-conformance" ${counts(all)} time="${time}">`, ...suites, '</testsuites>', ''].join('\n');
}
