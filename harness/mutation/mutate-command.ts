/**
 * `mutate`: prove the scenarios can fail. First a coverage pass runs the suite once against
 * the unmutated reference (it is also the control run) and records, per scenario, the mutant
 * switches its CLI processes consulted; `--coverage-from`/`--control-from` reuse a reference run
 * that recorded them instead (npm test does, with its own scenario step). Then each mutant runs only the scenarios that reached
 * its switch, in rounds (harness/mutation/schedule.ts), and stops at its first kill. A mutant
 * no scenario reaches is "not covered", a survivor.
 */
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFlags, parsePositiveInt } from '../cli/args.js';
import { defaultReportRoot, repoRoot } from '../cli/paths.js';
import { stopSignal } from '../cli/playwright.js';
import { newRunId } from '../report/run-id.js';
import { loadMutants } from './catalog.js';
import type { Mutant } from './catalog.js';
import { readCoverage } from './coverage.js';
import type { TestCoverage } from './coverage.js';
import { COVERAGE_DIR_ENV, KILLS_ENV, SCHEDULE_ENV } from './gate.js';
import type { MutantSchedule } from './gate.js';
import { readOutcomes } from './json-report.js';
import { defaultHintsFile, readHints, writeHints } from './killer-hints.js';
import type { TestOutcome } from './json-report.js';
import { renderMutationMarkdown } from './mutation-report.js';
import type { MutantResult, MutationReport, RoundSummary } from './mutation-report.js';
import { COVERAGE_PROJECT, ROUND_PROJECT } from './plan.js';
import { candidatesFor, candidatesPerMutant, matchingRound, toSchedule } from './schedule.js';
import type { CandidateTest } from './schedule.js';
import { testListLine } from './test-key.js';
import { runMutationPass, type PassOptions } from './pass.js';

async function runPass(o: PassOptions): Promise<TestOutcome[]> {
  return readOutcomes(await runMutationPass(o));
}

