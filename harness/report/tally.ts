/**
 * One tally for a run, in one unit (scenarios), shared by the console, summary.md, JUnit and the
 * HTML report's annotations, so they never disagree: passed, new failures, expected failures
 * (a baseline excuses every failure of the scenario), fixed (baseline entries that no longer
 * fail), not run, skipped; and, beside the verdict (never failing), the scenarios with harness
 * gaps and with observations, with their check counts.
 */
import { failuresOf } from './expectations.js';
import type { RunResults } from './results.js';
import { shownGroups, shownTotals } from './shown-checks.js';

export interface Tally {
  total: number;
  passed: number;
  /** Failed scenarios with at least one failure no baseline entry expects (a harness error always counts). */
  new_failures: number;
  /** Failed scenarios whose every failure a baseline entry expects. */
  expected_failures: number;
  /** Baseline entries that no longer fail (by scenario; an entry naming none counts once). */
  fixed: number;
  not_run: number;
  skipped: number;
  harness_gaps: { scenarios: number; checks: number };
  observations: { scenarios: number; checks: number };
}

export function tallyOf(r: RunResults): Tally {
  const of = (status: string) => r.scenarios.filter((s) => s.status === status).length;
  const failed = r.scenarios.filter((s) => s.status === 'failed');
  const e = r.expectations;
  const expectedScenarios = new Set<string>();
  if (e) {
    const fresh = new Set(e.new.map((f) => f.scenario));
    for (const f of failuresOf(r)) if (!fresh.has(f.scenario)) expectedScenarios.add(f.scenario);
  }
  const shown = (outcome: 'harness-gap' | 'observed') => shownTotals(shownGroups(r, outcome));
  const fixed = e ? new Set(e.fixed.map((f, i) => f.scenario ?? `#${i}`)).size : 0;
  return {
    total: r.scenarios.length,
    passed: of('passed'),
    new_failures: failed.filter((s) => !expectedScenarios.has(s.id)).length,
    expected_failures: failed.filter((s) => expectedScenarios.has(s.id)).length,
    fixed,
    not_run: of('not-run'),
    skipped: of('skipped'),
    harness_gaps: shown('harness-gap'),
    observations: shown('observed'),
  };
}

/** The one-line form: the same words in the console, summary.md and JUnit. */
export function tallyLine(t: Tally): string {
  const parts = [`${t.passed} passed`, `${t.new_failures} new failure${t.new_failures === 1 ? '' : 's'}`, `${t.expected_failures} expected failure${t.expected_failures === 1 ? '' : 's'}`];
  if (t.fixed > 0) parts.push(`${t.fixed} fixed`);
  parts.push(`${t.not_run} not run`);
  if (t.skipped > 0) parts.push(`${t.skipped} skipped`);
  parts.push(`of ${t.total} scenarios`);
  const beside = `harness gaps in ${t.harness_gaps.scenarios} (${t.harness_gaps.checks} checks), observations in ${t.observations.scenarios} (${t.observations.checks} checks)`;
  return `${parts.join(', ')}; ${beside}`;
}
