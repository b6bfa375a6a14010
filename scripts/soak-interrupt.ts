/**
 * Interrupt trials: start `run`, send SIGINT or SIGTERM at a random moment (while the browser
 * scenario runs, while anvil starts, during a mutant's run, or at any time), then count what is
 * left: processes of that run (found by a marker in their environment), sandbox and temp
 * folders in the run's own TMPDIR, and whether results.json says "interrupted".
 *
 *   npm run soak:interrupt                         # 10 trials with SIGINT, then 10 with SIGTERM
 *   npm run soak:interrupt -- --trials 4 --signal SIGINT --seed 7
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { prng } from '../benchmarks/fake-fuzz-driver.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');
const MARKER = 'SOAK_TRIAL_ID';
/** Caches tools keep on purpose between runs; not sandbox leftovers. */
const CACHE_DIRS = [/^playwright-transform-cache-/, /^tsx-\d+$/];

export type Phase = 'browser' | 'anvil' | 'mutant' | 'anytime';
export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface TrialSpec {
  phase: Phase;
  signal: StopSignal;
  /** Random source for the moment. */
  rand: () => number;
  /** Give up waiting for the phase after this long (then signal anyway). */
  phaseTimeoutMs?: number;
  /** Time the run gets to stop after the signal. */
  stopTimeoutMs?: number;
}

export interface TrialResult {
  phase: Phase;
  signal: StopSignal;
  /** ms after start when the signal was sent; whether the phase was seen first. */
  signalAtMs: number;
  phaseSeen: boolean;
  exitCode: number | null;
  stoppedInMs: number;
  /** Processes of this run still alive after it exited (pid and command). */
  processesLeft: string[];
  /** Entries left in the run's TMPDIR, caches excluded. */
  foldersLeft: string[];
  resultsInterrupted: boolean | null;
  /** The run finished by itself before the signal was sent: not an interrupt trial. */
  endedBeforeSignal: boolean;
  /** Last lines the run printed (kept when it ended by itself). */
  tail: string;
}

const PHASES: Record<Phase, { args: string[]; trigger: RegExp | null; extraMs: number }> = {
  browser: { args: ['--grep', 'Stripe Checkout human path'], trigger: /chrom/i, extraMs: 1500 },
  anvil: { args: ['--grep', 'x402 exact payment by a plain'], trigger: /anvil/, extraMs: 300 },
  mutant: { args: ['--cli', 'reference:config-mode-0644', '--grep', 'default signup saves'], trigger: /workerProcessEntry/, extraMs: 2500 },
  // Any moment after the front end is up (a signal while node is still loading it ends the
  // process at once, before it has started anything to clean up).
  anytime: { args: ['--grep', 'signup modes|first contact'], trigger: null, extraMs: 12_000 },
};