/** Rule ids a spec file names (quoted dotted ids such as 'signup.default-saves-config'). */
async function citedRules(file: string, cache: Map<string, Set<string>>): Promise<Set<string>> {
  let ids = cache.get(file);
  if (!ids) {
    const text = await readFile(join(repoRoot(), file), 'utf8').catch(() => '');
    ids = new Set([...text.matchAll(/['"`]([a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+)['"`]/g)].map((m) => m[1]));
    cache.set(file, ids);
  }
  return ids;
}

async function candidateTests(coverage: TestCoverage[], control: TestOutcome[]): Promise<CandidateTest[]> {
  const cache = new Map<string, Set<string>>();
  const byKey = new Map(control.map((o) => [o.key, o]));
  return Promise.all(
    coverage.map(async (c) => ({
      key: c.key,
      switches: c.switches,
      durationMs: byKey.get(c.key)?.durationMs ?? Number.MAX_SAFE_INTEGER,
      tags: byKey.get(c.key)?.tags ?? [],
      citedRules: await citedRules(c.ref.file, cache),
    })),
  );
}

export async function mutateCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('mutate', argv, {
    mutant: { type: 'string', multiple: true },
    workers: { type: 'string' },
    'report-dir': { type: 'string' },
    // For callers that have just run the suite against the reference themselves (npm test):
    // the coverage pass still runs, but the reference's own failures do not fail `mutate`.
    'no-control': { type: 'boolean', default: false },
    // The scenarios that killed each mutant last time, tried first (harness/mutation/killer-hints.ts).
    hints: { type: 'string' },
    // Reuse a scenario run of the reference instead of a coverage pass (npm test): the records
    // it wrote with ISC_MUTATION_COVERAGE=<dir> and its Playwright JSON report (the control).
    'coverage-from': { type: 'string' },
    'control-from': { type: 'string' },
  });
  if ((values['coverage-from'] === undefined) !== (values['control-from'] === undefined)) {
    console.error('--coverage-from <dir> and --control-from <playwright.json> go together: the records of a reference run and that run\'s JSON report');
    return 2;
  }
  const workers = parsePositiveInt('--workers', values.workers);
  const all = await loadMutants();
  const wanted = values.mutant?.flatMap((m) => m.split(',')) ?? null;
  const unknown = wanted?.filter((w) => !all.some((m) => m.name === w)) ?? [];
  if (unknown.length) {
    console.error(`unknown mutant(s): ${unknown.join(', ')}`);
    return 2;
  }
  const mutants = wanted ? all.filter((m) => wanted.includes(m.name)) : all;
  const reused = values['coverage-from'] !== undefined && values['control-from'] !== undefined ? await reusedCoverage(resolve(values['coverage-from']), resolve(values['control-from'])) : null;
  if (reused && 'problem' in reused) {
    console.error(reused.problem);
    return 2;
  }
  const dir = resolve(values['report-dir'] ?? join(defaultReportRoot(), `mutation-${newRunId(new Date())}`));
  await mkdir(dir, { recursive: true });
  const started = Date.now();
  console.log(`mutation run: ${mutants.length} mutant(s), report in ${dir}`);

  let coverage: TestCoverage[];
  let control: TestOutcome[];
  const coverageStarted = Date.now();
  if (reused) {
    ({ coverage, control } = reused);
  } else {
    // Coverage pass. The records go to a temp folder any uid can reach (some scenarios run the
    // CLI as an unprivileged user); coverage.json in the report keeps what they said.
    const coverageRoot = await mkdtemp(join(tmpdir(), 'isc-mutant-coverage-'));
    try {
      await chmod(coverageRoot, 0o755);
      control = await runPass({ dir, label: 'coverage', projects: [{ name: COVERAGE_PROJECT, cliSpec: 'reference' }], workers, env: { [COVERAGE_DIR_ENV]: coverageRoot } });
      coverage = await readCoverage(coverageRoot);
    } finally {
      await rm(coverageRoot, { recursive: true, force: true });
    }
  }
  const coverageMs = Date.now() - coverageStarted;
  if (stopSignal()) {
    console.error(`mutation run stopped by ${stopSignal()} during the coverage pass`);
    return 130;
  }
  await writeFile(join(dir, 'coverage.json'), `${JSON.stringify(coverage, null, 2)}\n`);
  const controlFailures = control.filter((o) => o.status === 'failed');
  console.log(`coverage ${reused ? 'reused' : 'pass'}: ${control.length} scenario(s), ${coverage.reduce((n, c) => n + c.processes, 0)} CLI process(es) recorded, ${(coverageMs / 1000).toFixed(1)} s`);

  const tests = await candidateTests(coverage, control);
  const refs = new Map(coverage.map((c) => [c.key, c.ref]));
  const titles = new Map(coverage.map((c) => [c.key, c.ref.titles.join(' › ')]));
  const hintsFile = resolve(values.hints ?? defaultHintsFile());
  const hints = await readHints(hintsFile);
  const waiting = new Map<string, string[]>(mutants.map((m) => [m.name, candidatesFor(m, tests, hints.get(m.name) ?? null)]));
  const reached = new Map([...waiting].map(([m, keys]) => [m, keys.map((k) => titles.get(k) ?? k)]));
  for (const [m, keys] of waiting) if (keys.length === 0) waiting.delete(m);

  const runsAgainst = new Map<string, TestOutcome[]>();
  const rounds: RoundSummary[] = [];
  const kills = join(dir, 'kills');
  for (let round = 1; waiting.size > 0 && !stopSignal(); round++) {
    const perMutant = candidatesPerMutant(round);
    const schedule: MutantSchedule = toSchedule(matchingRound(waiting, perMutant));
    const label = `round${round}`;
    const scheduleFile = join(dir, `${label}.schedule.json`);
    await writeFile(scheduleFile, `${JSON.stringify(schedule, null, 2)}\n`);
    const roundStarted = Date.now();
    const inRound = new Set(Object.values(schedule.tests));
    console.log(`round ${round}: ${inRound.size} mutant(s) on ${Object.keys(schedule.tests).length} scenario(s), up to ${perMutant} each`);
    const outcomes = await runPass({
      dir,
      label,
      projects: [{ name: ROUND_PROJECT, cliSpec: 'reference' }],
      workers,
      env: { [SCHEDULE_ENV]: scheduleFile, [KILLS_ENV]: kills },
      testList: Object.keys(schedule.tests).map((k) => testListLine(refs.get(k) ?? { file: k, titles: [] }, ROUND_PROJECT)),
    });
    let runs = 0;
    for (const o of outcomes) {
      if (!o.mutant || o.status === 'skipped') continue;
      runs++;
      runsAgainst.set(o.mutant, [...(runsAgainst.get(o.mutant) ?? []), o]);
    }
    let killedNow = 0;
    for (const m of inRound) {
      if ((runsAgainst.get(m) ?? []).some((o) => o.status === 'failed')) {
        waiting.delete(m);
        killedNow++;
        continue;
      }
      const left = (waiting.get(m) ?? []).filter((k) => schedule.tests[k] !== m);
      if (left.length) waiting.set(m, left);
      else waiting.delete(m);
    }
    rounds.push({ round, mutants: inRound.size, runs, killed: killedNow, duration_ms: Date.now() - roundStarted });
  }

  const results: MutantResult[] = mutants.map((m) => resultFor(m, runsAgainst.get(m.name) ?? [], reached.get(m.name) ?? []));
  const report: MutationReport = {
    schema: 'image-skill-conformance.mutation.v1',
    total: results.length,
    killed: results.filter((r) => r.killed).length,
    notCovered: results.filter((r) => r.outcome === 'not covered').length,
    control: { tests: control.length, failed: controlFailures.map((f) => `${f.title}: ${f.error?.split('\n')[0] ?? ''}`) },
    coverage: { duration_ms: coverageMs, tests: coverage.map((c) => ({ title: titles.get(c.key) ?? c.key, processes: c.processes, switches: c.switches })) },
    rounds,
    mutants: results,
    duration_ms: Date.now() - started,
  };
  const killers = new Map<string, string>();
  for (const [m, runs] of runsAgainst) {
    const killer = runs.find((o) => o.status === 'failed');
    if (killer) killers.set(m, killer.key);
  }
  await writeHints(hintsFile, hints, killers);
  await writeFile(join(dir, 'mutation.json'), JSON.stringify(report, null, 2) + '\n');
  await writeFile(join(dir, 'mutation.md'), renderMutationMarkdown(report));

  for (const r of results) {
    const label = r.killed ? 'killed  ' : r.outcome === 'not covered' ? 'NOT COVERED' : 'SURVIVED';
    console.log(`${label} ${r.name}${r.killed ? ` ← ${r.killedBy.join('; ')}` : ` (reached by ${r.reachedBy.length} scenario(s))`}`);
  }
  if (control.length === 0) console.error('the coverage pass executed no scenario');
  for (const f of report.control.failed) console.error(`reference CLI failed a scenario (its coverage may be partial): ${f}`);
  if (stopSignal()) {
    console.error(`mutation run stopped by ${stopSignal()}: mutants still waiting are reported as survivors`);
    return 130;
  }
  console.log(`mutation score: ${report.killed}/${report.total} (${(report.duration_ms / 1000).toFixed(1)} s; coverage ${reused ? `reused from ${values['control-from']}` : `pass ${(coverageMs / 1000).toFixed(1)} s`})`);
  const controlOk = values['no-control'] || (control.length > 0 && controlFailures.length === 0);
  return controlOk && control.length > 0 && report.killed === report.total ? 0 : 1;
}

/** Project whose tests the mutant rounds run (playwright.config.ts), and so the one a reused control must come from. */
const SCENARIO_PROJECT = 'scenarios';

/** Coverage and control from an earlier reference run, limited to its scenario tests. */
async function reusedCoverage(recordsDir: string, report: string): Promise<{ coverage: TestCoverage[]; control: TestOutcome[] } | { problem: string }> {
  let records: TestCoverage[];
  let outcomes: TestOutcome[];
  try {
    records = await readCoverage(recordsDir);
    outcomes = await readOutcomes(report);
  } catch (err) {
    return { problem: `--coverage-from/--control-from: ${(err as Error).message}` };
  }
  const control = outcomes.filter((o) => o.project === SCENARIO_PROJECT);
  const keys = new Set(control.map((o) => o.key));
  const coverage = records.filter((c) => keys.has(c.key));
  if (control.length === 0) return { problem: `--control-from ${report}: no test of the "${SCENARIO_PROJECT}" project in that report` };
  if (coverage.length === 0) return { problem: `--coverage-from ${recordsDir}: no coverage records of the scenarios in ${report} (was that run started with ISC_MUTATION_COVERAGE=${recordsDir}?)` };
  return { coverage, control };
}

function resultFor(m: Mutant, runs: TestOutcome[], reachedBy: string[]): MutantResult {
  const killers = runs.filter((o) => o.status === 'failed');
  const outcome: MutantResult['outcome'] = killers.length ? 'killed' : reachedBy.length ? 'survived' : 'not covered';
  return {
    name: m.name,
    area: m.area,
    rule: m.rule,
    outcome,
    killed: killers.length > 0,
    killedBy: [...new Set(killers.map((k) => k.title))].sort(),
    firstError: killers[0]?.error?.split('\n')[0] ?? null,
    reachedBy,
    runs: runs.length,
  };
}
