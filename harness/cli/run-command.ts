/** `run`: one conformance run of the scenario suite against a CLI target. */
import { tallyLine, tallyOf } from '../report/tally.js';
import { statSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resolveTarget, describeTarget } from '../target/resolve.js';
import { newRunId } from '../report/run-id.js';
import { loadResults } from '../report/results.js';
import type { RunResults } from '../report/results.js';
import type { ResolvedTarget } from '../target/types.js';
import { contractSource, parseContractFlag, type ContractFlag } from './contract-flag.js';
import { defaultCliTarget } from './default-target.js';
import { prepareExpectations, settleExpectations, type ExpectFlags } from './expect-flags.js';
import { parseFlags, parsePositiveInt, parseShard, UsageError } from './args.js';
import { runPlaywright, stopSignal, watchStopSignals } from './playwright.js';
import { withRunTmpDir } from './run-tmp.js';
import { ensureInterruptedResults } from '../report/interrupted-results.js';
import { defaultWorkers, RUN_ENV } from '../run-config.js';
import { describeRpcUrl, ForkPreflightError } from '../chain/fork-preflight.js';
import { networkModeForFork, prepareForkRun, type ForkRun } from '../chain/fork-run-options.js';
import { chainLabel } from '../report/chain-label.js';
import { chooseNetworkMode, enterNetworkMode, type NetworkChoice } from './network-flag.js';
import { insideNamespace } from '../runner/netns.js';
import { runNeedsRegistry } from '../target/registry-need.js';
import { preflightProblem } from './preflight.js';
import { defaultReportRoot } from './paths.js';
import { assertImageSkillPackage } from '../target/name-check.js';
import { readResolvedRuns, RESOLVED_RUNS_ENV, TARGET_FILE_ENV, writeResolvedRuns, writeTargetFile, type HandedRun } from '../target/handoff.js';
import { resolveNodeRuntime, withNodeRuntime } from '../target/node-runtime.js';
import { CACHE_DIR_ENV, defaultCacheDir } from '../target/cache.js';
import { buildName, workersPerBuild, type BuildsPlan } from './builds-plan.js';

export interface SuiteRun {
  reportDir: string;
  results: RunResults;
  playwrightExit: number;
}

export interface SuiteOptions {
  cli: string;
  /** Why this target when none was named (harness/cli/default-target.ts), for the line that names it. */
  cliNote?: string;
  /** --contract, validated (harness/cli/contract-flag.ts). */
  contract?: ContractFlag | null;
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
  /** Lines printed right after the one that names the build (the network mode, a fork). */
  notes?: string[];
}

export interface ResolvedRun {
  target: ResolvedTarget;
  /** Set when --node chose the Node that runs the CLI. */
  nodeNote: string;
}

/**
 * Resolve the target once, relative to the working directory: name check, then --node. A path
 * (a package folder, a tarball) is named by its absolute path from then on (the spec the
 * workers, results.json and summary.md see), so reports say which build was tested.
 */
export async function resolveRunTarget(cli: string, allowAnyName: boolean, nodeFlag: string | null | undefined): Promise<ResolvedRun> {
  const found = await resolveTarget(cli);
  assertImageSkillPackage(found, allowAnyName);
  const resolved = found.kind === 'directory' || found.kind === 'tarball' ? { ...found, spec: resolve(cli) } : found;
  if (!nodeFlag) return { target: resolved, nodeNote: '' };
  const node = await resolveNodeRuntime(nodeFlag, defaultCacheDir());
  return { target: withNodeRuntime(resolved, node), nodeNote: `; under Node ${node.version} (${node.path})` };
}

/** Resolve the target (fails fast on a bad one), run the scenarios, load results.json. */
export async function runSuite(opts: SuiteOptions): Promise<SuiteRun> {
  const started = new Date();
  watchStopSignals();
  // Resolved once, here, relative to the user's working directory; workers get the result.
  const { target, nodeNote } = opts.target ?? (await resolveRunTarget(opts.cli, opts.allowAnyName === true, opts.node));
  const contract = contractSource(opts.contract ?? null, target);
  // The first line names the build tested: name, version and path (or reference).
  if (!opts.quiet) console.log(`CLI under test: ${describeTarget(target)}${nodeNote}${opts.cliNote ? `; ${opts.cliNote}` : ''}; contract: ${contract}`);
  if (!opts.quiet) for (const note of opts.notes ?? []) console.log(note);
  await mkdir(opts.reportDir, { recursive: true });
  // The workers get the resolved target's spec (absolute for a path) with the target file.
  const env: Record<string, string> = { [RUN_ENV.cli]: target.spec, [RUN_ENV.reportDir]: opts.reportDir, [RUN_ENV.contractSource]: contract, ...opts.contract?.env, ...opts.extraEnv };
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
  if (signal) await ensureInterruptedResults(opts.reportDir, target.spec, started, signal, process.env[RUN_ENV.networkMode] ?? null);
  const results = await loadResults(join(opts.reportDir, 'results.json'));
  return { reportDir: opts.reportDir, results, playwrightExit };
}

