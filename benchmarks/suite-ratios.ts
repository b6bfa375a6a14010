/**
 * The issue-16 ratios, measured side by side in one run (each step starts after the last ends):
 *
 * - scenario suite: `image-skill-conformance run --cli reference`, recording mutant coverage as
 *   npm test's scenario step does; its wall time against its floor, the CLI's own time (sum of
 *   every CLI process's duration in the transcripts ÷ workers);
 * - mutation run: `image-skill-conformance mutate --no-control` reusing that coverage (its own
 *   coverage pass when the suite step is skipped); its wall time ÷ the suite's;
 * - harness overhead per invocation over a bare spawn (harness-overhead.ts, median);
 * - the fake's latency p50/p99 and throughput at concurrency 1 and 200 (fake-latency.ts).
 *
 *   npx tsx benchmarks/suite-ratios.ts
 *
 * BENCH_SKIP=suite,mutation,overhead,latency leaves steps out; BENCH_MUTATION_HINTS=cold runs the
 * mutation run without the killing scenarios of earlier runs (a fresh clone).
 */
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { isRecord } from '../harness/json.js';
import { measureFakeLatency } from './fake-latency.js';
import { measureHarnessOverhead } from './harness-overhead.js';
import { elapsedMs, figuresLine, isMainModule, type BenchFigure } from './stats.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const FRONT_END = path.join(REPO_ROOT, 'bin', 'image-skill-conformance.mjs');

export const TARGETS = { suiteOverFloor: 1.3, mutationOverSuite: 1.5, overheadMs: 10, fakeThroughput: 3000, fakeP99Ms: 100 } as const;

export interface CliTime {
  invocations: number;
  totalMs: number;
  workers: number;
  /** Playwright's own wall time for the run. */
  wallMs: number;
}

/** CLI process time in a Playwright JSON report: the `durationMs` of every `transcript:*` attachment. */
export function cliTimeFromReport(report: unknown): CliTime {
  let invocations = 0;
  let totalMs = 0;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const visit = (suite: unknown) => {
    if (!isRecord(suite)) return;
    for (const spec of list(suite.specs)) {
      for (const t of list(isRecord(spec) ? spec.tests : null)) {
        for (const r of list(isRecord(t) ? t.results : null)) {
          for (const a of list(isRecord(r) ? r.attachments : null)) {
            if (!isRecord(a) || typeof a.name !== 'string' || !a.name.startsWith('transcript:') || typeof a.body !== 'string') continue;
            const body: unknown = JSON.parse(Buffer.from(a.body, 'base64').toString('utf8'));
            if (isRecord(body) && typeof body.durationMs === 'number') {
              invocations++;
              totalMs += body.durationMs;
            }
          }
        }
      }
    }
    for (const child of list(suite.suites)) visit(child);
  };
  const doc = isRecord(report) ? report : {};
  for (const s of list(doc.suites)) visit(s);
  const config = isRecord(doc.config) ? doc.config : {};
  const stats = isRecord(doc.stats) ? doc.stats : {};
  return {
    invocations,
    totalMs,
    workers: typeof config.workers === 'number' ? config.workers : 1,
    wallMs: typeof stats.duration === 'number' ? stats.duration : 0,
  };
}

/**
 * wall ÷ (CLI time ÷ workers); 1.0 means the run took no longer than the CLI itself needs.
 * More workers than cores cannot run more CLI processes at once, so the divisor is at most `cores`.
 */
export function overFloor(wallMs: number, cli: Pick<CliTime, 'totalMs' | 'workers'>, cores = availableParallelism()): number {
  const floor = cli.totalMs / Math.min(cli.workers, cores);
  return floor > 0 ? wallMs / floor : Number.POSITIVE_INFINITY;
}

export function judged(label: string, value: number, unit: string, target: number, atMost: boolean): BenchFigure {
  const ok = atMost ? value <= target : value >= target;
  return { label, value, unit, target: `${atMost ? '≤' : '≥'} ${target}${unit === 'x' ? '×' : ` ${unit}`}`, status: ok ? 'PASS' : 'MISS' };
}

async function timed(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; exitCode: number | null; tail: string }> {
  const start = process.hrtime.bigint();
  const r = await execa(process.execPath, [FRONT_END, ...args], { cwd: REPO_ROOT, reject: false, all: true, env, timeout: 20 * 60_000 });
  const all = typeof r.all === 'string' ? r.all : '';
  return { ms: elapsedMs(start), exitCode: r.exitCode ?? null, tail: all.split('\n').slice(-3).join('\n') };
}

