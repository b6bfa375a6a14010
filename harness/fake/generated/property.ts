/**
 * The property over generated answers, run by fast-check (`fc.check`, so the caller charges
 * the counterexample to its rules instead of getting a bare exception): for every sampled
 * answer the run's verdict has no problem. On a failure fast-check shrinks; the last failing
 * run is the shrunk counterexample, kept with its verdict.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { GeneratedAnswer } from './answer.js';
import type { Verdict } from './judge.js';
import type { GeneratedSettings } from './settings.js';

export interface PropertyOutcome {
  /** Runs made before the first failure (or all of them), shrinking not counted. */
  runs: number;
  numShrinks: number;
  seed: number;
  /** fast-check's replay path of the counterexample (with the seed: ISC_GENERATED_PATH). */
  path: string | null;
  /** The check hit its time limit (ISC_GENERATED_TIME_LIMIT_MS) before the budget was spent. */
  interrupted: boolean;
  counterexample: { answer: GeneratedAnswer; verdict: Verdict } | null;
  /** A failure fast-check saw that no verdict explains (the run itself threw). */
  error: string | null;
  elapsedMs: number;
}

export async function checkGeneratedAnswers(
  arbitrary: fc.Arbitrary<GeneratedAnswer>,
  runOne: (answer: GeneratedAnswer) => Promise<Verdict>,
  settings: Pick<GeneratedSettings, 'runs' | 'seed' | 'path' | 'timeLimitMs'>,
): Promise<PropertyOutcome> {
  const started = Date.now();
  const seen: { last: { answer: GeneratedAnswer; verdict: Verdict } | null } = { last: null };
  const property = fc.asyncProperty(arbitrary, async (answer) => {
    const verdict = await runOne(answer);
    if (verdict.problems.length === 0) return true;
    seen.last = { answer, verdict };
    return false;
  });
  const details = await fc.check(property, {
    numRuns: settings.runs,
    seed: settings.seed,
    path: settings.path ?? undefined,
    interruptAfterTimeLimit: settings.timeLimitMs,
    markInterruptAsFailure: false,
  });
  const shrunk = details.counterexample?.[0];
  const kept = seen.last;
  const matches = kept !== null && shrunk !== undefined && isDeepStrictEqual(kept.answer, shrunk);
  return {
    runs: details.numRuns,
    numShrinks: details.numShrinks,
    seed: details.seed,
    path: details.counterexamplePath,
    interrupted: details.interrupted,
    counterexample: details.failed && shrunk !== undefined ? (matches && kept ? kept : { answer: shrunk, verdict: { problems: [], observations: [] } }) : null,
    error: details.failed && !matches ? String(details.errorInstance ?? 'the property failed without a verdict') : null,
    elapsedMs: Date.now() - started,
  };
}
