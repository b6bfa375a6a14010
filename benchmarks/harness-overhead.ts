/**
 * Per-invocation harness overhead: wall time of `image-skill --version` run through
 * the CLI runner (sandbox, env, network guard, snapshots, journal) minus the same
 * command spawned bare. `--version` sends no request, so the CLI does identical work
 * in both; the difference is what the harness adds. Bare and harnessed runs are
 * interleaved so machine load hits both alike.
 *
 *   npx tsx benchmarks/harness-overhead.ts        (BENCH_N=40, BENCH_PROFILE=1 to always profile)
 */
import { spawn } from 'node:child_process';
import { execa } from 'execa';
import { startFakeService, type RunningFake } from '../harness/fake/index.js';
import { buildSandboxEnv, NETWORK_GUARD_PATH } from '../harness/runner/env.js';
import { diffSnapshots } from '../harness/runner/fs-snapshot.js';
import { guardLogSize, readGuardLog } from '../harness/runner/guard-log.js';
import { createCliRunner, type CliRunner } from '../harness/runner/invoke.js';
import { createSandbox, type Sandbox } from '../harness/runner/sandbox.js';
import { resolveTarget } from '../harness/target/resolve.js';
import type { ResolvedTarget } from '../harness/target/types.js';
import { elapsedMs, figuresLine, formatMs, isMainModule, median, summarize, type BenchFigure, type Summary } from './stats.js';

export const OVERHEAD_TARGET_MS = 10;
const VERSION_ARGS = ['--version'];

export interface OverheadOptions {
  /** Measured runs of each kind (default 40). */
  n?: number;
  /** Unmeasured runs of each kind first (default 5). */
  warmup?: number;
  /** Profile where the time goes: always, never, or only on a miss (default). */
  profile?: 'always' | 'never' | 'on-miss';
}

export interface ProfileStep {
  label: string;
  /** Median wall ms of this step (for the + rows: the increase over the previous row). */
  wallMs: number;
  /** Median CPU ms the harness process itself spent, when measured (same delta rule). */
  cpuMs: number | null;
  note: string;
}

export interface OverheadResult {
  n: number;
  bare: Summary;
  harness: Summary;
  /** median(harness) - median(bare): the figure compared with the target. */
  overheadMs: number;
  /** Median of the per-round differences (a second view, less sensitive to drift). */
  pairedOverheadMs: number;
  /** Median CPU ms the benchmark process itself spent per run of each kind (load-insensitive). */
  parentCpuMs: { bare: number; harness: number };
  pass: boolean;
  profile: ProfileStep[] | null;
}

interface Bench {
  target: ResolvedTarget;
  fake: RunningFake;
  sandbox: Sandbox;
  runner: CliRunner;
}

/** The harness's own environment without anything that would preload code into the CLI. */
function bareEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
}

/** Spawn with plain child_process and wait for it to close; resolves to wall ms. */
function timeSpawn(command: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(file, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = elapsedMs(start);
      if (code !== 0 || !stdout.includes('"version"')) reject(new Error(`bare --version failed (exit ${code}): ${stdout.slice(0, 200)}`));
      else resolve(ms);
    });
  });
}

async function timeHarnessRun(runner: CliRunner): Promise<number> {
  const start = process.hrtime.bigint();
  const inv = await runner.run(VERSION_ARGS, { skipSchema: true });
  const ms = elapsedMs(start);
  if (inv.exitCode !== 0 || inv.json === null) throw new Error(`harnessed --version failed (exit ${inv.exitCode}): ${inv.stderr.slice(0, 200)}`);
  return ms;
}

/** Time a synchronous or async step `reps` times and return the per-call median. */
async function timeStep(reps: number, step: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = process.hrtime.bigint();
    await step();
    samples.push(elapsedMs(start));
  }
  return median(samples);
}

