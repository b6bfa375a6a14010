/**
 * `matrix`: the compatibility page across releases. Over existing report folders (`--from`,
 * repeatable), or after running the builds (`--cli`, repeatable: one `run` with several --cli,
 * reports under <out>/runs), or both; writes <out>/matrix.json and <out>/matrix.html.
 */
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseFlags, UsageError } from '../../cli/args.js';
import { defaultReportRoot } from '../../cli/paths.js';
import { newRunId } from '../run-id.js';
import { loadReports, MatrixInputError } from './load.js';
import { writeMatrix } from './write.js';

export const MATRIX_RUNS = 'runs';

export async function matrixCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('matrix', argv, {
    from: { type: 'string', multiple: true },
    cli: { type: 'string', multiple: true },
    out: { type: 'string' },
    grep: { type: 'string' },
    workers: { type: 'string' },
    node: { type: 'string' },
    network: { type: 'string' },
    'allow-any-name': { type: 'boolean', default: false },
    'copy-transcripts': { type: 'boolean', default: false },
  });
  const from = values.from ?? [];
  const clis = values.cli ?? [];
  if (from.length === 0 && clis.length === 0) throw new UsageError('matrix needs report folders (--from <dir>, repeatable) or builds to run (--cli <target>, repeatable)');
  const runFlags = ['grep', 'workers', 'node', 'network', 'allow-any-name'] as const;
  if (clis.length === 0) {
    const given = runFlags.filter((f) => values[f] !== undefined && values[f] !== false);
    if (given.length > 0) throw new UsageError(`--${given[0]} is a flag of the run; give it with --cli`);
  }
  const out = resolve(values.out ?? join(defaultReportRoot(), `matrix-${newRunId(new Date())}`));
  const dirs = [...from];

  if (clis.length > 0) {
    const runDir = join(out, MATRIX_RUNS);
    const runArgv = [...clis.flatMap((c) => ['--cli', c]), '--report-dir', runDir];
    if (values.grep !== undefined) runArgv.push('--grep', values.grep);
    if (values.workers !== undefined) runArgv.push('--workers', values.workers);
    if (values.node !== undefined) runArgv.push('--node', values.node);
    if (values.network !== undefined) runArgv.push('--network', values.network);
    if (values['allow-any-name']) runArgv.push('--allow-any-name');
    // Failing builds are what the page is for: their exit 1 still gives reports. A bad target or a
    // run that could not start (2) and an interrupt (130) leave nothing to show.
    const { runCommand } = await import('../../cli/run-command.js');
    const code = await runCommand(runArgv);
    if (code === 2 || code === 130) {
      console.error(`matrix: the run exited ${code}; no page written`);
      return code;
    }
    dirs.push(runDir);
  }

  const started = performance.now();
  let reports;
  try {
    reports = await loadReports(dirs);
  } catch (err) {
    if (!(err instanceof MatrixInputError)) throw err;
    console.error(`matrix: unusable input:\n${err.problems.map((p) => `  ${p}`).join('\n')}`);
    return 2;
  }
  const written = await writeMatrix(out, reports, { copyTranscripts: values['copy-transcripts'] === true });
  for (const w of written.warnings) console.warn(`matrix: warning: ${w}`);
  const ms = Math.round(performance.now() - started);
  const n = written.matrix.releases.length;
  console.log(`matrix: ${n} ${n === 1 ? 'release' : 'releases'} × ${written.matrix.groups.reduce((k, g) => k + g.rules.length, 0)} rules in ${ms} ms`);
  for (const r of written.matrix.releases) console.log(`  ${r.id}: ${r.passes} hold, ${r.counts.fails} fail, ${r.counts['not-reached']} not reached, ${r.counts['not-stated']} not stated`);
  console.log(`matrix: ${written.html} and ${written.json}`);
  return 0;
}
