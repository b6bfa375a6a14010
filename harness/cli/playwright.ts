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
  const child = await execa(process.execPath, args, {
    cwd: repoRoot(),
    env: { ...process.env, ...opts.env },
    stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    reject: false,
  });
  return child.exitCode ?? 1;
}
