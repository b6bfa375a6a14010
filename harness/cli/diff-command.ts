/**
 * `diff`: run the suite against two builds with the same fake and seed (or take existing report
 * folders), then write the regression report: regression.md, regression.html, regression.json.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { newRunId } from '../report/run-id.js';
import {
  diffExitCode,
  diffRuns,
  loadSide,
  packageChangelog,
  renderRegressionHtml,
  renderRegressionJson,
  renderRegressionMarkdown,
  saveDocuments,
  transcriptLoaderFor,
  type FailOn,
  type SideInput,
} from '../report/regression/index.js';
import { documentsSchemaDiff } from '../checks/contract-diff.js';
import { parseFlags, parsePositiveInt, UsageError } from './args.js';
import { defaultReportRoot } from './paths.js';
import { resolveRunTarget, runSuite, type ResolvedRun } from './run-command.js';
import { localImageSkillPackage } from './default-target.js';
import { describeTarget } from '../target/resolve.js';

export { diffExitCode, type FailOn } from '../report/regression/index.js';

interface SidePlan {
  name: 'base' | 'head';
  /** A report folder given with --base-from / --head-from. */
  from: string | null;
  run: ResolvedRun | null;
  note: string;
}

export async function diffCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('diff', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    'base-from': { type: 'string' },
    'head-from': { type: 'string' },
    grep: { type: 'string' },
    workers: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'fail-on': { type: 'string', default: 'regressed' },
    'allow-any-name': { type: 'boolean', default: false },
  });
  const failOn = parseFailOn(values['fail-on']);
  if (values.base && values['base-from']) throw new UsageError('diff takes --base <target> or --base-from <report dir>, not both');
  if (values.head && values['head-from']) throw new UsageError('diff takes --head <target> or --head-from <report dir>, not both');
  for (const flag of ['base-from', 'head-from'] as const) {
    const dir = values[flag];
    if (dir && !existsSync(join(resolve(dir), 'results.json'))) throw new UsageError(`--${flag} ${dir}: no results.json there (a report folder of run or diff)`);
  }
  // --head defaults to the image-skill package in this folder (the build being worked on); the
  // old build has no sensible default, and neither side ever defaults to the reference.
  const local = values.head || values['head-from'] ? null : localImageSkillPackage();
  if (!values.base && !values['base-from']) {
    throw new UsageError(`diff needs --base <target> or --base-from <report dir> (the old build)${values.head || values['head-from'] ? '' : local?.dir ? `; --head defaults to the image-skill package in ${local.dir}` : ' and --head <target>'}`);
  }
  const headSpec = values['head-from'] ? null : (values.head ?? local?.dir);
  if (!values['head-from'] && !headSpec) throw new UsageError(`diff needs --head <target> (the new build): no --head given and ${local?.found ?? 'no package here'}, so there is nothing to default to`);
  const workers = parsePositiveInt('--workers', values.workers);
  const allowAnyName = values['allow-any-name'] === true;
  // Resolve both before running anything, so a bad target fails fast.
  const plans: SidePlan[] = [
    { name: 'base', from: values['base-from'] ? resolve(values['base-from']) : null, run: values.base ? await resolveRunTarget(values.base, allowAnyName, null) : null, note: '' },
    { name: 'head', from: values['head-from'] ? resolve(values['head-from']) : null, run: headSpec ? await resolveRunTarget(headSpec, allowAnyName, null) : null, note: values.head || values['head-from'] ? '' : `no --head: ${local?.found}` },
  ];
  const out = resolve(values.out ?? join(defaultReportRoot(), `diff-${newRunId(new Date())}`));
  const extraEnv = { ISC_SEED: values.seed ?? '1' };

  for (const p of plans) console.log(`${p.name}: ${p.from ? `report folder ${p.from}` : describeTarget((p.run as ResolvedRun).target)}${p.note ? `; ${p.note}` : ''}`);
  const sides: SideInput[] = [];
  const dirs: string[] = [];
  for (const p of plans) {
    if (p.from) {
      const side = await loadSide(p.from);
      if (!side.documents) Object.assign(side, await documentsOfSpec(side.results.cli.spec, allowAnyName));
      sides.push(side);
      dirs.push(p.from);
      continue;
    }
    const run = p.run as ResolvedRun;
    const reportDir = join(out, p.name);
    const suite = await runSuite({ cli: run.target.spec, target: run, cliNote: p.note || undefined, grep: values.grep, workers, reportDir, extraEnv, allowAnyName });
    const changelog = packageChangelog(run.target.packageDir);
    // Kept beside the run, so the folder can be diffed again later (--base-from) without the build.
    saveDocuments(reportDir, run.target.documents, changelog);
    sides.push({ results: suite.results, documents: Object.keys(run.target.documents).length > 0 ? run.target.documents : null, changelog });
    dirs.push(reportDir);
  }
  const [base, head] = sides;
  // The documents' schema diff needs both packages' documents (a report folder from `run` has none).
  const documents = base.documents && head.documents ? documentsSchemaDiff(base.documents, head.documents) : undefined;
  const report = diffRuns(base, head, transcriptLoaderFor(dirs[0], dirs[1]), { documents });
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'regression.md'), renderRegressionMarkdown(report));
  await writeFile(join(out, 'regression.html'), renderRegressionHtml(report));
  await writeFile(join(out, 'regression.json'), renderRegressionJson(report));
  console.log(`regression report: ${join(out, 'regression.md')} (and regression.html, regression.json)`);
  const c = report.totals.by_class;
  console.log(
    `${report.totals.changes} changes: ${c.regression} regressions, ${c.undocumented} undocumented, ${c['documented-removal']} documented removals, ${c.documented} documented, ${c['harness-gap']} harness gaps (--fail-on ${failOn})`,
  );
  return diffExitCode(report, failOn);
}

/**
 * A report folder without documents/ (one `run` wrote): the documents of the build it names, when
 * that build is at hand without the registry (the reference, a mutant, a path that still exists).
 */
async function documentsOfSpec(spec: string, allowAnyName: boolean): Promise<Pick<SideInput, 'documents' | 'changelog'>> {
  if (!/^reference(:|$)/.test(spec) && !existsSync(spec)) return { documents: null, changelog: null };
  try {
    const { target } = await resolveRunTarget(spec, allowAnyName, null);
    return { documents: Object.keys(target.documents).length > 0 ? target.documents : null, changelog: packageChangelog(target.packageDir) };
  } catch {
    return { documents: null, changelog: null };
  }
}

function parseFailOn(value: string | undefined): FailOn {
  if (value === 'regressed' || value === 'changed' || value === 'never') return value;
  throw new UsageError(`--fail-on must be regressed, changed or never, got "${value}"`);
}
