/** `diff`: run the suite against two builds with the same fake and seed, then write a regression report. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveTarget } from '../target/resolve.js';
import { newRunId } from '../report/run-id.js';
import { diffRuns, renderRegressionMarkdown, renderRegressionHtml, transcriptLoaderFor, type RegressionReport } from '../report/diff.js';
import { documentsSchemaDiff } from '../checks/contract-diff.js';
import { parseFlags, parsePositiveInt, UsageError } from './args.js';
import { defaultReportRoot } from './paths.js';
import { runSuite } from './run-command.js';

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
  if (!values.base || !values.head) throw new UsageError('diff needs both --base <target> and --head <target>');
  const workers = parsePositiveInt('--workers', values.workers);
  // Resolve both before running anything, so a bad target fails fast.
  const [baseTarget, headTarget] = [await resolveTarget(values.base), await resolveTarget(values.head)];
  const out = resolve(values.out ?? join(defaultReportRoot(), `diff-${newRunId(new Date())}`));
  const extraEnv = { ISC_SEED: values.seed ?? '1' };
  const allowAnyName = values['allow-any-name'] === true;

  console.log(`base: ${values.base}\nhead: ${values.head}`);
  const base = await runSuite({ cli: values.base, grep: values.grep, workers, reportDir: join(out, 'base'), extraEnv, allowAnyName });
  const head = await runSuite({ cli: values.head, grep: values.grep, workers, reportDir: join(out, 'head'), extraEnv, allowAnyName });

  const report = diffRuns(base.results, head.results, transcriptLoaderFor(join(out, 'base'), join(out, 'head')), {
    documents: documentsSchemaDiff(baseTarget.documents, headTarget.documents),
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
