#!/usr/bin/env node
// `npm test`: the type check beside the unit tests + the scenario suite against the reference
// CLI (and its x402 scenarios on a fork); then the suite against each real build
// (ISC_REAL_CLI_DIR, default ../shared/real-cli) judged against its committed triage, beside
// the mutation run (reusing the scenario step's mutant coverage). Ends with one summary line "tests: N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const reportDir = join(root, 'reports', `test-${stamp}`);
const steps = [];
const startedAt = Date.now();

/**
 * One step as a child process; resolves to { ok, output }. `quiet` steps run beside another one:
 * their output is kept (and returned) and printed in one piece when they end, so the two never
 * interleave. An `optional` step's failure is shown but does not fail npm test.
 */
function step(name, cmd, args, { env = {}, quiet = false, optional = false } = {}) {
  const started = Date.now();
  const banner = `\n=== ${name}: ${[cmd, ...args].join(' ')}`;
  if (!quiet) console.log(banner);
  if (stoppedBy) return Promise.resolve({ ok: false, output: '' });
  // Own process group: a terminal's Ctrl-C reaches only this script, which passes each stop
  // signal on exactly once (a second SIGINT would make Playwright stop at once, without its report).
  const child = spawn(cmd, args, { cwd: root, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env }, detached: true });
  running.add(child);
  const kept = [];
  if (quiet) for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => kept.push(chunk));
  return new Promise((done) => {
    child.on('error', (error) => kept.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code) => {
      running.delete(child);
      if (stoppedBy && running.size === 0) process.exit(130);
      const ok = code === 0;
      const seconds = Math.round((Date.now() - started) / 100) / 10;
      const output = Buffer.concat(kept).toString();
      if (quiet) process.stdout.write(`${banner}\n${output}=== ${name}: ${ok ? 'ok' : optional ? 'failed (optional)' : 'FAILED'} (${seconds}s)\n`);
      if (ok || !optional) steps.push({ name, ok, seconds });
      done({ ok, output });
    });
  });
}

// The scenario step records which mutant switches each scenario reaches (the mutation run's
// coverage), so the mutation step needs no coverage pass of its own. A temp folder any uid can
// reach (some scenarios run the CLI unprivileged), removed however this script ends.
const mutantCoverage = mkdtempSync(join(tmpdir(), 'isc-mutant-coverage-'));
chmodSync(mutantCoverage, 0o755);
const removeCoverage = () => rmSync(mutantCoverage, { recursive: true, force: true });
process.on('exit', removeCoverage);
// A stop signal goes on to the steps still running (each harness process cleans up after
// itself); this script exits when they have ended, and starts no further step. A second
// signal is passed on too (it makes them stop at once).
const running = new Set();
let stoppedBy = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stoppedBy = signal;
    if (running.size === 0) process.exit(130);
    for (const child of running) child.kill(signal);
  });
}

// Every CLI process any step starts (the unit tests' own runs too) adds a line to this log
// (harness/runner/cli-time-log.ts): the floor printed at the end is their process time ÷ cores.
const cliTimeLog = join(reportDir, 'cli-process-times.jsonl');
mkdirSync(reportDir, { recursive: true });
writeFileSync(cliTimeLog, '');
process.env.ISC_CLI_TIME_LOG = cliTimeLog;

const node = process.execPath;
// The two long steps (the first Playwright run, the real builds) run side by side, each with one
// worker per core: together they keep twice the cores' workers busy, enough for the waits of
// either (child runs, browsers, chains, slow answers) to leave no core idle.
const workers = String(availableParallelism());
// The real builds (ISC_REAL_CLI_DIR, default ../shared/real-cli) run in the last step.
const realDir = process.env.ISC_REAL_CLI_DIR ? resolve(process.env.ISC_REAL_CLI_DIR) : join(root, '..', 'shared', 'real-cli');
const builds = existsSync(realDir) ? readdirSync(realDir).filter((f) => /^image-skill-\d+\.\d+\.\d+\.tgz$/.test(f)).sort() : [];
// They run under Node 22 (ISC_REAL_BUILDS_NODE: another version, or "system" for this process's
// Node): there a CLI command costs under half the CPU it costs under Debian's Node 20, which has
// no code cache. The harness itself, the reference CLI and the mutants stay on this Node. The
// Node is installed into the target cache (once per machine) beside the first step.
const realBuildsNode = (process.env.ISC_REAL_BUILDS_NODE ?? '22').trim();
const realNodeSetup = realBuildsNode === 'system' || builds.length === 0 ? null : step(`Node ${realBuildsNode} for the real builds`, node, [join(root, 'bin/image-skill-conformance.mjs'), 'setup', '--node', realBuildsNode], { quiet: true, optional: true });
// The x402 scenarios also run on a fork of a Base stand-in upstream that the project's worker
// starts (project x402-fork), in the same Playwright run so they share its workers; they report
// on their own (<report>/x402-fork), so that results.json says chain: fork with the fork block.
const forkReportDir = join(reportDir, 'x402-fork');
// The unit tests start the front end some 130 times (runs, bad flags, preflights): those run a
// build of the sources (build/front-end, made here in about half a second), which starts in
// 0.2 s of CPU where tsx takes 0.7 s; bin/image-skill-conformance.mjs runs it only while it
// matches the sources. The unit tests themselves, and the steps after this one, use the sources.
const frontEndBuild = join(root, 'build', 'front-end');
// The real builds are the test of a false failure: each must fail exactly the rules its
// triage (docs/real-builds/known-defects-<version>.json) lists, no more (a new failure) and
// no fewer (a stale entry).
if (builds.length === 0) {
  console.warn(`\n!!! NOT RUN: no real image-skill builds in ${realDir} (set ISC_REAL_CLI_DIR or put ../shared beside this checkout).`);
  console.warn('!!! The suite was checked against the reference CLI only: false failures on real builds cannot be ruled out.');
}
// All triaged builds in one `run` (several --cli): one Playwright invocation, so the builds share
// its workers; each gets its own report folder (<package>-<version>) and verdict.
const triageOf = (build) => join(root, 'docs', 'real-builds', `known-defects-${build.replace(/^image-skill-/, '').replace(/\.tgz$/, '')}.json`);
const triaged = builds.filter((b) => existsSync(triageOf(b)));
// The real builds run beside the first step, from its start: the two are CPU-bound steps whose
// waits (child runs, browsers, chains, slow answers) and tails fill each other, where one after
// the other left a core idle at each step's end. Quiet: their output comes in one piece.
async function runRealBuilds() {
  // setup prints "node <version>: <vX.Y.Z> at <path>" (harness/cli/setup-command.ts).
  const realNode = realNodeSetup ? /^node \S+: (v\S+) at (.+)$/m.exec((await realNodeSetup).output) : null;
  if (realNodeSetup && !realNode) {
    console.warn(`\n!!! Node ${realBuildsNode} could not be installed (see its step above): the real builds run under this machine's Node ${process.version}, which takes longer.`);
  }
  if (triaged.length > 0) {
    const args = [join(root, 'bin/image-skill-conformance.mjs'), 'run', '--workers', workers, '--report-dir', join(reportDir, 'real-builds')];
    if (realNode) args.push('--node', realNode[2]);
    for (const b of triaged) args.push('--cli', join(realDir, b));
    for (const b of triaged) args.push('--expect', triageOf(b));
    args.push('--strict-expectations');
    await step(`scenarios against the real builds ${triaged.join(', ')} (one run, under Node ${realNode ? realNode[1] : process.version})`, node, args, { quiet: true });
  }
  for (const build of builds.filter((b) => !triaged.includes(b))) {
    console.warn(`no triage for ${build} (${triageOf(build)}): every failure counts`);
    await step(`scenarios against the real build ${build}`, node, [join(root, 'bin/image-skill-conformance.mjs'), 'run', '--cli', join(realDir, build), ...(realNode ? ['--node', realNode[2]] : []), '--report-dir', join(reportDir, `real-${build.replace(/\.tgz$/, '')}`)], { quiet: true });
  }
}

