/**
 * What became of one mutant, from its scenario runs (pure). A kill is a scenario failing with the
 * mutant active that passed on the unmutated build (only such scenarios are candidates); a
 * scenario that ran past its timeout is "timed out"; a mutant no passing scenario reached is
 * "no coverage"; one whose every candidate passed is a survivor, unless the committed review
 * file judges it equivalent.
 */

export type Outcome = 'killed' | 'survived' | 'timed out' | 'no coverage' | 'equivalent';
export const OUTCOMES: readonly Outcome[] = ['killed', 'survived', 'timed out', 'no coverage', 'equivalent'];

export interface ScenarioRun {
  test: string;
  status: 'passed' | 'failed' | 'skipped' | 'interrupted';
  error: string | null;
  durationMs: number;
}

/** A decided mutant, as the benchmark records it (one JSON line each in results.jsonl). */
export interface MutantResult {
  id: string;
  key: string;
  outcome: Outcome;
  /** The scenario that killed it (or ran out of time). */
  decidedBy: string | null;
  firstError: string | null;
  runs: ScenarioRun[];
  /** Passing scenarios that reached its code in the coverage pass. */
  coveredBy: string[];
  /** The review's one-line reason, for an equivalent mutant. */
  reason?: string;
}

const TIMEOUT = /Test timeout of \d+ms exceeded/;

export function isTimeout(run: ScenarioRun): boolean {
  return run.status === 'failed' && run.error !== null && TIMEOUT.test(run.error);
}

/** The outcome of a mutant whose candidates are all tried (or that was killed). */
export function classify(id: string, key: string, runs: readonly ScenarioRun[], coveredBy: readonly string[]): MutantResult {
  const decisive = runs.find((r) => r.status === 'failed');
  const base = { id, key, runs: [...runs], coveredBy: [...coveredBy], decidedBy: decisive?.test ?? null, firstError: decisive?.error?.split('\n')[0] ?? null };
  if (decisive) return { ...base, outcome: isTimeout(decisive) ? 'timed out' : 'killed' };
  if (coveredBy.length === 0) return { ...base, outcome: 'no coverage' };
  return { ...base, outcome: 'survived' };
}

/** Survivors the review judges equivalent (`equivalent`: mutant key → one-line reason), at report time. */
export function applyReview(results: readonly MutantResult[], equivalent: ReadonlyMap<string, string>): MutantResult[] {
  return results.map((r) => {
    const reason = r.outcome === 'survived' ? equivalent.get(r.key) : undefined;
    return reason === undefined ? r : { ...r, outcome: 'equivalent', reason };
  });
}

export function tally(results: readonly Pick<MutantResult, 'outcome'>[]): Record<Outcome, number> {
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  for (const r of results) counts[r.outcome]++;
  return counts;
}
