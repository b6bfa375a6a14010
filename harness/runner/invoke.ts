/**
 * Run the CLI under test inside a sandbox and record everything about the run as
 * an Invocation: output, exit, parsed JSON, requests the fake saw, refused network
 * attempts and files touched.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { JournalEntry, Journal } from '../fake/types.js';
import { findOnPath } from '../target/command.js';
import { shellQuote } from '../target/shell-words.js';
import type { ResolvedTarget } from '../target/types.js';
import { recordCliTime } from './cli-time-log.js';
import { buildSandboxEnv, NETWORK_GUARD_PATH } from './env.js';
import { diffSnapshots } from './fs-snapshot.js';
import { guardLogSize, readGuardLog } from './guard-log.js';
import { parseStdoutJson } from './json-output.js';
import { preparePrintedCommand } from './printed-command.js';
import { containsToken, redactSecrets } from './redact.js';
import { killProcessGroup, trackProcessGroup, untrackProcessGroup } from './registry.js';
import type { Sandbox } from './sandbox.js';
import type { Invocation, RunOptions } from './types.js';
import { assertReadableBy } from './unwritable-config.js';

/** An Invocation plus what the runner knows about how it was run. */
export type RunnerInvocation = Invocation & {
  /** The time limit that applied. */
  timeoutMs: number;
  /** Why the process could not be started at all (ENOENT, EACCES…), else null. */
  spawnError: string | null;
};

export interface CliRunnerOptions {
  target: ResolvedTarget;
  sandbox: Sandbox;
  fakeUrl: string;
  journal?: Journal | null;
  defaultTimeoutMs?: number;
  /** False drops the network guard preload (`run --network off`). */
  guard?: boolean;
  /** Runs after each invocation is recorded (schema checks, secret scans…). */
  onInvocation?: (inv: RunnerInvocation) => void | Promise<void>;
}

export type PrintedRunOptions = RunOptions & { placeholders?: Record<string, string> };

export interface CliRunner {
  readonly target: ResolvedTarget;
  readonly sandbox: Sandbox;
  readonly invocations: RunnerInvocation[];
  run(args: string[], opts?: RunOptions): Promise<RunnerInvocation>;
  runPrinted(commandLine: string, opts?: PrintedRunOptions): Promise<RunnerInvocation>;
}

export const WRAPPER_NAME = 'image-skill';
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
/** Package runners that would reach the registry; printed commands get a refusing stub instead. */
const BLOCKED_RUNNERS = ['npx', 'npm', 'pnpm', 'yarn', 'bunx'];

interface Launch {
  file: string;
  args: string[];
  cliArgs: string[];
  shell: Invocation['shell'];
  extraEnv: Record<string, string>;
}

async function writeExecutable(file: string, text: string): Promise<void> {
  await fs.writeFile(file, text, { mode: 0o755 });
  await fs.chmod(file, 0o755);
}

/** bin/image-skill runs the target; npx & co. refuse, so nothing reaches the registry. */
async function writePrintedCommandBin(sandbox: Sandbox, target: ResolvedTarget, command: string[]): Promise<void> {
  const exec = command.map(shellQuote).join(' ');
  await writeExecutable(path.join(sandbox.bin, WRAPPER_NAME), `#!/bin/sh\n# image-skill-conformance: the CLI under test (${target.spec})\nexec ${exec} "$@"\n`);
  for (const name of BLOCKED_RUNNERS) {
    await writeExecutable(
      path.join(sandbox.bin, name),
      `#!/bin/sh\necho "image-skill-conformance: '${name}' is disabled in the sandbox (printed commands must not reach a package registry)" >&2\nexit 127\n`,
    );
  }
}

/** Copy a package where any uid can read it; the command's paths into it follow the copy. */
async function readableCopy(packageDir: string, command: string[], dest: string): Promise<string[]> {
  await fs.rm(dest, { recursive: true, force: true });
  await fs.cp(packageDir, dest, { recursive: true, dereference: true });
  await execa('chmod', ['-R', 'a+rX', dest]);
  return command.map((p) => (p === packageDir || p.startsWith(`${packageDir}${path.sep}`) ? dest + p.slice(packageDir.length) : p));
}

