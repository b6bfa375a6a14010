/**
 * Mutation score of a real build (issue 28 part 5): a published tarball is instrumented by
 * Stryker (harness/mutation/real-build/), the suite runs once against it with no mutant active
 * (coverage pass: which mutants each passing scenario reaches), a seeded sample of reached
 * mutants is drawn, and each sampled mutant runs its covering scenarios until the first kill.
 *
 *   npm run bench:mutation-real -- [--build <tgz>] [--sample 200] [--seed 1] [--workers 1]
 *                                  [--parallel 1] [--timeout-ms 60000] [--out <dir>] [--review <json>] [--report-only]
 *
 * --parallel N splits each round into N schedules run side by side (N Playwright runs of --workers
 * each), so a scenario can carry N mutants per round.
 * Everything is kept in --out (the instrumented copy, coverage.json, sample.json, results.jsonl
 * appended as mutants are decided, each round's schedule and report), so running it again with the
 * same --out resumes, undecided mutants after the scenarios they already ran; the report
 * (mutation-real.md/.json) is rewritten after every round. --report-only only rewrites the report
 * (after editing the review file, say). Figures, not a test: exit 0 unless it could not run.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { RULES } from '../harness/rules/index.js';
import type { Rule } from '../harness/rules/index.js';
import type { CandidateTest } from '../harness/mutation/schedule.js';
import { instrumentedBuild } from '../harness/mutation/real-build/build.js';
import type { InstrumentedBuild } from '../harness/mutation/real-build/build.js';
import type { MutantResult } from '../harness/mutation/real-build/classify.js';
import { coveragePass, roundPass } from '../harness/mutation/real-build/passes.js';
import type { CoveragePass } from '../harness/mutation/real-build/passes.js';
import { buildReport, renderReportMarkdown } from '../harness/mutation/real-build/report.js';
import type { RealMutationReport } from '../harness/mutation/real-build/report.js';
import { runRounds } from '../harness/mutation/real-build/rounds.js';
import { drawSample } from '../harness/mutation/real-build/sample.js';
import { appendResult, readCoverageState, readResults, readReview, readSampleState, readTried, writeCoverageState, writeJson } from '../harness/mutation/real-build/state.js';
import type { SampleState } from '../harness/mutation/real-build/state.js';
import { figuresLine, isMainModule } from './stats.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Options {
  build: string;
  sample: number;
  seed: number;
  workers: number;
  parallel: number;
  timeoutMs: number;
  out: string;
  review: string;
  reportOnly: boolean;
}

function positive(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new Error(`${flag} takes a positive whole number, got "${value}"`);
  return Number(value);
}

export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      build: { type: 'string' },
      sample: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      parallel: { type: 'string' },
      'timeout-ms': { type: 'string' },
      out: { type: 'string' },
      review: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
    },
  });
  const build = path.resolve(values.build ?? path.join(REPO_ROOT, '..', 'shared', 'real-cli', 'image-skill-0.1.25.tgz'));
  return {
    build,
    sample: positive('--sample', values.sample, 200),
    seed: values.seed === undefined ? 1 : positive('--seed', values.seed, 1),
    workers: positive('--workers', values.workers, 1),
    parallel: positive('--parallel', values.parallel, 1),
    timeoutMs: positive('--timeout-ms', values['timeout-ms'], 60_000),
    out: path.resolve(values.out ?? path.join(tmpdir(), `mutation-real-${path.basename(build).replace(/\.(tgz|tar\.gz)$/, '')}`)),
    review: path.resolve(values.review ?? path.join(REPO_ROOT, 'benchmarks', 'mutation-real-equivalent.json')),
    reportOnly: values['report-only'] === true,
  };
}

/** Passing control scenarios as schedule candidates (the mutant ids each reached). */
function candidateTests(pass: CoveragePass): CandidateTest[] {
  const control = new Map(pass.control.map((o) => [o.key, o]));
  return pass.coverage
    .filter((c) => control.get(c.key)?.status === 'passed')
    .map((c) => ({ key: c.key, switches: c.switches, durationMs: control.get(c.key)?.durationMs ?? Number.MAX_SAFE_INTEGER, tags: control.get(c.key)?.tags ?? [], citedRules: new Set<string>() }));
}

