/**
 * `npm run bench`: run every benchmark script in turn as its own process
 * (`npx tsx benchmarks/<file>.ts`), show its output live, then print one combined
 * table. Scripts that print a BENCH_FIGURES line (see stats.ts) become table rows;
 * for the others, their printed output is repeated under the table.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { FIGURES_PREFIX, elapsedMs, isMainModule, parseFiguresLines, type BenchFigures } from './stats.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Generous: the chain benchmarks start anvil. */
const PER_BENCHMARK_TIMEOUT_MS = 10 * 60_000;

export const BENCHMARKS = ['harness-overhead.ts', 'fake-latency.ts', 'chain.ts', 'x402-settlement.ts'];

export interface BenchOutcome {
  file: string;
  /** 'missing' when the script does not exist in this checkout. */
  status: 'ok' | 'failed' | 'missing';
  exitCode: number | null;
  durationMs: number;
  figures: BenchFigures[];
  /** What the script printed, minus its figures lines. */
  printed: string;
  problem: string | null;
}

async function runBenchmark(file: string): Promise<BenchOutcome> {
  const abs = path.join(REPO_ROOT, 'benchmarks', file);
  if (!existsSync(abs)) return { file, status: 'missing', exitCode: null, durationMs: 0, figures: [], printed: '', problem: null };
  console.log(`\n=== ${file} ===`);
  const start = process.hrtime.bigint();
  const result = await execa('npx', ['tsx', abs], {
    cwd: REPO_ROOT,
    reject: false,
    stdout: ['pipe', 'inherit'],
    stderr: 'inherit',
    stdin: 'ignore',
    timeout: PER_BENCHMARK_TIMEOUT_MS,
    forceKillAfterDelay: 5_000,
  });
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const failed = result.exitCode !== 0 || result.timedOut;
  return {
    file,
    status: failed ? 'failed' : 'ok',
    exitCode: result.exitCode ?? null,
    durationMs: elapsedMs(start),
    figures: parseFiguresLines(stdout),
    printed: stdout
      .split('\n')
      .filter((line) => !line.startsWith(FIGURES_PREFIX))
      .join('\n')
      .trim(),
    problem: result.timedOut ? `timed out after ${PER_BENCHMARK_TIMEOUT_MS / 1000} s` : failed ? (result.shortMessage ?? 'did not finish') : null,
  };
}

export function formatValue(value: number, unit: string): string {
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 's') return `${value.toFixed(2)} s`;
  if (unit === 'count') return String(Math.round(value));
  return `${value >= 100 ? value.toFixed(0) : value.toFixed(2)} ${unit}`;
}

function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The combined table plus, for scripts without figures lines, what they printed. */
export function formatSummary(outcomes: BenchOutcome[]): string {
  const rows: string[][] = [];
  const verbatim: string[] = [];
  for (const o of outcomes) {
    const name = o.file.replace(/\.ts$/, '');
    if (o.status === 'missing') {
      rows.push([name, '(not in this checkout, skipped)', '', '', '']);
      continue;
    }
    for (const rec of o.figures) {
      for (const f of rec.figures) rows.push([rec.benchmark, f.label, formatValue(f.value, f.unit), f.target ?? '', f.status ?? '']);
    }
    if (o.status === 'failed') rows.push([name, `FAILED (exit ${o.exitCode ?? '?'})${o.problem ? `: ${o.problem}` : ''}`, '', '', '']);
    else if (o.figures.length === 0) rows.push([name, '(figures as printed, below)', '', '', '']);
    if (o.figures.length === 0 && o.printed !== '') verbatim.push(`--- ${name} printed:\n${o.printed}`);
  }
  const total = outcomes.reduce((sum, o) => sum + o.durationMs, 0);
  return [renderTable(['benchmark', 'figure', 'value', 'target', 'status'], rows), ...verbatim, `(all benchmarks: ${(total / 1000).toFixed(1)} s)`].join(
    '\n\n',
  );
}

if (isMainModule(import.meta.url)) {
  const outcomes: BenchOutcome[] = [];
  for (const file of BENCHMARKS) outcomes.push(await runBenchmark(file));
  console.log('\n=== summary ===\n');
  console.log(formatSummary(outcomes));
  // A missed target is a figure, not an error; only a benchmark that could not run fails the command.
  if (outcomes.some((o) => o.status === 'failed')) process.exitCode = 1;
}
