/**
 * Content-addressed cache of installed/extracted CLI builds. An entry is filled
 * in a private temp dir and renamed into place, so parallel workers never see a
 * half-written entry; the loser of a race just uses the winner's copy.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repo root: this file lives in <repo>/harness/target/. */
export function defaultRepoRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** Environment variable (and `--cache-dir` flag of the front end) that overrides the cache location. */
export const CACHE_DIR_ENV = 'ISC_CACHE_DIR';

/**
 * Where installed and extracted builds are kept: $ISC_CACHE_DIR, else the user's cache home
 * ($XDG_CACHE_HOME or ~/.cache)/image-skill-conformance/targets. Never inside the harness's
 * own folder, which is node_modules when the harness is installed as a dependency.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const chosen = env[CACHE_DIR_ENV]?.trim();
  if (chosen) return path.resolve(chosen);
  const cacheHome = env.XDG_CACHE_HOME?.trim();
  const base = cacheHome && path.isAbsolute(cacheHome) ? cacheHome : path.join(home, '.cache');
  return path.join(base, 'image-skill-conformance', 'targets');
}

const READY_MARKER = '.isc-ready';

/** Return `<cacheDir>/<key>`, running `fill(tempDir)` first when the entry is missing. */
export async function cachedEntry(cacheDir: string, key: string, fill: (dir: string) => Promise<void>): Promise<string> {
  const finalDir = path.join(cacheDir, key);
  if (await isReady(finalDir)) return finalDir;
  await fs.mkdir(cacheDir, { recursive: true });
  const tempDir = path.join(cacheDir, `.tmp-${key}-${randomBytes(4).toString('hex')}`);
  await fs.mkdir(tempDir, { recursive: true });
  try {
    await fill(tempDir);
    await fs.writeFile(path.join(tempDir, READY_MARKER), new Date().toISOString());
    if (!(await isReady(finalDir))) {
      // A leftover without the marker is an interrupted copy from older code paths.
      await fs.rm(finalDir, { recursive: true, force: true });
      await fs.rename(tempDir, finalDir).catch(async (err: unknown) => {
        if (!(await isReady(finalDir))) throw err;
      });
    }
  } finally {
    await fs.rm(tempDir, { recursive: true, force: true });
  }
  return finalDir;
}

/** `<cacheDir>/<key>` when that entry is complete, else null (nothing is filled). */
export async function existingEntry(cacheDir: string, key: string): Promise<string | null> {
  const dir = path.join(cacheDir, key);
  return (await isReady(dir)) ? dir : null;
}

async function isReady(dir: string): Promise<boolean> {
  return fs.stat(path.join(dir, READY_MARKER)).then(
    () => true,
    () => false,
  );
}
