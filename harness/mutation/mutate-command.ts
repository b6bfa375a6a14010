/**
 * `mutate`: run the scenario suite against every mutant of the reference CLI and the
 * unmutated reference (control). First pass: each mutant runs the scenarios tagged with its
 * area; survivors get a second pass with the whole suite before they are called survivors.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseFlags, parsePositiveInt } from '../cli/args.js';
import { defaultReportRoot } from '../cli/paths.js';
import { runPlaywright } from '../cli/playwright.js';
import { newRunId } from '../report/run-id.js';
import { loadMutants } from './catalog.js';
import type { Mutant } from './catalog.js';
import { CONTROL_PROJECT, projectName } from './plan.js';
import type { MutationPlan } from './plan.js';
import { readOutcomes } from './json-report.js';
import type { TestOutcome } from './json-report.js';
import { renderMutationMarkdown } from './mutation-report.js';
import type { MutantResult, MutationReport } from './mutation-report.js';

async function runPlan(dir: string, label: string, projects: MutationPlan['projects'], workers: number | null, grep?: string): Promise<TestOutcome[]> {
  const plan: MutationPlan = { jsonReport: join(dir, `${label}.playwright.json`), projects };
  const planFile = join(dir, `${label}.plan.json`);
  await writeFile(planFile, JSON.stringify(plan, null, 2));
  await runPlaywright({
    projects: [],
    workers,
    grep,
    env: { ISC_MUTATION_PLAN: planFile, ISC_REPORT_DIR: join(dir, label), ISC_MUTATION_KILLS: join(dir, label, 'kills') },
    quiet: true,
  });
  return readOutcomes(plan.jsonReport);
}

function killersOf(outcomes: TestOutcome[], project: string): TestOutcome[] {
  return outcomes.filter((o) => o.project === project && (o.status === 'failed' || o.status === 'flaky'));
}

export async function mutateCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('mutate', argv, {
    mutant: { type: 'string', multiple: true },
    workers: { type: 'string' },
    'report-dir': { type: 'string' },
    // For callers that have just run the suite against the reference themselves (npm test).
    'no-control': { type: 'boolean', default: false },
  });
  const workers = parsePositiveInt('--workers', values.workers);
  const all = await loadMutants();
  const wanted = values.mutant?.flatMap((m) => m.split(',')) ?? null;
  const unknown = wanted?.filter((w) => !all.some((m) => m.name === w)) ?? [];
  if (unknown.length) {
    console.error(`unknown mutant(s): ${unknown.join(', ')}`);
    return 2;
  }
  const mutants = wanted ? all.filter((m) => wanted.includes(m.name)) : all;
  const dir = resolve(values['report-dir'] ?? join(defaultReportRoot(), `mutation-${newRunId(new Date())}`));
  await mkdir(dir, { recursive: true });
  const started = Date.now();

  console.log(`mutation run: ${mutants.length} mutant(s)${values['no-control'] ? '' : ' + control'}, report in ${dir}`);
  const controlProjects = values['no-control'] ? [] : [{ name: CONTROL_PROJECT, cliSpec: 'reference' }];
  const first = await runPlan(dir, 'pass1', [
    ...controlProjects,
    ...mutants.map((m) => ({ name: projectName(m.name), cliSpec: `reference:${m.name}`, grep: areaGrep(m) })),
  ], workers);

  const control = first.filter((o) => o.project === CONTROL_PROJECT);
  const controlFailures = control.filter((o) => o.status === 'failed' || o.status === 'flaky');
  const survivorsFirst = mutants.filter((m) => killersOf(first, projectName(m.name)).length === 0);

  let second: TestOutcome[] = [];
  if (survivorsFirst.length) {
    console.log(`${survivorsFirst.length} mutant(s) survived their area's scenarios; re-running them on the whole suite`);
    second = await runPlan(dir, 'pass2', survivorsFirst.map((m) => ({ name: projectName(m.name), cliSpec: `reference:${m.name}` })), workers);
  }

  const results: MutantResult[] = mutants.map((m) => {
    const killers = [...killersOf(first, projectName(m.name)), ...killersOf(second, projectName(m.name))];
    return {
      name: m.name,
      area: m.area,
      rule: m.rule,
      killed: killers.length > 0,
      killedBy: [...new Set(killers.map((k) => k.title))].sort(),
      firstError: killers[0]?.error?.split('\n')[0] ?? null,
    };
  });
  const report: MutationReport = {
    schema: 'image-skill-conformance.mutation.v1',
    total: results.length,
    killed: results.filter((r) => r.killed).length,
    control: { tests: control.length, failed: controlFailures.map((f) => `${f.title}: ${f.error?.split('\n')[0] ?? ''}`) },
    mutants: results,
    duration_ms: Date.now() - started,
  };
  await writeFile(join(dir, 'mutation.json'), JSON.stringify(report, null, 2) + '\n');
  await writeFile(join(dir, 'mutation.md'), renderMutationMarkdown(report));

  for (const r of results) console.log(`${r.killed ? 'killed  ' : 'SURVIVED'} ${r.name}${r.killed ? ` ← ${r.killedBy.join('; ')}` : ''}`);
  if (control.length === 0 && !values['no-control']) console.error('control run executed no scenario');
  for (const f of report.control.failed) console.error(`reference CLI failed a scenario: ${f}`);
  console.log(`mutation score: ${report.killed}/${report.total}`);
  const controlOk = values['no-control'] || (control.length > 0 && controlFailures.length === 0);
  return controlOk && report.killed === report.total ? 0 : 1;
}

/** Scenarios are tagged with the areas they guard (e.g. `@guide`); a mutant first meets its own area's. */
function areaGrep(m: Mutant): string {
  return `@${m.area}\\b`;
}