/**
 * Enter the namespace (namespace mode, not inside one yet); for a run that needs the registry
 * (an npm: target, --node <version>) resolve its targets here first, where the registry can be
 * reached, and hand them in (harness/target/handoff.ts). The inner run's exit code, else null.
 */
async function enterNamespaceWithTargets(network: NetworkChoice, argv: string[], clis: string[], allowAnyName: boolean, nodeFlag: string | undefined): Promise<number | null> {
  if (network.mode !== 'namespace' || insideNamespace() || !runNeedsRegistry(clis, nodeFlag)) return enterNetworkMode(network, 'run', argv);
  const runs: HandedRun[] = [];
  for (const cli of clis) runs.push({ cli, node: nodeFlag ?? null, ...(await resolveRunTarget(cli, allowAnyName, nodeFlag)) });
  const dir = await mkdtemp(join(tmpdir(), 'isc-resolved-'));
  try {
    const file = join(dir, 'resolved-runs.json');
    await writeResolvedRuns(file, runs);
    return await enterNetworkMode(network, 'run', argv, { [RESOLVED_RUNS_ENV]: file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What the outer process handed in (see enterNamespaceWithTargets); read once, not passed further down. */
async function takeHandedRuns(): Promise<HandedRun[]> {
  const file = process.env[RESOLVED_RUNS_ENV];
  delete process.env[RESOLVED_RUNS_ENV];
  return file ? readResolvedRuns(file) : [];
}

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags('run', argv, {
    // Several --cli: one Playwright run, one project and one report per build (see runSeveral).
    cli: { type: 'string', multiple: true },
    contract: { type: 'string' },
    grep: { type: 'string' },
    shard: { type: 'string' },
    workers: { type: 'string' },
    'allow-not-run': { type: 'boolean', default: false },
    'report-dir': { type: 'string' },
    expect: { type: 'string', multiple: true },
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
  const workers = parsePositiveInt('--workers', values.workers);
  // A --contract that is neither a known version nor a folder of documents fails here (exit 2).
  const contract = await parseContractFlag(values.contract);
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
  }
  const network = chooseNetworkMode(networkFlag);
  // Printed after the line that names the build, which comes first.
  const notes = [...(fork ? [`fork: ${describeRpcUrl(fork.env.BASE_RPC_URL)}, chain id ${fork.facts.chainId}, block ${fork.facts.blockNumber} (${fork.pinned ? 'pinned' : 'upstream head, now pinned for every worker'})`] : []), network.note];
  // No --cli: the image-skill package in this folder, else the bundled reference (default-target.ts).
  const fallback = values.cli ? null : defaultCliTarget();
  const clis = values.cli ?? [fallback?.spec ?? 'reference'];
  const allowAnyName = values['allow-any-name'] === true;
  const namespaceExit = await enterNamespaceWithTargets(network, argv, clis, allowAnyName, values.node);
  if (namespaceExit !== null) return namespaceExit;
  const expects = values.expect ?? [];
  if (expects.length > 0 && expects.length !== clis.length) {
    throw new UsageError(`--expect: give one baseline per --cli, in the same order (${clis.length} --cli, ${expects.length} --expect)`);
  }
  if (clis.length > 1 && shard) throw new UsageError('--shard splits one build\'s run; give a single --cli with it');
  const strict = values['strict-expectations'] === true;
  const update = values['update-expectations'] === true;
  const partial = Boolean(shard || values.grep);
  const expectFlags: ExpectFlags[] = clis.map((_, i) => ({ file: expects[i], strict, update, partial }));
  const expectEnvs: Array<Record<string, string>> = [];
  for (const flags of expectFlags) expectEnvs.push(await prepareExpectations(flags));
  const runId = newRunId(new Date());
  const reportDir = resolve(values['report-dir'] ?? join(defaultReportRoot(), runId));
  const handed = await takeHandedRuns();
  const targets: ResolvedRun[] = [];
  for (const cli of clis) targets.push(handed.find((h) => h.cli === cli && h.node === (values.node ?? null)) ?? (await resolveRunTarget(cli, allowAnyName, values.node)));
  const early = await preflightProblem({ reportDir, anvilOptional: values['allow-not-run'] === true });
  if (early) {
    console.error(early);
    return 2;
  }
  if (clis.length > 1) {
    return runSeveral({ targets, expectFlags, contract, grep: values.grep, workers, reportDir, extraEnv: fork?.env ?? {}, networkMode: network.mode, allowNotRun: values['allow-not-run'] === true, notes });
  }
  const cli = clis[0];
  const run = await runSuite({ cli, cliNote: fallback?.why, contract, grep: values.grep, shard, workers, reportDir, extraEnv: { ...expectEnvs[0], ...fork?.env }, target: targets[0], notes });
  const s = run.results.summary;
  const signal = stopSignal();
  if (signal) {
    console.error(`\nrun interrupted by ${signal}: partial report in ${reportDir}`);
    return 130;
  }
  console.log(`\nStripe backend: ${run.results.stripe_backend ?? 'not used'}; chain: ${chainLabel(run.results.chain_mode, run.results.chain_fork, 'not used')}; network: ${network.mode}; contract: ${run.results.contract_version ?? 'unknown'}`);
  console.log(`${tallyLine(tallyOf(run.results))} (report: ${reportDir})`);
  if (s.total === 0 && shard) {
    console.log(`note: shard ${shard} has no scenarios; passing (like --pass-with-no-tests)`);
    return 0;
  }
  if (s.total === 0) {
    console.error('no scenario ran: check --grep / --shard');
    return 1;
  }
  const judged = await settleExpectations(expectFlags[0], run.results);
  if (judged !== null && judged !== 0) return judged;
  if (judged === null && s.failed > 0) return 1;
  if (s.not_run > 0 && !values['allow-not-run']) {
    console.error(`${s.not_run} scenario(s) could not run; pass --allow-not-run to accept that`);
    return 1;
  }
  return run.playwrightExit === 0 || s.failed === 0 || judged === 0 ? 0 : 1;
}

interface SeveralOptions {
  targets: ResolvedRun[];
  expectFlags: ExpectFlags[];
  contract: ContractFlag | null;
  grep: string | undefined;
  workers: number | null;
  reportDir: string;
  extraEnv: Record<string, string>;
  networkMode: string;
  allowNotRun: boolean;
  /** Printed after the lines that name the builds. */
  notes: string[];
}

/** Several builds in one Playwright run (harness/cli/builds-plan.ts); each gets its report and verdict. */
async function runSeveral(o: SeveralOptions): Promise<number> {
  const started = new Date();
  watchStopSignals();
  await mkdir(o.reportDir, { recursive: true });
  const taken = new Set<string>();
  const builds = o.targets.map((t, i) => {
    const project = buildName(t.target, taken);
    taken.add(project);
    const contract = contractSource(o.contract, t.target);
    console.log(`CLI under test (${project}): ${describeTarget(t.target)}${t.nodeNote}; contract: ${contract}`);
    const flags = o.expectFlags[i];
    const expect = flags.file ? { file: resolve(flags.file), strict: flags.strict, partial: flags.partial } : null;
    return { project, cliSpec: t.target.spec, target: t.target, reportDir: join(o.reportDir, project), contractSource: contract, expect, flags };
  });
  for (const note of o.notes) console.log(note);
  const playwrightExit = await withRunTmpDir(async (tmpEnv) => {
    const plan: BuildsPlan = { builds: [], workersPerBuild: workersPerBuild(o.workers ?? defaultWorkers(), builds.length) };
    for (const b of builds) {
      const targetFile = join(tmpEnv.TMPDIR, `resolved-target-${b.project}.json`);
      await writeTargetFile(targetFile, b.target);
      plan.builds.push({ project: b.project, cliSpec: b.cliSpec, targetFile, reportDir: b.reportDir, contractSource: b.contractSource, expect: b.expect });
    }
    const planFile = join(tmpEnv.TMPDIR, 'builds-plan.json');
    await writeFile(planFile, `${JSON.stringify(plan, null, 2)}\n`);
    const env: Record<string, string> = { [RUN_ENV.reportDir]: o.reportDir, [RUN_ENV.buildsPlan]: planFile, ...o.contract?.env, ...o.extraEnv };
    return runPlaywright({ projects: builds.map((b) => b.project), grep: o.grep, workers: o.workers, env: { ...env, ...tmpEnv } });
  });
  const signal = stopSignal();
  let exit = 0;
  console.log('');
  for (const b of builds) {
    if (signal) await ensureInterruptedResults(b.reportDir, b.cliSpec, started, signal, o.networkMode);
    const results = await loadResults(join(b.reportDir, 'results.json'));
    const s = results.summary;
    console.log(`${b.project}: ${tallyLine(tallyOf(results))} (report: ${b.reportDir})`);
    if (s.total === 0) {
      console.error(`${b.project}: no scenario ran: check --grep`);
      exit = Math.max(exit, 1);
      continue;
    }
    const judged = signal ? null : await settleExpectations(b.flags, results);
    if (judged !== null) exit = Math.max(exit, judged);
    else if (s.failed > 0) exit = Math.max(exit, 1);
    if (s.not_run > 0 && !o.allowNotRun) {
      console.error(`${b.project}: ${s.not_run} scenario(s) could not run; pass --allow-not-run to accept that`);
      exit = Math.max(exit, 1);
    }
  }
  if (signal) {
    console.error(`\nrun interrupted by ${signal}: partial reports in ${o.reportDir}`);
    return 130;
  }
  console.log(`network: ${o.networkMode}; ${builds.length} builds in one run (Playwright exit ${playwrightExit})`);
  return exit;
}
