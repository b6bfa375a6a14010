/**
 * Which scenarios each mutant runs, and in which round. A mutant can only be killed by a test
 * that reached its switch in the coverage pass; those are its candidates, best first: tests
 * whose spec cites the rule the mutant breaks, then tests tagged with its area, then the
 * quicker ones. A round gives every test at most one mutant, so one Playwright run with one
 * pair of workers serves the whole round and mutants with different tests run side by side;
 * a mutant tries 1 candidate in the first round, 2 in the next, then 4, …, and stops at its
 * first kill (its later scenarios in the round are skipped).
 */
import type { Mutant } from './catalog.js';
import type { MutantSchedule } from './gate.js';

export interface CandidateTest {
  key: string;
  /** Mutant switches the test reached against the reference. */
  switches: readonly string[];
  durationMs: number;
  tags: readonly string[];
  /** Rule ids its spec file names. */
  citedRules: ReadonlySet<string>;
}

/** The tests that reach the mutant's switch, best first (see the top of this file). */
export function candidatesFor(m: Mutant, tests: readonly CandidateTest[], lastKiller: string | null = null): string[] {
  const rank = (t: CandidateTest) => [t.key === lastKiller ? 0 : 1, m.breaks !== null && t.citedRules.has(m.breaks) ? 0 : 1, t.tags.includes(m.area) ? 0 : 1, t.durationMs];
  const byRank = (a: number[], b: number[]) => a.reduce((d, x, i) => d || x - b[i], 0);
  return tests
    .filter((t) => t.switches.includes(m.name))
    .map((t) => ({ key: t.key, r: rank(t) }))
    .sort((a, b) => byRank(a.r, b.r) || (a.key < b.key ? -1 : 1))
    .map((x) => x.key);
}

/**
 * One round: every waiting mutant takes up to `perMutant` of its candidates that no other
 * mutant has taken, best first, the mutants with the fewest candidates choosing first, one
 * candidate each per pass. Returns test key → mutant (a test runs at most one mutant).
 */
export function matchingRound(waiting: ReadonlyMap<string, readonly string[]>, perMutant = 1): Map<string, string> {
  const taken = new Map<string, string>();
  const order = [...waiting.entries()].sort((a, b) => a[1].length - b[1].length || (a[0] < b[0] ? -1 : 1));
  const next = new Map(order.map(([m]) => [m, 0]));
  for (let pass = 0; pass < perMutant; pass++) {
    for (const [mutant, keys] of order) {
      let i = next.get(mutant) ?? 0;
      while (i < keys.length && taken.has(keys[i])) i++;
      if (i < keys.length) taken.set(keys[i], mutant);
      next.set(mutant, i + 1);
    }
  }
  return taken;
}

/** How many candidates a mutant may try in round `round` (1-based): 1, 2, 4, … */
export function candidatesPerMutant(round: number): number {
  return 2 ** Math.min(round - 1, 6);
}

export function toSchedule(byTest: ReadonlyMap<string, string>): MutantSchedule {
  return { tests: Object.fromEntries(byTest) };
}
