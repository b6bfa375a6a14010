/** `diff`: run the suite against two builds with the same fake and seed, then write a regression report. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { newRunId } from '../report/run-id.js';
import { diffRuns, renderRegressionMarkdown, renderRegressionHtml, transcriptLoaderFor, type RegressionReport } from '../report/diff.js';
import { documentsSchemaDiff } from '../checks/contract-diff.js';
import { parseFlags, parsePositiveInt, UsageError } from './args.js';
import { defaultReportRoot } from './paths.js';
import { resolveRunTarget, runSuite } from './run-command.js';
import { localImageSkillPackage } from './default-target.js';
import { describeTarget } from '../target/resolve.js';

export async function diffCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('diff', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    grep: { type: 'string' },
    workers: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'fail-on': { type: 'string', default: 'regressed' },
    'allow-any-name': { type: 'boolean', default: false },
  });
  const failOn = parseFailOn(values['fail-on']);
  // --head defaults to the image-skill package in this folder (the build being worked on); the
  // old build has no sensible default, and neither side ever defaults to the reference.
  const local = values.head ? null : localImageSkillPackage();
  if (!values.base) {
    throw new UsageError(`diff needs --base <target> (the old build)${values.head ? '' : local?.dir ? `; --head defaults to the image-skill package in ${local.dir}` : ' and --head <target>'}`);
  }
  const headSpec = values.head ?? local?.dir;
  if (!headSpec) throw new UsageError(`diff needs --head <target> (the new build): no --head given and ${local?.found ?? 'no package here'}, so there is nothing to default to`);
  const workers = parsePositiveInt('--workers', values.workers);
  const allowAnyName = values['allow-any-name'] === true;
  // Resolve both before running anything, so a bad target fails fast.
  const [baseRun, headRun] = [await resolveRunTarget(values.base, allowAnyName, null), await resolveRunTarget(headSpec, allowAnyName, null)];
  const headNote = values.head ? '' : `; no --head: ${local?.found}`;
  const out = resolve(values.out ?? join(defaultReportRoot(), `diff-${newRunId(new Date())}`));
  const extraEnv = { ISC_SEED: values.seed ?? '1' };

  console.log(`base: ${describeTarget(baseRun.target)}\nhead: ${describeTarget(headRun.target)}${headNote}`);
  const base = await runSuite({ cli: baseRun.target.spec, target: baseRun, grep: values.grep, workers, reportDir: join(out, 'base'), extraEnv, allowAnyName });
  const head = await runSuite({ cli: headRun.target.spec, target: headRun, cliNote: headNote.slice(2) || undefined, grep: values.grep, workers, reportDir: join(out, 'head'), extraEnv, allowAnyName });

  const report = diffRuns(base.results, head.results, transcriptLoaderFor(join(out, 'base'), join(out, 'head')), {
    documents: documentsSchemaDiff(baseRun.target.documents, headRun.target.documents),
  });
  await writeFile(join(out, 'regression.md'), renderRegressionMarkdown(report));
  await writeFile(join(out, 'regression.html'), renderRegressionHtml(report));
  console.log(`regression report: ${join(out, 'regression.md')} and regression.html`);
  const t = report.totals;
  console.log(`${t.regressed} regressed, ${t.fixed} fixed, ${t.status_changed} status changed, ${t.behaviour_changed} behaviour changed (--fail-on ${failOn})`);
  return diffExitCode(report, failOn);
}

export type FailOn = 'regressed' | 'changed' | 'never';

function parseFailOn(value: string | undefined): FailOn {
  if (value === 'regressed' || value === 'changed' || value === 'never') return value;
  throw new UsageError(`--fail-on must be regressed, changed or never, got "${value}"`);
}

/** regressed: some scenario went passed → failed; changed: any scenario or schema difference; never: always 0. */
export function diffExitCode(report: RegressionReport, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const t = report.totals;
  if (failOn === 'regressed') return t.regressed > 0 ? 1 : 0;
  return report.scenarios.some((s) => s.changed) || (report.documents?.changes.length ?? 0) > 0 ? 1 : 0;
}
