/**
 * A reproducible sample of mutants: a seeded shuffle (mulberry32, Fisher–Yates) of the mutants
 * whose code some passing scenario reached in the coverage pass, then, only when those are fewer
 * than asked for, of the others. The same mutants, coverage and seed give the same sample.
 */

import { mulberry32 } from '../../fake/ids.js';

/** `n` items of `items` in a seeded random order (all of them, shuffled, when n ≥ length). */
export function seededPick<T>(items: readonly T[], n: number, random: () => number): T[] {
  const pool = [...items];
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

export interface SampleResult {
  ids: string[];
  /** 'covered': every sampled mutant was reached; 'topped-up': too few were, the rest are unreached ones; 'all': no coverage was known. */
  basis: 'covered' | 'topped-up' | 'all';
}

/**
 * Draw `n` mutant ids. `covered` is the set reached by some passing scenario, or null when there
 * was no coverage pass (then the sample is over all mutants, and says so).
 */
export function drawSample(allIds: readonly string[], covered: ReadonlySet<string> | null, n: number, seed: number): SampleResult {
  const random = mulberry32(seed);
  const sorted = [...allIds].sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
  if (covered === null) return { ids: seededPick(sorted, n, random), basis: 'all' };
  const reached = seededPick(sorted.filter((id) => covered.has(id)), n, random);
  if (reached.length >= n) return { ids: reached, basis: 'covered' };
  const rest = seededPick(sorted.filter((id) => !covered.has(id)), n - reached.length, random);
  return { ids: [...reached, ...rest], basis: rest.length > 0 ? 'topped-up' : 'covered' };
}
