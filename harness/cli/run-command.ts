/** `run`: one conformance run of the scenario suite against a CLI target. */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveTarget, describeTarget } from '../target/resolve.js';
import { newRunId } from '../report/run-id.js';
import { loadResults } from '../report/results.js';
import type { RunResults } from '../report/results.js';
import { parseFlags, parsePositiveInt, parseShard } from './args.js';
import { runPlaywright } from './playwright.js';
import { chooseNetworkMode, enterNetworkMode } from './network-flag.js';
import { preflightProblem } from './preflight.js';
import { repoRoot } from './paths.js';

export interface SuiteRun {
  reportDir: string;
  results: RunResults;
  playwrightExit: number;
}

export interface SuiteOptions {
  cli: string;
  contract?: string | null;
  grep?: string | null;
  shard?: string | null;
  workers?: number | null;
  reportDir: string;
  quiet?: boolean;
  extraEnv?: Record<string, string>;
}

/** Resolve the target (fails fast on a bad one), run the scenarios, load results.json. */
export async function runSuite(opts: SuiteOptions): Promise<SuiteRun> {
  const target = await resolveTarget(opts.cli);
  if (!opts.quiet) console.log(`CLI under test: ${describeTarget(target)}`);
  await mkdir(opts.reportDir, { recursive: true });
  const env: Record<string, string> = { ISC_CLI: opts.cli, ISC_REPORT_DIR: opts.reportDir, ...opts.extraEnv };
  if (opts.contract) env.ISC_CONTRACT = opts.contract;
  // Shards write blob reports so CI can merge them (see README).
  if (opts.shard) env.ISC_BLOB = '1';
  const playwrightExit = await runPlaywright({
    projects: ['scenarios'],
    grep: opts.grep,
    shard: opts.shard,
    workers: opts.workers,
    env,
    quiet: opts.quiet,
  });
  const results = await loadResults(join(opts.reportDir, 'results.json'));
  return { reportDir: opts.reportDir, results, playwrightExit };
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('run', argv, {
    cli: { type: 'string', default: 'reference' },
    contract: { type: 'string' },
    grep: { type: 'string' },
    shard: { type: 'string' },
    workers: { type: 'string' },
    'allow-not-run': { type: 'boolean', default: false },
    'report-dir': { type: 'string' },
    network: { type: 'string' },
  });
  const shard = parseShard(values.shard);
  const network = chooseNetworkMode(values.network);
  const namespaceExit = await enterNetworkMode(network, 'run', argv);
  if (namespaceExit !== null) return namespaceExit;
  console.log(network.note);
  const workers = parsePositiveInt('--workers', values.workers);
  const runId = newRunId(new Date());
  const reportDir = resolve(values['report-dir'] ?? join(repoRoot(), 'reports', runId));
  const early = await preflightProblem({ reportDir, anvilOptional: values['allow-not-run'] === true });
  if (early) {
    console.error(early);
    return 2;
  }
  const run = await runSuite({ cli: values.cli ?? 'reference', contract: values.contract, grep: values.grep, shard, workers, reportDir });
  const s = run.results.summary;
  console.log(`\nStripe backend: ${run.results.stripe_backend ?? 'not used'}; chain: ${run.results.chain_mode ?? 'not used'}; network: ${network.mode}; contract: ${run.results.contract_version ?? 'unknown'}`);
  console.log(`${s.passed} passed, ${s.failed} failed, ${s.not_run} not run (report: ${reportDir})`);
  if (s.total === 0) {
    console.error('no scenario ran: check --grep / --shard');
    return 1;
  }
  if (s.failed > 0) return 1;
  if (s.not_run > 0 && !values['allow-not-run']) {
    console.error(`${s.not_run} scenario(s) could not run; pass --allow-not-run to accept that`);
    return 1;
  }
  return run.playwrightExit === 0 || s.failed === 0 ? 0 : 1;
}
