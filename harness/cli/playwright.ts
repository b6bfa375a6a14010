/** Launch the Playwright test runner on our scenarios as a child process. */
import { execa } from 'execa';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.js';

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

export async function runPlaywright(opts: PlaywrightRunOptions): Promise<number> {
  const args = [playwrightCli(), 'test', ...opts.projects.map((p) => `--project=${p}`)];
  if (opts.grep) args.push(`--grep=${opts.grep}`);
  if (opts.shard) args.push(`--shard=${opts.shard}`);
  if (opts.workers) args.push(`--workers=${opts.workers}`);
  args.push(...(opts.extraArgs ?? []));
  // Own process group: a terminal's Ctrl-C reaches only us, and we pass each stop signal on
  // exactly once as SIGINT, Playwright's graceful stop (teardown runs, reporters write a
  // partial report); a second signal still forces it.
  const child = execa(process.execPath, args, {
    cwd: repoRoot(),
    env: { ...process.env, ...opts.env },
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    reject: false,
    detached: true,
  });
  const forward = () => {
    child.kill('SIGINT');
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  try {
    const done = await child;
    return done.exitCode ?? (done.signal ? 130 : 1);
  } finally {
    for (const s of signals) process.off(s, forward);
  }
}