/** pid → command line of every live process carrying `MARKER=id` in its environment. */
export function processesWithMarker(id: string): Map<number, string> {
  const out = new Map<number, string>();
  const needle = `${MARKER}=${id}`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0');
      if (!env.includes(needle)) continue;
      out.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim().slice(0, 160));
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runInterruptTrial(spec: TrialSpec): Promise<TrialResult> {
  const id = `t${process.pid}-${Math.floor(spec.rand() * 1e9)}`;
  const dir = await mkdtemp(join(tmpdir(), 'isc-soak-interrupt-'));
  const runTmp = join(dir, 'tmp');
  const reportDir = join(dir, 'report');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(runTmp);
  const phase = PHASES[spec.phase];
  const started = Date.now();
  const child = spawn(process.execPath, [bin, 'run', ...phase.args, '--report-dir', reportDir, '--allow-not-run'], {
    cwd: root,
    env: { ...process.env, [MARKER]: id, TMPDIR: runTmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code, sig) => r(code ?? (sig ? 128 : null))));
  let done = false;
  void exited.then(() => (done = true));

  // Wait for the phase (a matching process of this run), then a random extra moment.
  let phaseSeen = false;
  const deadline = started + (spec.phaseTimeoutMs ?? 90_000);
  if (phase.trigger) {
    while (!done && Date.now() < deadline) {
      if ([...processesWithMarker(id).values()].some((cmd) => phase.trigger!.test(cmd))) {
        phaseSeen = true;
        break;
      }
      await sleep(100);
    }
  } else {
    while (!done && Date.now() < deadline && !/^network: /m.test(output)) await sleep(50);
    phaseSeen = !done;
  }
  const extra = Math.floor(spec.rand() * phase.extraMs);
  await Promise.race([sleep(extra), exited]);
  const signalAtMs = Date.now() - started;
  const endedBeforeSignal = done;
  if (!done) child.kill(spec.signal);
  const stopStart = Date.now();
  const code = await Promise.race([exited, sleep(spec.stopTimeoutMs ?? 90_000).then(() => 'timeout' as const)]);
  const stoppedInMs = Date.now() - stopStart;
  await sleep(1000);
  const left = processesWithMarker(id);
  // Leave the machine clean whatever the verdict: these are processes this trial started.
  for (const pid of left.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const foldersLeft = readdirSync(runTmp).filter((name) => !CACHE_DIRS.some((re) => re.test(name)));
  let resultsInterrupted: boolean | null = null;
  const resultsFile = join(reportDir, 'results.json');
  if (existsSync(resultsFile)) resultsInterrupted = (JSON.parse(await readFile(resultsFile, 'utf8')) as { interrupted?: unknown }).interrupted === true;
  await rm(dir, { recursive: true, force: true });
  if (code === 'timeout' || process.env.SOAK_VERBOSE) console.error(output.slice(-3000));
  return {
    phase: spec.phase,
    signal: spec.signal,
    signalAtMs,
    phaseSeen,
    exitCode: code === 'timeout' ? null : code,
    stoppedInMs,
    processesLeft: [...left].map(([pid, cmd]) => `${pid} ${cmd}`),
    foldersLeft,
    resultsInterrupted,
    endedBeforeSignal,
    tail: endedBeforeSignal ? output.trim().split('\n').slice(-6).join('\n') : '',
  };
}

export function trialOk(r: TrialResult): boolean {
  return r.processesLeft.length === 0 && r.foldersLeft.length === 0 && r.resultsInterrupted === true;
}

export function describeTrial(r: TrialResult): string {
  if (r.endedBeforeSignal) return `SKIP ${r.signal} during ${r.phase}: the run ended by itself (exit ${r.exitCode}) after ${(r.signalAtMs / 1000).toFixed(1)} s, before the signal; ${r.processesLeft.length} processes left, ${r.foldersLeft.length} folders left`;
  const verdict = trialOk(r) ? 'ok  ' : 'FAIL';
  return `${verdict} ${r.signal} during ${r.phase}${r.phaseSeen ? '' : ' (phase not seen)'} at ${(r.signalAtMs / 1000).toFixed(1)} s: exit ${r.exitCode ?? 'none (hung)'} after ${(r.stoppedInMs / 1000).toFixed(1)} s, ${r.processesLeft.length} processes left, ${r.foldersLeft.length} folders left, results.json ${r.resultsInterrupted === null ? 'missing' : r.resultsInterrupted ? 'says interrupted' : 'does not say interrupted'}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { trials: { type: 'string', default: '10' }, signal: { type: 'string', default: 'both' }, seed: { type: 'string', default: String(Date.now() % 100000) } } });
  const trials = Number(values.trials);
  if (!Number.isInteger(trials) || trials < 1 || trials > 50) {
    console.error(`--trials must be an integer from 1 to 50, got "${values.trials}"`);
    return 2;
  }
  const signals: StopSignal[] = values.signal === 'both' ? ['SIGINT', 'SIGTERM'] : values.signal === 'SIGINT' || values.signal === 'SIGTERM' ? [values.signal] : [];
  if (signals.length === 0) {
    console.error(`--signal must be SIGINT, SIGTERM or both, got "${values.signal}"`);
    return 2;
  }
  const rand = prng(Number(values.seed));
  const phases: Phase[] = ['browser', 'anvil', 'mutant', 'anytime'];
  const results: TrialResult[] = [];
  console.log(`interrupt trials: ${trials} per signal (${signals.join(', ')}), seed ${values.seed}`);
  for (const signal of signals) {
    for (let i = 0; i < trials; i++) {
      const r = await runInterruptTrial({ phase: phases[i % phases.length], signal, rand });
      results.push(r);
      console.log(describeTrial(r));
      for (const p of r.processesLeft) console.log(`       left: ${p}`);
      for (const f of r.foldersLeft) console.log(`       left: ${f}`);
      if (r.tail) console.log(r.tail.replace(/^/gm, '       | '));
    }
  }
  const signalled = results.filter((r) => !r.endedBeforeSignal);
  const procs = results.reduce((n, r) => n + r.processesLeft.length, 0);
  const folders = results.reduce((n, r) => n + r.foldersLeft.length, 0);
  const marked = signalled.filter((r) => r.resultsInterrupted === true).length;
  const skipped = results.length - signalled.length;
  console.log(`\n${signalled.length} interrupt trials${skipped ? ` (+${skipped} where the run ended before the signal)` : ''}: ${procs} processes left, ${folders} folders left, ${marked}/${signalled.length} results.json say interrupted`);
  return procs === 0 && folders === 0 && marked === signalled.length ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