/** Wall ms and the harness process's own CPU ms (user+system) spent while `action` ran. */
async function timeWithCpu(action: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  await action();
  const wall = elapsedMs(start);
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** Milliseconds a fresh node spends inside require(specifier), measured in the child. */
function requireMs(specifier: string, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const script = `const t=process.hrtime.bigint();require(${JSON.stringify(specifier)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { env, cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 && Number.isFinite(Number(out)) ? resolve(Number(out)) : reject(new Error(`require probe for ${specifier} failed: ${out}`))));
  });
}

interface StepSamples {
  wall: number[];
  cpu: number[];
}

/**
 * Where the harness time goes. Process-level steps are measured interleaved, each
 * adding one thing to the previous: bare spawn → sandbox env with the network guard
 * preload → execa with the runner's options → the full runner. Wall-clock deltas
 * between steps are noisy on a busy machine, so the harness process's own CPU time
 * per step is shown beside them. In-process steps are timed directly.
 */
async function profileHarness(b: Bench, rounds: number): Promise<ProfileStep[]> {
  const { env } = buildSandboxEnv({ sandbox: b.sandbox, baseUrl: b.fake.url, target: b.target, guardLogPath: b.sandbox.guardLogPath });
  const command = [...b.target.command, ...VERSION_ARGS];
  const cwd = b.sandbox.work;
  const fresh = (): StepSamples => ({ wall: [], cpu: [] });
  const s = { bare: fresh(), guarded: fresh(), execa: fresh(), runner: fresh() };
  const add = (into: StepSamples, t: { wall: number; cpu: number }) => {
    into.wall.push(t.wall);
    into.cpu.push(t.cpu);
  };
  const guardLoads: number[] = [];
  const tlsLoads: number[] = [];
  const execaLikeRunner = async () => {
    const r = await execa(command[0], command.slice(1), {
      env,
      extendEnv: false,
      cwd,
      reject: false,
      stripFinalNewline: false,
      detached: true,
      cleanup: true,
      stdin: 'ignore',
    });
    if (r.exitCode !== 0) throw new Error(`execa --version failed (exit ${r.exitCode})`);
  };
  const steps: Array<[StepSamples, () => Promise<unknown>]> = [
    [s.bare, () => timeSpawn(command, bareEnv(), cwd)],
    [s.guarded, () => timeSpawn(command, env, cwd)],
    [s.execa, execaLikeRunner],
    [s.runner, () => timeHarnessRun(b.runner)],
  ];
  for (let i = 0; i < rounds; i++) {
    // Rotate the order each round so no step always follows the same neighbour.
    for (let k = 0; k < steps.length; k++) {
      const [into, action] = steps[(i + k) % steps.length];
      add(into, await timeWithCpu(action));
    }
    guardLoads.push(await requireMs(NETWORK_GUARD_PATH, bareEnv(), cwd));
    tlsLoads.push(await requireMs('node:tls', bareEnv(), cwd));
  }
  const wall = (x: StepSamples) => median(x.wall);
  const cpu = (x: StepSamples) => median(x.cpu);

  const reps = 200;
  const envMs = await timeStep(reps, () =>
    buildSandboxEnv({ sandbox: b.sandbox, baseUrl: b.fake.url, target: b.target, guardLogPath: b.sandbox.guardLogPath, extra: {} }),
  );
  const snapMs = await timeStep(reps, () => b.sandbox.snapshot());
  const before = await b.sandbox.snapshot();
  const after = await b.sandbox.snapshot();
  const diffMs = await timeStep(reps, () => diffSnapshots(before, after));
  const guardLogMs = await timeStep(reps, async () => {
    const offset = await guardLogSize(b.sandbox.guardLogPath);
    await readGuardLog(b.sandbox.guardLogPath, offset);
  });
  const journalMs = await timeStep(reps, () => {
    b.fake.journal.setActiveInvocation('bench');
    b.fake.journal.setActiveInvocation(null);
    b.fake.journal.forInvocation('bench');
  });

  const step = (label: string, wallMs: number, cpuMs: number | null, note: string): ProfileStep => ({ label, wallMs, cpuMs, note });
  return [
    step('bare spawn (child_process)', wall(s.bare), cpu(s.bare), 'baseline: node <bin> --version'),
    step('+ sandbox env & network guard', wall(s.guarded) - wall(s.bare), cpu(s.guarded) - cpu(s.bare), 'NODE_OPTIONS=--require network-guard.cjs'),
    step('    require(network-guard.cjs)', median(guardLoads), null, 'measured inside a fresh node'),
    step("      of which require('node:tls')", median(tlsLoads), null, 'the same probe for node:tls alone'),
    step('+ execa (detached, cleanup)', wall(s.execa) - wall(s.guarded), cpu(s.execa) - cpu(s.guarded), 'execa instead of plain spawn, same env'),
    step('+ runner bookkeeping', wall(s.runner) - wall(s.execa), cpu(s.runner) - cpu(s.execa), 'runner.run minus the bare execa call'),
    step('    env building', envMs, null, 'buildSandboxEnv, timed directly'),
    step('    fs snapshots x2', 2 * snapMs, null, `lstat walk of the sandbox (${before.size} entries)`),
    step('    snapshot diff', diffMs, null, 'diffSnapshots'),
    step('    guard log size+read', guardLogMs, null, 'stat + readFile of the guard log'),
    step('    journal', journalMs, null, 'setActiveInvocation x2 + forInvocation'),
    step('full runner.run', wall(s.runner), cpu(s.runner), 'the four + rows added up'),
    step(
      'accounted for directly',
      median(guardLoads) + (cpu(s.runner) - cpu(s.bare)),
      null,
      'guard load in the child + extra harness CPU; the rest of the wall difference is waiting (scheduling on a busy machine)',
    ),
  ];
}

export async function measureHarnessOverhead(opts: OverheadOptions = {}): Promise<OverheadResult> {
  const n = opts.n ?? 40;
  const warmup = opts.warmup ?? 5;
  const target = await resolveTarget('reference');
  const fake = await startFakeService();
  const sandbox = await createSandbox({ label: 'bench-overhead' });
  try {
    const runner = createCliRunner({ target, sandbox, fakeUrl: fake.url, journal: fake.journal });
    const bench: Bench = { target, fake, sandbox, runner };
    const command = [...target.command, ...VERSION_ARGS];
    const env = bareEnv();
    for (let i = 0; i < warmup; i++) {
      await timeSpawn(command, env, sandbox.work);
      await timeHarnessRun(runner);
    }
    const bare: number[] = [];
    const harness: number[] = [];
    const bareCpu: number[] = [];
    const harnessCpu: number[] = [];
    const runBare = async () => {
      const t = await timeWithCpu(() => timeSpawn(command, env, sandbox.work));
      bare.push(t.wall);
      bareCpu.push(t.cpu);
    };
    const runHarness = async () => {
      const t = await timeWithCpu(() => timeHarnessRun(runner));
      harness.push(t.wall);
      harnessCpu.push(t.cpu);
    };
    for (let i = 0; i < n; i++) {
      // Alternate which kind goes first so neither always runs on a freshly warmed cache.
      if (i % 2 === 0) {
        await runBare();
        await runHarness();
      } else {
        await runHarness();
        await runBare();
      }
    }
    if (fake.journal.entries().length > 0) throw new Error('--version sent requests to the fake; the comparison would not be like for like');
    const overheadMs = median(harness) - median(bare);
    const pass = overheadMs < OVERHEAD_TARGET_MS;
    const wantProfile = opts.profile === 'always' || (opts.profile !== 'never' && !pass);
    return {
      n,
      bare: summarize(bare),
      harness: summarize(harness),
      overheadMs,
      pairedOverheadMs: median(harness.map((h, i) => h - bare[i])),
      parentCpuMs: { bare: median(bareCpu), harness: median(harnessCpu) },
      pass,
      profile: wantProfile ? await profileHarness(bench, n) : null,
    };
  } finally {
    await sandbox.dispose();
    await fake.close();
  }
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function formatOverheadReport(r: OverheadResult): string {
  const row = (name: string, s: Summary) => `${pad(name, 22)}${pad(formatMs(s.p50), 12)}${pad(formatMs(s.p90), 12)}${formatMs(s.mean)}`;
  const lines = [
    `harness overhead per invocation (image-skill --version, reference CLI, n=${r.n} each, interleaved)`,
    `${pad('', 22)}${pad('median', 12)}${pad('p90', 12)}mean`,
    row('bare node <bin>', r.bare),
    row('through the runner', r.harness),
    `overhead at the median: ${formatMs(r.overheadMs)}  (median of paired differences: ${formatMs(r.pairedOverheadMs)})`,
    `CPU of the benchmark process per run: ${formatMs(r.parentCpuMs.harness)} through the runner, ${formatMs(r.parentCpuMs.bare)} bare`,
    `target: median overhead < ${OVERHEAD_TARGET_MS} ms → ${r.pass ? 'PASS' : 'MISS'}`,
  ];
  if (r.profile) {
    lines.push('', 'where the harness time goes (medians; + rows are increases over the row above):');
    lines.push(`  ${pad('step', 37)}${pad('wall', 12)}${pad('harness CPU', 13)}what`);
    for (const st of r.profile) {
      const cpu = st.cpuMs === null ? '' : formatMs(st.cpuMs);
      lines.push(`  ${pad(st.label, 37)}${pad(formatMs(st.wallMs), 12)}${pad(cpu, 13)}${st.note}`);
    }
  }
  return lines.join('\n');
}

export function overheadFigures(r: OverheadResult): BenchFigure[] {
  return [
    { label: 'bare --version median', value: r.bare.p50, unit: 'ms' },
    { label: 'harnessed --version median', value: r.harness.p50, unit: 'ms' },
    { label: 'harnessed --version p90', value: r.harness.p90, unit: 'ms' },
    { label: 'runner CPU in harness process', value: r.parentCpuMs.harness, unit: 'ms' },
    { label: 'overhead at median', value: r.overheadMs, unit: 'ms', target: `< ${OVERHEAD_TARGET_MS} ms`, status: r.pass ? 'PASS' : 'MISS' },
  ];
}

function profileMode(value: string | undefined): OverheadOptions['profile'] {
  if (value === '1' || value === 'always') return 'always';
  if (value === '0' || value === 'never') return 'never';
  return 'on-miss';
}

if (isMainModule(import.meta.url)) {
  const n = Number(process.env.BENCH_N ?? 40);
  if (!Number.isInteger(n) || n < 1) throw new Error(`BENCH_N must be a positive integer, got ${process.env.BENCH_N}`);
  const result = await measureHarnessOverhead({ n, profile: profileMode(process.env.BENCH_PROFILE) });
  console.log(formatOverheadReport(result));
  console.log(figuresLine({ benchmark: 'harness-overhead', figures: overheadFigures(result) }));
}
