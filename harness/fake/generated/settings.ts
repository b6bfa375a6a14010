/**
 * The property's budget and replay settings, from the environment: ISC_GENERATED_RUNS (runs
 * per spec run), ISC_GENERATED_SEED (fixed by default, so runs are reproducible),
 * ISC_GENERATED_PATH (fast-check's counterexample path: with the seed, replays exactly that
 * run), ISC_GENERATED_TIME_LIMIT_MS (the whole check, shrinking included), ISC_GENERATED_HANG_MS
 * (one CLI run; longer is a hang), ISC_GENERATED_EXCLUDE (comma-separated dot paths left
 * alone, e.g. `warnings` to look past a defect already triaged).
 */

export interface GeneratedSettings {
  runs: number;
  seed: number;
  path: string | null;
  timeLimitMs: number;
  hangMs: number;
  exclude: string[];
}

/** 25 runs: about 15 s of one worker against the reference CLI on this (shared, 2-core) machine (see docs/generated-answers.md). */
export const DEFAULT_RUNS = 25;
export const DEFAULT_SEED = 2804;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

export function generatedSettings(env: NodeJS.ProcessEnv = process.env): GeneratedSettings {
  const path = env.ISC_GENERATED_PATH?.trim() || null;
  if (path !== null && !/^\d+(:\d+)*$/.test(path)) throw new Error(`ISC_GENERATED_PATH must be a fast-check path like 3:0:1, got ${JSON.stringify(path)}`);
  return {
    runs: int(env, 'ISC_GENERATED_RUNS', DEFAULT_RUNS, 1),
    seed: int(env, 'ISC_GENERATED_SEED', DEFAULT_SEED, -(2 ** 31)),
    path,
    timeLimitMs: int(env, 'ISC_GENERATED_TIME_LIMIT_MS', 240_000, 1000),
    hangMs: int(env, 'ISC_GENERATED_HANG_MS', 15_000, 100),
    exclude: (env.ISC_GENERATED_EXCLUDE ?? '').split(',').map((p) => p.trim()).filter(Boolean),
  };
}
