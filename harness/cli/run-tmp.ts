/**
 * One temp folder per run: Playwright, the scenarios' sandboxes, anvil and Chromium all get
 * TMPDIR inside it, and it is removed when the run ends, interrupted or not, so nothing a
 * killed browser or CLI left behind outlives the run. Playwright's transform cache stays in
 * the shared temp folder so runs do not recompile everything.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export async function withRunTmpDir<T>(fn: (env: Record<string, string>) => Promise<T>): Promise<T> {
  const shared = tmpdir();
  const dir = await mkdtemp(join(shared, 'isc-run-'));
  // Traversable by the unprivileged uid some scenarios run the CLI as (their sandboxes live inside), not listable.
  await chmod(dir, 0o711);
  const env: Record<string, string> = {
    TMPDIR: dir,
    PLAYWRIGHT_TRANSFORM_CACHE_DIR: process.env.PLAYWRIGHT_TRANSFORM_CACHE_DIR ?? join(shared, `playwright-transform-cache-${userInfo().uid}`),
  };
  try {
    return await fn(env);
  } finally {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
  }
}
