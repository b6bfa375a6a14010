/**
 * The mutant rounds of a real-build run, scheduled by harness/mutation/schedule.ts: a mutant's
 * candidates are the passing scenarios that reached its code (best first: quicker ones), it tries
 * 1, then 2, then 4 … of them per round, each test carrying at most one mutant per round, and it
 * stops at its first failing scenario. Each mutant is handed to `onDecided` as soon as it is
 * decided, so a stopped run keeps everything decided so far.
 */
import { stopSignal } from '../../cli/playwright.js';
import type { TestOutcome } from '../json-report.js';
import { candidatesFor, candidatesPerMutant, matchingRound, toSchedule } from '../schedule.js';
import type { CandidateTest } from '../schedule.js';
import type { TestRef } from '../test-key.js';
import { classify } from './classify.js';
import type { MutantResult, ScenarioRun } from './classify.js';
import type { MutantInfo } from './mutants.js';

export interface RoundsInput {
  dir: string;
  cliDir: string;
  workers: number;
  timeoutMs: number;
  mutants: readonly MutantInfo[];
  /** The scenarios that passed on the unmutated build, with the mutant ids each reached. */
  tests: readonly CandidateTest[];
  refs: ReadonlyMap<string, TestRef>;
  /** First round number (a resumed run goes on counting). */
  firstRound: number;
  onDecided: (r: MutantResult) => Promise<void>;
  /** After each round (the benchmark rewrites its partial report). */
  afterRound?: () => Promise<void>;
  log: (line: string) => void;
}

/** Runs one round's schedule and returns the outcomes (the Playwright pass; injectable for tests). */
export type RoundRunner = (label: string, schedule: { tests: Record<string, string> }) => Promise<TestOutcome[]>;

export interface RoundsSummary {
  rounds: number;
  scenarioRuns: number;
  stopped: boolean;
}

const titleOf = (refs: ReadonlyMap<string, TestRef>, key: string): string => refs.get(key)?.titles.join(' › ') ?? key;

export async function runRounds(input: RoundsInput, runRound: RoundRunner): Promise<RoundsSummary> {
  const waiting = new Map<string, string[]>();
  const covered = new Map<string, string[]>();
  const keyOf = new Map(input.mutants.map((m) => [m.id, m.key]));
  for (const m of input.mutants) {
    const keys = candidatesFor({ name: m.id, area: '', rule: '', breaks: null }, input.tests);
    covered.set(m.id, keys.map((k) => titleOf(input.refs, k)));
    if (keys.length > 0) waiting.set(m.id, keys);
    else await input.onDecided(classify(m.id, m.key, [], []));
  }
  const runs = new Map<string, ScenarioRun[]>();
  let round = input.firstRound;
  let scenarioRuns = 0;
  for (let n = 1; waiting.size > 0 && !stopSignal(); n++, round++) {
    const byTest = matchingRound(waiting, candidatesPerMutant(n));
    const started = Date.now();
    const outcomes = await runRound(`round${round}`, toSchedule(byTest));
    const seen = new Map(outcomes.filter((o) => o.mutant !== null).map((o) => [o.key, o]));
    for (const [test, id] of byTest) {
      const o = seen.get(test);
      if (!o || o.status === 'skipped') continue;
      scenarioRuns++;
      runs.set(id, [...(runs.get(id) ?? []), { test: o.title, status: o.status, error: o.error, durationMs: o.durationMs }]);
    }
    if (stopSignal()) break;
    const inRound = new Set(byTest.values());
    let decided = 0;
    for (const id of inRound) {
      const mine = runs.get(id) ?? [];
      const left = (waiting.get(id) ?? []).filter((k) => byTest.get(k) !== id);
      if (mine.some((r) => r.status === 'failed') || left.length === 0) {
        waiting.delete(id);
        decided++;
        await input.onDecided(classify(id, keyOf.get(id) ?? id, mine, covered.get(id) ?? []));
      } else {
        waiting.set(id, left);
      }
    }
    input.log(`round ${round}: ${inRound.size} mutant(s) on ${byTest.size} scenario(s), ${decided} decided, ${waiting.size} waiting, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await input.afterRound?.();
  }
  return { rounds: round - input.firstRound, scenarioRuns, stopped: stopSignal() !== null };
}
