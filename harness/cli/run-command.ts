/** `run`: one conformance run of the scenario suite against a CLI target. */
import { statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { resolveTarget, describeTarget } from '../target/resolve.js';
import { newRunId } from '../report/run-id.js';
import { loadResults } from '../report/results.js';
import type { RunResults } from '../report/results.js';
import type { ResolvedTarget } from '../target/types.js';
import { pickContractVersion } from '../checks/schema-registry.js';
import { handWrittenVersions } from '../checks/schema-files.js';
import { prepareExpectations, settleExpectations, type ExpectFlags } from './expect-flags.js';
import { parseFlags, parsePositiveInt, parseShard, UsageError } from './args.js';
import { runPlaywright, stopSignal, watchStopSignals } from './playwright.js';
import { withRunTmpDir } from './run-tmp.js';
import { ensureInterruptedResults } from '../report/interrupted-results.js';
import { RUN_ENV } from '../run-config.js';
import { describeRpcUrl, ForkPreflightError } from '../chain/fork-preflight.js';
import { networkModeForFork, prepareForkRun, type ForkRun } from '../chain/fork-run-options.js';
import { chainLabel } from '../report/chain-label.js';
import { chooseNetworkMode, enterNetworkMode } from './network-flag.js';
import { preflightProblem } from './preflight.js';
import { defaultReportRoot } from './paths.js';
import { assertImageSkillPackage } from '../target/name-check.js';
import { TARGET_FILE_ENV, writeTargetFile } from '../target/handoff.js';
import { resolveNodeRuntime, withNodeRuntime } from '../target/node-runtime.js';
import { CACHE_DIR_ENV, defaultCacheDir } from '../target/cache.js';

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
  /** Accept a package not named image-skill (--allow-any-name). */
  allowAnyName?: boolean;
  /** Run a Node CLI under this Node (--node <path | version>). */
  node?: string | null;
  /** Already resolved by the caller (run resolves before its preflight); else resolved here. */
  target?: ResolvedRun;
}

export interface ResolvedRun {
  target: ResolvedTarget;
  /** Set when --node chose the Node that runs the CLI. */
  nodeNote: string;
}

/** Resolve the target once, relative to the working directory: name check, then --node. */
export async function resolveRunTarget(cli: string, allowAnyName: boolean, nodeFlag: string | null | undefined): Promise<ResolvedRun> {
  const resolved = await resolveTarget(cli);
  assertImageSkillPackage(resolved, allowAnyName);
  if (!nodeFlag) return { target: resolved, nodeNote: '' };
  const node = await resolveNodeRuntime(nodeFlag, defaultCacheDir());
  return { target: withNodeRuntime(resolved, node), nodeNote: `; under Node ${node.version} (${node.path})` };
}

/**
 * How the contract version is chosen, for the summary. An unknown --contract is a usage
 * error unless the package's own documents describe a contract we do not know (the one
 * then derived from its cli.md).
 */
export function contractSource(flag: string | null | undefined, target: ResolvedTarget): string {
  const known = handWrittenVersions();
  const fromDocs = pickContractVersion({ documents: target.documents });
  const docsNote = fromDocs.source === 'newest' ? 'the package ships no contract documents' : `the package's documents give ${fromDocs.version}`;
  if (flag?.trim()) {
    const picked = pickContractVersion({ contractFlag: flag, documents: target.documents });
    if (known.includes(picked.version)) return `--contract ${picked.version}`;
    const derivable = fromDocs.source === 'package-documents' && !known.includes(fromDocs.version);
    if (!derivable) throw new UsageError(`--contract ${flag}: unknown contract version (known: ${known.join(', ')}), and ${docsNote}, so none can be derived`);
    return `--contract ${picked.version}: no known schema set; derived from the package's cli.md`;
  }
  if (fromDocs.source === 'newest') return `newest known; ${docsNote}`;
  return known.includes(fromDocs.version) ? 'named by the package documents' : 'derived from the package\'s cli.md';
}