// The type check runs beside the first Playwright step, whose waits (child runs, browsers,
// chains) leave CPU to spare (beside the real builds instead it made their step 33 s longer).
const typeCheck = step('type check', node, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { quiet: true });
const built = await step('build of the front end for the unit tests', node, [join(root, 'scripts/build-package.mjs'), '--out', frontEndBuild], { quiet: true, optional: true });
const realBuilds = runRealBuilds();
await step('unit tests, scenarios (reference CLI) and x402 scenarios in fork mode', node, [join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--project=unit', '--project=scenarios', '--project=x402-fork', `--workers=${workers}`], {
  env: { ISC_REPORT_DIR: reportDir, ISC_MUTATION_COVERAGE: mutantCoverage, ...(built.ok ? { ISC_FRONT_END_BUILD: frontEndBuild } : {}) },
});
await typeCheck;

let passed = 0;
let failed = 0;
let notRun = 0;
for (const dir of [reportDir, forkReportDir]) {
  const resultsFile = join(dir, 'results.json');
  if (existsSync(resultsFile)) {
    const s = JSON.parse(readFileSync(resultsFile, 'utf8')).summary;
    passed += s.passed;
    failed += s.failed;
    notRun += s.not_run;
  } else {
    failed += 1;
    console.error(`no results.json in ${dir}`);
  }
}
if (notRun > 0 && process.env.ISC_ALLOW_NOT_RUN !== '1') {
  console.error(`${notRun} scenario(s) did not run (see the report); set ISC_ALLOW_NOT_RUN=1 to accept that locally`);
  steps.push({ name: 'every scenario ran', ok: false, seconds: 0 });
}
// The mutation run needs only the scenario step's coverage: it runs beside the real builds
// (its output comes in one piece when it ends), and the two fill each other's waits.
const mutation = step('mutation run (coverage from the scenario step)', node, [
  join(root, 'bin/image-skill-conformance.mjs'), 'mutate', '--no-control', '--report-dir', join(reportDir, 'mutation'),
  '--coverage-from', mutantCoverage, '--control-from', join(reportDir, 'playwright.json'),
], { quiet: true });
await realBuilds;
await mutation;

/**
 * The CPU time of this script and every process it waited for (the steps and, through them, all
 * their children), from /proc (Linux): `--cpu <seconds>` for the floor benchmark; none elsewhere.
 */
function childCpuArgs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: utime stime cutime cstime are fields 14-17, here 11-14 (0-based).
    const ticks = fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0);
    const hz = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    return Number.isFinite(ticks) && ticks > 0 ? ['--cpu', (ticks / hz).toFixed(1)] : [];
  } catch {
    return [];
  }
}

// The issue-16 figure: this run's wall time against its floor (CLI process time ÷ cores). Shown, never failing.
const wallSeconds = ((Date.now() - startedAt) / 1000).toFixed(1);
spawnSync(node, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'benchmarks/npm-test-floor.ts'), reportDir, '--wall', wallSeconds, '--cli-log', cliTimeLog, ...childCpuArgs()], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

console.log('\n=== summary');
for (const s of steps) console.log(`${s.ok ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)`);
const stepFailures = steps.filter((s) => !s.ok).length;
console.log(`tests: ${passed} passed, ${failed + (stepFailures && failed === 0 ? stepFailures : 0)} failed`);
process.exitCode = stepFailures === 0 ? 0 : 1;