/**
 * The Node that --node chose (in the target cache, under a root-only home, say), where any uid
 * can run it: a hard link into `destDir` (a copy across file systems); the command with it.
 */
async function readableNode(command: string[], destDir: string): Promise<string[]> {
  const [node, ...rest] = command;
  const dest = path.join(destDir, 'node');
  await fs.rm(destDir, { recursive: true, force: true });
  await fs.mkdir(destDir, { recursive: true, mode: 0o755 });
  await fs.link(node, dest).catch(() => fs.copyFile(node, dest));
  await fs.chmod(dest, 0o755);
  return [dest, ...rest];
}

export function createCliRunner(opts: CliRunnerOptions): CliRunner {
  const { target, sandbox } = opts;
  const journal = opts.journal ?? null;
  const runnerId = randomBytes(3).toString('hex');
  const invocations: RunnerInvocation[] = [];
  const checkedUids = new Set<number>();
  let counter = 0;
  let binReady: Promise<void> | null = null;
  let bashPath: Promise<string> | null = null;

  // What starts the CLI: the target's command, or a readable copy of its package when it sits
  // where another uid cannot reach it (a root-owned cache under /root, say).
  let command = target.command;

  async function checkUidCanRun(uid: number, gid: number): Promise<void> {
    if (checkedUids.has(uid)) return;
    const needed = (): string[] => {
      const files = command.filter((p) => path.isAbsolute(p));
      return target.isNode ? [...files, NETWORK_GUARD_PATH] : files;
    };
    try {
      await assertReadableBy(uid, gid, needed());
    } catch (err) {
      if (!target.packageDir || command !== target.command) throw err;
      command = await readableCopy(target.packageDir, target.command, path.join(sandbox.metaDir, 'target'));
      // A Node other than the harness's own came with --node: it may sit in the cache too.
      if (target.isNode && command[0] !== process.execPath && path.isAbsolute(command[0])) command = await readableNode(command, path.join(sandbox.metaDir, 'node'));
      // Printed commands run through the sandbox's bin wrapper: point it at the copy too.
      binReady = writePrintedCommandBin(sandbox, target, command);
      await binReady;
      await assertReadableBy(uid, gid, needed());
    }
    checkedUids.add(uid);
  }

  function runAs(runOpts: RunOptions): { uid: number | undefined; gid: number | undefined } {
    const uid = runOpts.uid ?? sandbox.runAs?.uid;
    return { uid, gid: runOpts.gid ?? (runOpts.uid === undefined ? sandbox.runAs?.gid : undefined) ?? uid };
  }

  /** Before the command line is built: the uid it runs as must be able to start the CLI. */
  async function prepareUid(runOpts: RunOptions): Promise<void> {
    const { uid, gid } = runAs(runOpts);
    if (uid !== undefined && gid !== undefined) await checkUidCanRun(uid, gid);
  }

  async function launch(l: Launch, runOpts: RunOptions): Promise<RunnerInvocation> {
    const id = `inv-${runnerId}-${++counter}`;
    const cwd = runOpts.cwd ?? sandbox.work;
    const { uid, gid } = runAs(runOpts);
    const timeoutMs = runOpts.timeoutMs ?? opts.defaultTimeoutMs ?? 30_000;
    const { env, changes } = buildSandboxEnv({
      sandbox,
      baseUrl: opts.fakeUrl,
      target,
      guardLogPath: target.isNode ? sandbox.guardLogPath : null,
      guard: opts.guard,
      extra: { ...l.extraEnv, ...runOpts.env },
    });

    const guardOffset = await guardLogSize(sandbox.guardLogPath);
    const before = await sandbox.snapshot();
    journal?.setActiveInvocation(id);
    let timedOut = false;
    let requests: JournalEntry[] = [];
    const subprocess = execa(l.file, l.args, {
      env,
      extendEnv: false,
      cwd,
      reject: false,
      stripFinalNewline: false,
      detached: true, // own process group, so the whole tree can be killed
      cleanup: true,
      uid,
      gid,
      maxBuffer: MAX_OUTPUT_BYTES,
      ...(runOpts.stdin !== undefined ? { input: runOpts.stdin } : { stdin: 'ignore' as const }),
    });
    const pgid = subprocess.pid;
    if (pgid !== undefined) trackProcessGroup(pgid);
    const timer = setTimeout(() => {
      timedOut = true;
      if (pgid !== undefined) killProcessGroup(pgid);
    }, timeoutMs);
    // Once the CLI itself is gone, anything it left running goes too (and stops holding stdout open).
    subprocess.once('exit', () => {
      if (pgid !== undefined) killProcessGroup(pgid);
    });
    let result: Awaited<typeof subprocess>;
    try {
      result = await subprocess;
    } finally {
      clearTimeout(timer);
      if (pgid !== undefined) untrackProcessGroup(pgid);
      journal?.setActiveInvocation(null);
    }
    requests = journal?.forInvocation(id) ?? [];
    if (pgid !== undefined) recordCliTime(result.durationMs);

    const stdout = typeof result.stdout === 'string' ? result.stdout : '';
    const stderr = typeof result.stderr === 'string' ? result.stderr : '';
    // No pid means the process never started (ENOENT, EACCES on the program…).
    const spawnError = pgid === undefined ? (result.originalMessage || result.shortMessage || 'could not start') : null;
    const parsed = parseStdoutJson(stdout);
    const stdin = runOpts.stdin === undefined ? null : containsToken(runOpts.stdin) ? redactSecrets(runOpts.stdin, []) : runOpts.stdin;

    const inv: RunnerInvocation = {
      id,
      args: l.cliArgs,
      argv: [l.file, ...l.args],
      shell: l.shell,
      cwd,
      envChanges: changes,
      stdin,
      stdout,
      stderr,
      exitCode: result.exitCode ?? null,
      signal: result.signal ?? (timedOut ? 'SIGKILL' : null),
      timedOut,
      durationMs: Math.round(result.durationMs),
      json: parsed.json,
      jsonError: parsed.jsonError,
      requests,
      networkAttempts: await readGuardLog(sandbox.guardLogPath, guardOffset),
      fsChanges: diffSnapshots(before, await sandbox.snapshot()),
      uid: uid !== undefined && uid !== process.getuid?.() ? uid : null,
      timeoutMs,
      spawnError,
    };
    invocations.push(inv);
    await opts.onInvocation?.(inv);
    return inv;
  }

  return {
    target,
    sandbox,
    invocations,
    async run(args, runOpts = {}) {
      await prepareUid(runOpts);
      const [file, ...prefix] = command;
      return launch({ file, args: [...prefix, ...args], cliArgs: args, shell: null, extraEnv: {} }, runOpts);
    },
    async runPrinted(commandLine, runOpts = {}) {
      const prepared = preparePrintedCommand(commandLine, { placeholders: runOpts.placeholders ?? {}, targetWrapperName: WRAPPER_NAME });
      await prepareUid(runOpts);
      binReady ??= writePrintedCommandBin(sandbox, target, command);
      bashPath ??= findOnPath('bash').then((p) => p ?? '/bin/bash');
      await binReady;
      const pathVar = [sandbox.bin, process.env.PATH ?? ''].filter(Boolean).join(path.delimiter);
      return launch(
        {
          file: await bashPath,
          args: ['-c', prepared.executed],
          cliArgs: prepared.cliArgs ?? [],
          shell: { original: commandLine, executed: prepared.executed, prefixMapping: prepared.prefixMapping },
          extraEnv: { PATH: pathVar },
        },
        runOpts,
      );
    },
  };
}
