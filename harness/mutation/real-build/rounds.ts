/**
 * The mutant rounds of a real-build run, scheduled by harness/mutation/schedule.ts: a mutant's
 * candidates are the passing scenarios that reached its code (best first: quicker ones), it tries
 * 1, then 2, then 4 … of them per round, each test carrying at most one mutant per round, and it
 * stops at its first failing scenario. Each mutant is handed to `onDecided` as soon as it is
 * decided, so a stopped run keeps everything decided so far; the scenarios a mutant already ran
 * in an earlier, stopped run (`tried`) are not run again.
 *
 * A round may be split into `layers` schedules run side by side (one Playwright run each): a test
 * then carries up to `layers` mutants per round. Many mutants of a real build are reached by the
 * same few scenarios (the guide's code, say), and one mutant per test per round made those
 * scenarios the bottleneck.
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
  /** Schedules per round, run side by side (default 1). */
  layers?: number;
  /** Scenario runs each mutant already had in an earlier run, by test key. */
  tried?: ReadonlyMap<string, ReadonlyArray<{ key: string; run: ScenarioRun }>>;
  onDecided: (r: MutantResult) => Promise<void>;
  /** After each round (the benchmark rewrites its partial report). */
  afterRound?: () => Promise<void>;
  log: (line: string) => void;
}

/** Runs one schedule and returns the outcomes (the Playwright pass; injectable for tests). */
export type RoundRunner = (label: string, schedule: { tests: Record<string, string> }) => Promise<TestOutcome[]>;

export interface RoundsSummary {
  rounds: number;
  scenarioRuns: number;
  stopped: boolean;
}

const titleOf = (refs: ReadonlyMap<string, TestRef>, key: string): string => refs.get(key)?.titles.join(' › ') ?? key;

/** Split one round into `layers` schedules: each layer gives a test at most one mutant, and a mutant never gets a test twice. */
export function layeredRound(waiting: ReadonlyMap<string, readonly string[]>, perMutant: number, layers: number): Map<string, string>[] {
  const left = new Map([...waiting].map(([id, keys]) => [id, [...keys]]));
  const out: Map<string, string>[] = [];
  for (let i = 0; i < layers; i++) {
    for (const [id, keys] of left) if (keys.length === 0) left.delete(id);
    const layer = matchingRound(left, perMutant);
    if (layer.size === 0) break;
    out.push(layer);
    for (const [test, id] of layer) left.set(id, (left.get(id) ?? []).filter((k) => k !== test));
  }
  return out;
}

export async function runRounds(input: RoundsInput, runRound: RoundRunner): Promise<RoundsSummary> {
  const waiting = new Map<string, string[]>();
  const covered = new Map<string, string[]>();
  const runs = new Map<string, ScenarioRun[]>();
  const keyOf = new Map(input.mutants.map((m) => [m.id, m.key]));
  for (const m of input.mutants) {
    const keys = candidatesFor({ name: m.id, area: '', rule: '', breaks: null }, input.tests);
    const before = input.tried?.get(m.id) ?? [];
    const done = new Set(before.map((t) => t.key));
    const left = keys.filter((k) => !done.has(k));
    covered.set(m.id, keys.map((k) => titleOf(input.refs, k)));
    runs.set(m.id, before.map((t) => t.run));
    if (keys.length > 0 && left.length > 0 && !before.some((t) => t.run.status === 'failed')) waiting.set(m.id, left);
    else await input.onDecided(classify(m.id, m.key, runs.get(m.id) ?? [], covered.get(m.id) ?? []));
  }
  let round = input.firstRound;
  let scenarioRuns = 0;
  for (let n = 1; waiting.size > 0 && !stopSignal(); n++, round++) {
    const layers = layeredRound(waiting, candidatesPerMutant(n), Math.max(1, input.layers ?? 1));
    const started = Date.now();
    const results = await Promise.all(layers.map((byTest, i) => runRound(layers.length === 1 ? `round${round}` : `round${round}-${i + 1}`, toSchedule(byTest))));
    const scheduled: Array<[string, string]> = [];
    layers.forEach((byTest, i) => {
      const seen = new Map(results[i].filter((o) => o.mutant !== null).map((o) => [o.key, o]));
      for (const [test, id] of byTest) {
        scheduled.push([test, id]);
        const o = seen.get(test);
        if (!o || o.status === 'skipped') continue;
        scenarioRuns++;
        runs.set(id, [...(runs.get(id) ?? []), { test: o.title, status: o.status, error: o.error, durationMs: o.durationMs }]);
      }
    });
    if (stopSignal()) break;
    const inRound = new Set(scheduled.map(([, id]) => id));
    let decided = 0;
    for (const id of inRound) {
      const mine = runs.get(id) ?? [];
      const left = (waiting.get(id) ?? []).filter((k) => !scheduled.some(([test, m]) => test === k && m === id));
      if (mine.some((r) => r.status === 'failed') || left.length === 0) {
        waiting.delete(id);
        decided++;
        await input.onDecided(classify(id, keyOf.get(id) ?? id, mine, covered.get(id) ?? []));
      } else {
        waiting.set(id, left);
      }
    }
    input.log(`round ${round}: ${inRound.size} mutant(s) on ${scheduled.length} scenario run(s) in ${layers.length} schedule(s), ${decided} decided, ${waiting.size} waiting, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await input.afterRound?.();
  }
  return { rounds: round - input.firstRound, scenarioRuns, stopped: stopSignal() !== null };
}