async function main(): Promise<void> {
  const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').map((s) => s.trim()).filter(Boolean));
  const work = await mkdtemp(path.join(tmpdir(), 'bench-ratios-'));
  const figures: BenchFigure[] = [];
  const say = (s: string) => console.log(s);
  try {
    let suiteMs: number | null = null;
    // The suite run records which mutant switches each scenario reaches; the mutation run reuses it.
    const coverageDir = path.join(work, 'mutant-coverage');
    const suiteDir = path.join(work, 'suite');
    if (!skip.has('suite')) {
      const dir = suiteDir;
      say('scenario suite: run --cli reference (recording mutant coverage, as npm test does) …');
      await mkdir(coverageDir, { mode: 0o755 });
      await chmod(coverageDir, 0o755);
      const r = await timed(['run', '--cli', 'reference', '--report-dir', dir], { ISC_MUTATION_COVERAGE: coverageDir });
      const cli = cliTimeFromReport(JSON.parse(await readFile(path.join(dir, 'playwright.json'), 'utf8')));
      suiteMs = r.ms;
      const ratio = overFloor(cli.wallMs, cli);
      say(`  exit ${r.exitCode}; front end ${(r.ms / 1000).toFixed(1)} s, Playwright ${(cli.wallMs / 1000).toFixed(1)} s`);
      say(`  ${cli.invocations} CLI invocations, ${(cli.totalMs / 1000).toFixed(1)} s of CLI process time, ${cli.workers} workers on ${availableParallelism()} cores → floor ${(cli.totalMs / Math.min(cli.workers, availableParallelism()) / 1000).toFixed(1)} s`);
      say(`  suite wall ÷ floor = ${ratio.toFixed(2)}`);
      figures.push(
        { label: 'suite wall (front end)', value: r.ms / 1000, unit: 's' },
        { label: 'suite CLI process time', value: cli.totalMs / 1000, unit: 's' },
        { label: 'suite CLI invocations', value: cli.invocations, unit: 'count' },
        judged('suite wall ÷ (CLI time ÷ workers)', ratio, 'x', TARGETS.suiteOverFloor, true),
      );
    }
    if (!skip.has('mutation')) {
      const dir = path.join(work, 'mutation');
      const cold = process.env.BENCH_MUTATION_HINTS === 'cold';
      const reuse = suiteMs !== null ? ['--coverage-from', coverageDir, '--control-from', path.join(suiteDir, 'playwright.json')] : [];
      say(`mutation run: mutate --no-control (${cold ? 'no hints from earlier runs' : 'with the hints of earlier runs'}; ${reuse.length ? "the suite run's coverage" : 'its own coverage pass'}) …`);
      const args = ['mutate', '--no-control', '--report-dir', dir, ...reuse, ...(cold ? ['--hints', path.join(work, 'no-hints.json')] : [])];
      const r = await timed(args);
      const report: unknown = JSON.parse(await readFile(path.join(dir, 'mutation.json'), 'utf8').catch(() => 'null'));
      const killed = isRecord(report) && typeof report.killed === 'number' ? report.killed : 0;
      const total = isRecord(report) && typeof report.total === 'number' ? report.total : 0;
      const coverage = isRecord(report) && isRecord(report.coverage) && typeof report.coverage.duration_ms === 'number' ? report.coverage.duration_ms : 0;
      const rounds = isRecord(report) && Array.isArray(report.rounds) ? report.rounds.length : 0;
      say(`  exit ${r.exitCode}; ${(r.ms / 1000).toFixed(1)} s (coverage pass ${(coverage / 1000).toFixed(1)} s, ${rounds} round(s)); score ${killed}/${total}`);
      figures.push(
        { label: 'mutation run wall', value: r.ms / 1000, unit: 's' },
        { label: 'mutation coverage pass', value: coverage / 1000, unit: 's' },
        { label: 'mutants killed', value: killed, unit: 'count' },
        { label: 'mutants', value: total, unit: 'count' },
      );
      if (suiteMs !== null) {
        const ratio = r.ms / suiteMs;
        say(`  mutation run ÷ scenario run = ${ratio.toFixed(2)}`);
        figures.push(judged('mutation run ÷ scenario run', ratio, 'x', TARGETS.mutationOverSuite, true));
      }
    }
    if (!skip.has('overhead')) {
      say('harness overhead per invocation …');
      const o = await measureHarnessOverhead({ n: 40, profile: 'never' });
      say(`  bare ${o.bare.p50.toFixed(1)} ms, through the runner ${o.harness.p50.toFixed(1)} ms → overhead ${o.overheadMs.toFixed(1)} ms at the median`);
      figures.push(judged('harness overhead at median', o.overheadMs, 'ms', TARGETS.overheadMs, true));
    }
    if (!skip.has('latency')) {
      for (const concurrency of [1, 200]) {
        say(`fake latency at ${concurrency} concurrent (serve process, 5 s closed loop) …`);
        const l = await measureFakeLatency({ concurrency, durationMs: 5_000 });
        say(`  p50 ${l.latency.p50.toFixed(1)} ms, p99 ${l.latency.p99.toFixed(1)} ms, ${l.throughputPerSec.toFixed(0)} req/s, ${l.failures} failed`);
        figures.push({ label: `fake p50 @${concurrency}`, value: l.latency.p50, unit: 'ms' });
        if (concurrency === 200) {
          figures.push(judged('fake p99 @200', l.latency.p99, 'ms', TARGETS.fakeP99Ms, true), judged('fake throughput @200', l.throughputPerSec, 'req/s', TARGETS.fakeThroughput, false));
        } else {
          figures.push({ label: 'fake p99 @1', value: l.latency.p99, unit: 'ms' });
        }
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  console.log('');
  for (const f of figures) console.log(`${f.label.padEnd(40)} ${f.value.toFixed(f.unit === 'count' ? 0 : 2).padStart(10)} ${f.unit.padEnd(6)} ${f.target ?? ''} ${f.status ?? ''}`);
  console.log(figuresLine({ benchmark: 'suite-ratios', figures }));
}

if (isMainModule(import.meta.url)) await main();