async function writeReport(o: Options, build: InstrumentedBuild, pass: CoveragePass, tests: CandidateTest[], sample: SampleState, roundsWallMs: number, notes: string[]): Promise<RealMutationReport> {
  const control = new Map(pass.control.map((c) => [c.key, c.title]));
  const rulesByTitle = new Map(Object.entries(pass.rulesByTest).map(([k, v]) => [control.get(k) ?? k, v]));
  const report = buildReport({
    build: { tarball: o.build, name: build.name, version: build.version, sha256: build.sha256 },
    mutants: build.mutants,
    coveredIds: new Set(tests.flatMap((t) => t.switches)),
    sample: { ids: sample.ids, seed: sample.seed, basis: sample.basis },
    results: await readResults(path.join(o.out, 'results.jsonl')),
    equivalent: await readReview(o.review),
    rulesByTitle,
    rules: new Map<string, Rule>(RULES.map((r) => [r.id, r])),
    coveragePassMs: pass.durationMs,
    roundsWallMs,
    notes,
  });
  await writeJson(path.join(o.out, 'mutation-real.json'), report);
  await writeFile(path.join(o.out, 'mutation-real.md'), renderReportMarkdown(report));
  return report;
}

export async function main(argv: string[]): Promise<number> {
  const o = parseOptions(argv);
  await mkdir(o.out, { recursive: true });
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  log(`build ${o.build}, sample ${o.sample}, seed ${o.seed}, ${o.parallel} × ${o.workers} worker(s), per-test timeout ${o.timeoutMs} ms, state in ${o.out}`);

  const t0 = Date.now();
  const build = await instrumentedBuild(o.build, path.join(o.out, 'build'));
  log(`instrumented ${build.files.join(', ')}: ${build.mutants.length} mutants (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  await writeJson(path.join(o.out, 'mutants.json'), build.mutants);

  const coverageFile = path.join(o.out, 'coverage.json');
  let pass = await readCoverageState(coverageFile, build.sha256);
  if (pass) log(`coverage pass reused from ${coverageFile}`);
  else {
    if (o.reportOnly) throw new Error(`--report-only: no coverage pass in ${o.out}`);
    log('coverage pass: the whole suite against the instrumented build, no mutant active …');
    pass = await coveragePass(o.out, build.dir, o.workers);
    await writeCoverageState(coverageFile, build.sha256, pass);
  }
  const tests = candidateTests(pass);
  const failing = pass.control.filter((c) => c.status === 'failed');
  const covered = new Set(tests.flatMap((t) => t.switches));
  log(`coverage: ${pass.control.length} scenarios (${failing.length} failing on the unmutated build, never candidates), ${covered.size}/${build.mutants.length} mutants reached by a passing one, ${(pass.durationMs / 1000).toFixed(0)} s`);

  const sampleFile = path.join(o.out, 'sample.json');
  let sample = await readSampleState(sampleFile, build.sha256, o.sample, o.seed);
  if (!sample) {
    const drawn = drawSample(build.mutants.map((m) => m.id), tests.length ? covered : null, o.sample, o.seed);
    sample = { sha256: build.sha256, size: o.sample, seed: o.seed, ...drawn };
    await writeJson(sampleFile, sample);
  }
  const notes: string[] = [];
  if (sample.basis === 'all') notes.push('No scenario passed in the coverage pass: the sample is over all mutants, not only reached ones.');
  if (failing.length) notes.push(`${failing.length} scenario(s) fail on the unmutated build (the build's known defects) and are never candidates: ${failing.map((f) => f.title).join('; ')}.`);
  notes.push('Scenarios that set their own timeout (hostile-service) keep it; --timeout-ms applies to the others.');

  const resultsFile = path.join(o.out, 'results.jsonl');
  const done = new Set((await readResults(resultsFile)).map((r) => r.id));
  const byId = new Map(build.mutants.map((m) => [m.id, m]));
  const todo = sample.ids.filter((id) => !done.has(id)).map((id) => byId.get(id)).filter((m) => m !== undefined);
  const wallFile = path.join(o.out, 'rounds-wall.json');
  let roundsWallMs = await readWall(wallFile);
  log(`sample: ${sample.ids.length} mutants (${sample.basis}), ${done.size} already decided, ${todo.length} to run`);

  if (!o.reportOnly && todo.length) {
    const refs = new Map(pass.coverage.map((c) => [c.key, c.ref]));
    const { tried, lastRound } = await readTried(o.out);
    const resumed = todo.filter((m) => tried.has(m.id)).length;
    if (resumed) log(`${resumed} undecided mutant(s) resume after the scenarios they already ran`);
    let decided = done.size;
    const started = Date.now();
    const summary = await runRounds(
      {
        dir: o.out,
        cliDir: build.dir,
        workers: o.workers,
        timeoutMs: o.timeoutMs,
        mutants: todo,
        tests,
        refs,
        firstRound: lastRound + 1,
        layers: o.parallel,
        tried,
        onDecided: async (r: MutantResult) => {
          await appendResult(resultsFile, r);
          decided++;
          log(`${decided}/${sample.ids.length} #${r.id} ${r.outcome}${r.decidedBy ? ` ← ${r.decidedBy}` : ''} (${r.runs.length} run(s)) ${byId.get(r.id)?.snippet ?? ''}`);
        },
        afterRound: async () => {
          await writeJson(wallFile, { ms: roundsWallMs + (Date.now() - started) });
          await writeReport(o, build, pass, tests, sample, roundsWallMs + (Date.now() - started), [...notes, 'Partial: written after a round; the run goes on.']);
        },
        log,
      },
      (label, schedule) => roundPass(o.out, label, build.dir, schedule, refs, o.workers, o.timeoutMs),
    );
    roundsWallMs += Date.now() - started;
    await writeJson(wallFile, { ms: roundsWallMs });
    if (summary.stopped) notes.push('The run was stopped: undecided mutants are pending (run again with the same --out to resume).');
  }

  const report = await writeReport(o, build, pass, tests, sample, roundsWallMs, notes);
  const c = report.counts;
  console.log(`\nmutation score of ${build.name} ${build.version}: ${report.score === null ? '–' : `${(report.score * 100).toFixed(1)} %`}`);
  console.log(`killed ${c.killed} / survived ${c.survived} / timed out ${c['timed out']} / no coverage ${c['no coverage']} / equivalent ${c.equivalent}  (${report.sample.decided} of ${report.sample.size} decided)`);
  console.log(`cost: coverage pass ${(report.cost.coveragePassMs / 1000).toFixed(0)} s; ${report.cost.wallMsPerMutant === null ? '–' : (report.cost.wallMsPerMutant / 1000).toFixed(1)} s wall per mutant`);
  for (const g of report.survivorsBySentence) console.log(`  ${g.mutants.length} survivor(s): ${g.label}`);
  console.log(`report: ${path.join(o.out, 'mutation-real.md')}`);
  console.log(
    figuresLine({
      benchmark: 'mutation-real',
      figures: [
        { label: 'killed', value: c.killed, unit: 'mutants' },
        { label: 'survived', value: c.survived, unit: 'mutants' },
        { label: 'timed out', value: c['timed out'], unit: 'mutants' },
        { label: 'no coverage', value: c['no coverage'], unit: 'mutants' },
        { label: 'equivalent', value: c.equivalent, unit: 'mutants' },
        { label: 'wall per mutant', value: (report.cost.wallMsPerMutant ?? 0) / 1000, unit: 's' },
      ],
    }),
  );
  return 0;
}

async function readWall(file: string): Promise<number> {
  try {
    const doc: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof doc === 'object' && doc !== null && 'ms' in doc && typeof doc.ms === 'number' ? doc.ms : 0;
  } catch {
    return 0;
  }
}

if (isMainModule(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`mutation-real: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
