/** Launch the Playwright test runner on our scenarios as a child process. */
import { execa } from 'execa';
import { readdir, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { playwrightConfigPath } from './paths.js';
import { RUN_ENV, testOutputDir } from '../run-config.js';

export interface PlaywrightRunOptions {
  projects: string[];
  grep?: string | null;
  shard?: string | null;
  workers?: number | null;
  env: Record<string, string>;
  extraArgs?: string[];
  /** Inherit stdio (progress on the terminal) or stay quiet. */
  quiet?: boolean;
}

function playwrightCli(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@playwright/test/package.json')), 'cli.js');
}

const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
let stoppedBy: NodeJS.Signals | null = null;
let running: { kill(signal: NodeJS.Signals): boolean } | null = null;
let watching = false;

/** The first stop signal this process received while watching, if any. */
export function stopSignal(): NodeJS.Signals | null {
  return stoppedBy;
}

/**
 * From now on a stop signal does not kill this process: it is recorded, passed on to a running
 * Playwright as SIGINT (its graceful stop), and keeps a later Playwright from starting, so the
 * run still ends with a report. A second signal with no Playwright running exits at once.
 */
export function watchStopSignals(): void {
  if (watching) return;
  watching = true;
  for (const s of STOP_SIGNALS) {
    process.on(s, (signal: NodeJS.Signals) => {
      const again = stoppedBy !== null;
      stoppedBy ??= signal;
      if (running) running.kill('SIGINT');
      else if (again) process.exit(130);
    });
  }
}

export async function runPlaywright(opts: PlaywrightRunOptions): Promise<number> {
  watchStopSignals();
  if (stoppedBy) return 130;
  const args = [playwrightCli(), 'test', `--config=${playwrightConfigPath()}`, ...opts.projects.map((p) => `--project=${p}`)];
  if (opts.grep) args.push(`--grep=${opts.grep}`);
  if (opts.shard) args.push(`--shard=${opts.shard}`);
  if (opts.workers) args.push(`--workers=${opts.workers}`);
  args.push(...(opts.extraArgs ?? []));
  // Own process group: a terminal's Ctrl-C reaches only us, and we pass each stop signal on
  // exactly once as SIGINT, Playwright's graceful stop (teardown runs, reporters write a
  // partial report); a second signal still forces it.
  // Playwright runs in the user's working directory, so that the paths its reporters print
  // (Error Context, the test files) are relative to the folder the command ran in, not to the
  // package's dist/; the config and everything the run hands it are absolute paths.
  const child = execa(process.execPath, args, {
    cwd: process.cwd(),
    env: { ...process.env, ...opts.env },
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    reject: false,
    detached: true,
  });
  running = child;
  try {
    const done = await child;
    return done.exitCode ?? (done.signal ? 130 : 1);
  } finally {
    running = null;
    const reportDir = opts.env[RUN_ENV.reportDir];
    if (reportDir) await removeEmptyFolders(testOutputDir(reportDir));
  }
}

/**
 * Remove the empty folders under `dir` (and `dir` itself when it ends up empty): Playwright
 * makes an output folder for every test, and only a failing one gets a file in it. Returns how
 * many were removed; a folder that cannot be read or removed is left as it is.
 */
export async function removeEmptyFolders(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => null);
  if (entries === null) return 0;
  let removed = 0;
  for (const e of entries) if (e.isDirectory()) removed += await removeEmptyFolders(join(dir, e.name));
  const left = await readdir(dir).catch(() => null);
  if (left !== null && left.length === 0 && (await rmdir(dir).then(() => true, () => false))) removed += 1;
  return removed;
}