/** Resolve the target (fails fast on a bad one), run the scenarios, load results.json. */
export async function runSuite(opts: SuiteOptions): Promise<SuiteRun> {
  const started = new Date();
  watchStopSignals();
  // Resolved once, here, relative to the user's working directory; workers get the result.
  const { target, nodeNote } = opts.target ?? (await resolveRunTarget(opts.cli, opts.allowAnyName === true, opts.node));
  const contract = contractSource(opts.contract, target);
  if (!opts.quiet) console.log(`CLI under test: ${describeTarget(target)}${nodeNote}; contract: ${contract}`);
  await mkdir(opts.reportDir, { recursive: true });
  const env: Record<string, string> = { [RUN_ENV.cli]: opts.cli, [RUN_ENV.reportDir]: opts.reportDir, [RUN_ENV.contractSource]: contract, ...opts.extraEnv };
  if (opts.contract) env[RUN_ENV.contract] = opts.contract;
  // Shards write blob reports so CI can merge them (see README).
  if (opts.shard) env[RUN_ENV.blob] = '1';
  const playwrightExit = await withRunTmpDir(async (tmpEnv) => {
    const targetFile = join(tmpEnv.TMPDIR, 'resolved-target.json');
    await writeTargetFile(targetFile, target);
    return runPlaywright({
      projects: ['scenarios'],
      grep: opts.grep,
      shard: opts.shard,
      workers: opts.workers,
      env: { ...env, ...tmpEnv, [TARGET_FILE_ENV]: targetFile },
      quiet: opts.quiet,
      // An empty shard is not an error (Playwright's --pass-with-no-tests).
      extraArgs: opts.shard ? ['--pass-with-no-tests'] : [],
    });
  });
  const signal = stopSignal();
  if (signal) await ensureInterruptedResults(opts.reportDir, opts.cli, started, signal, process.env[RUN_ENV.networkMode] ?? null);
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
    expect: { type: 'string' },
    'strict-expectations': { type: 'boolean', default: false },
    'update-expectations': { type: 'boolean', default: false },
    network: { type: 'string' },
    'fork-url': { type: 'string' },
    'fork-block-number': { type: 'string' },
    'allow-any-name': { type: 'boolean', default: false },
    node: { type: 'string' },
    'cache-dir': { type: 'string' },
    'tmp-dir': { type: 'string' },
  });
  if (values['cache-dir'] !== undefined) process.env[CACHE_DIR_ENV] = resolve(values['cache-dir']);
  // The run's temp folder (sandboxes, browser and chain temp files) is made under TMPDIR.
  if (values['tmp-dir'] !== undefined) {
    const tmp = resolve(values['tmp-dir']);
    if (!statSync(tmp, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--tmp-dir ${values['tmp-dir']}: ${tmp} is not an existing directory`);
    process.env.TMPDIR = tmp;
  }
  const shard = parseShard(values.shard);
  let fork: ForkRun | null;
  try {
    fork = await prepareForkRun({ url: values['fork-url'], blockNumber: values['fork-block-number'] });
  } catch (err) {
    if (!(err instanceof ForkPreflightError)) throw err;
    console.error(`run: ${err.message}`);
    return 2;
  }
  let networkFlag = values.network;
  if (fork) {
    try {
      networkFlag = networkModeForFork(values.network);
    } catch (err) {
      console.error(`run: ${(err as Error).message}`);
      return 2;
    }
    console.log(`fork: ${describeRpcUrl(fork.env.BASE_RPC_URL)}, chain id ${fork.facts.chainId}, block ${fork.facts.blockNumber} (${fork.pinned ? 'pinned' : 'upstream head, now pinned for every worker'})`);
  }
  const network = chooseNetworkMode(networkFlag);
  const namespaceExit = await enterNetworkMode(network, 'run', argv);
  if (namespaceExit !== null) return namespaceExit;
  console.log(network.note);
  const expectFlags: ExpectFlags = { file: values.expect, strict: values['strict-expectations'] === true, update: values['update-expectations'] === true, partial: Boolean(shard || values.grep) };
  const expectEnv = await prepareExpectations(expectFlags);
  const workers = parsePositiveInt('--workers', values.workers);
  const runId = newRunId(new Date());
  const reportDir = resolve(values['report-dir'] ?? join(defaultReportRoot(), runId));
  const target = await resolveRunTarget(values.cli ?? 'reference', values['allow-any-name'] === true, values.node);
  const early = await preflightProblem({ reportDir, anvilOptional: values['allow-not-run'] === true });
  if (early) {
    console.error(early);
    return 2;
  }
  const run = await runSuite({ cli: values.cli ?? 'reference', contract: values.contract, grep: values.grep, shard, workers, reportDir, extraEnv: { ...expectEnv, ...fork?.env }, target });
  const s = run.results.summary;
  const signal = stopSignal();
  if (signal) {
    console.error(`\nrun interrupted by ${signal}: partial report in ${reportDir}`);
    return 130;
  }
  console.log(`\nStripe backend: ${run.results.stripe_backend ?? 'not used'}; chain: ${chainLabel(run.results.chain_mode, run.results.chain_fork, 'not used')}; network: ${network.mode}; contract: ${run.results.contract_version ?? 'unknown'}`);
  console.log(`${s.passed} passed, ${s.failed} failed, ${s.not_run} not run (report: ${reportDir})`);
  if (s.total === 0 && shard) {
    console.log(`note: shard ${shard} has no scenarios; passing (like --pass-with-no-tests)`);
    return 0;
  }
  if (s.total === 0) {
    console.error('no scenario ran: check --grep / --shard');
    return 1;
  }
  const judged = await settleExpectations(expectFlags, run.results);
  if (judged !== null && judged !== 0) return judged;
  if (judged === null && s.failed > 0) return 1;
  if (s.not_run > 0 && !values['allow-not-run']) {
    console.error(`${s.not_run} scenario(s) could not run; pass --allow-not-run to accept that`);
    return 1;
  }
  return run.playwrightExit === 0 || s.failed === 0 || judged === 0 ? 0 : 1;
}
