/** `diff`: run the suite against two builds with the same fake and seed, then write a regression report. */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveTarget } from '../target/resolve.js';
import { newRunId } from '../report/run-id.js';
import { diffRuns, renderRegressionMarkdown, renderRegressionHtml, transcriptLoaderFor } from '../report/diff.js';
import { documentsSchemaDiff } from '../checks/contract-diff.js';
import { parseFlags, parsePositiveInt, UsageError } from './args.js';
import { repoRoot } from './paths.js';
import { runSuite } from './run-command.js';

export async function diffCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('diff', argv, {
    base: { type: 'string' },
    head: { type: 'string' },
    grep: { type: 'string' },
    workers: { type: 'string' },
    out: { type: 'string' },
    seed: { type: 'string', default: '1' },
  });
  if (!values.base || !values.head) throw new UsageError('diff needs both --base <target> and --head <target>');
  const workers = parsePositiveInt('--workers', values.workers);
  // Resolve both before running anything, so a bad target fails fast.
  const [baseTarget, headTarget] = [await resolveTarget(values.base), await resolveTarget(values.head)];
  const out = resolve(values.out ?? join(repoRoot(), 'reports', `diff-${newRunId(new Date())}`));
  const extraEnv = { ISC_SEED: values.seed ?? '1' };

  console.log(`base: ${values.base}\nhead: ${values.head}`);
  const base = await runSuite({ cli: values.base, grep: values.grep, workers, reportDir: join(out, 'base'), extraEnv });
  const head = await runSuite({ cli: values.head, grep: values.grep, workers, reportDir: join(out, 'head'), extraEnv });

  const report = diffRuns(base.results, head.results, transcriptLoaderFor(join(out, 'base'), join(out, 'head')), {
    documents: documentsSchemaDiff(baseTarget.documents, headTarget.documents),
  });
  await writeFile(join(out, 'regression.md'), renderRegressionMarkdown(report));
  await writeFile(join(out, 'regression.html'), renderRegressionHtml(report));
  console.log(`regression report: ${join(out, 'regression.md')} and regression.html`);
  return 0;
}
