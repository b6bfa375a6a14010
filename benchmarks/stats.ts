/**
 * Small statistics helpers shared by the benchmark scripts, plus the one-line JSON
 * "figures" record each script prints so run-all.ts can build its combined table.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Percentile with linear interpolation between the two closest ranks (numpy's default). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty sample');
  if (!Number.isFinite(p) || p < 0 || p > 100) throw new RangeError(`percentile rank must be within 0..100, got ${p}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('percentile needs finite numbers');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty sample');
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

export interface Summary {
  n: number;
  min: number;
  max: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export function summarize(values: readonly number[]): Summary {
  return {
    n: values.length,
    min: percentile(values, 0),
    max: percentile(values, 100),
    mean: mean(values),
    p50: percentile(values, 50),
    p90: percentile(values, 90),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
  };
}

/** Milliseconds with one decimal, e.g. "12.3 ms". */
export function formatMs(ms: number): string {
  return `${ms.toFixed(1)} ms`;
}

/** Wall-clock milliseconds from a process.hrtime.bigint() start mark. */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// ---- figure records (the line run-all.ts looks for in each script's stdout) ----

export const FIGURES_PREFIX = 'BENCH_FIGURES ';

export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 30 ms". */
  target?: string;
  status?: 'PASS' | 'MISS';
}

export interface BenchFigures {
  benchmark: string;
  figures: BenchFigure[];
}

export function figuresLine(record: BenchFigures): string {
  return FIGURES_PREFIX + JSON.stringify(record);
}

function isFigure(v: unknown): v is BenchFigure {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.label === 'string' &&
    typeof f.value === 'number' &&
    typeof f.unit === 'string' &&
    (f.target === undefined || typeof f.target === 'string') &&
    (f.status === undefined || f.status === 'PASS' || f.status === 'MISS')
  );
}

/** Every well-formed figures record printed in `output` (malformed lines are ignored). */
export function parseFiguresLines(output: string): BenchFigures[] {
  const found: BenchFigures[] = [];
  for (const line of output.split('\n')) {
    if (!line.startsWith(FIGURES_PREFIX)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.slice(FIGURES_PREFIX.length));
    } catch {
      continue;
    }
    if (typeof parsed !== 'object' || parsed === null) continue;
    const rec = parsed as Record<string, unknown>;
    if (typeof rec.benchmark !== 'string' || !Array.isArray(rec.figures) || !rec.figures.every(isFigure)) continue;
    found.push({ benchmark: rec.benchmark, figures: rec.figures });
  }
  return found;
}

/** True when this module file is the script node was started with (for `npx tsx benchmarks/x.ts`). */
export function isMainModule(importMetaUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(path.resolve(entry)).href === importMetaUrl;
}
