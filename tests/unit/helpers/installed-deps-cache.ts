/**
 * `npm install -D <harness tarball>` into a scratch CLI repository, with the dependencies it
 * installed last time laid down first. Unpacking the harness's 200 dependencies (288 MB, with a
 * native build of an optional one) cost about 28 s of CPU, more than anything else in `npm test`'s
 * first step; over a node_modules that already holds them, npm still resolves the whole tree
 * against the tarball's declared dependencies, adds the harness and fixes whatever differs, in
 * about 2 s. The tree that results is the same, file for file (both listed and compared when
 * this was written; npm wrote no file but its own record of the tree, .package-lock.json).
 *
 * The dependencies are kept per key (the dependency maps of both packages, the Node ABI, the
 * platform) in `<target cache>/test-package-install/<key>/node_modules`, hard links where the
 * file system allows, else copies; a new key replaces the old ones. `ISC_TEST_FRESH_INSTALL=1`
 * installs without it.
 */
import { createHash } from 'node:crypto';
import { execa } from 'execa';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cachedEntry, defaultCacheDir, existingEntry } from '../../../harness/target/cache.js';
import { isRecord } from '../../../harness/json.js';

export interface DepsInstall {
  exitCode: number | undefined;
  stderr: string;
  /** How node_modules was laid down before npm ran: from the kept dependencies, or not. */
  seeded: 'linked' | 'copied' | 'fresh';
}

const HARNESS_NAME = 'image-skill-conformance';

async function dependencyMaps(packageJson: string): Promise<unknown> {
  const doc: unknown = JSON.parse(await readFile(packageJson, 'utf8'));
  return isRecord(doc) ? { dependencies: doc.dependencies ?? null, optionalDependencies: doc.optionalDependencies ?? null, devDependencies: doc.devDependencies ?? null } : null;
}

/** Hard links, else a copy (another file system); null when neither worked. */
async function layDown(from: string, to: string): Promise<'linked' | 'copied' | null> {
  if ((await execa('cp', ['-al', from, to], { reject: false })).exitCode === 0) return 'linked';
  await rm(to, { recursive: true, force: true });
  if ((await execa('cp', ['-a', from, to], { reject: false })).exitCode === 0) return 'copied';
  await rm(to, { recursive: true, force: true });
  return null;
}

export async function installHarnessInto(scratch: string, harnessTarball: string, harnessPackageJson: string, npmFlags: string[]): Promise<DepsInstall> {
  const cacheRoot = join(defaultCacheDir(), 'test-package-install');
  const key = createHash('sha256')
    .update(JSON.stringify([await dependencyMaps(harnessPackageJson), await dependencyMaps(join(scratch, 'package.json')), process.versions.modules, process.platform, process.arch]))
    .digest('hex')
    .slice(0, 32);
  const fresh = process.env.ISC_TEST_FRESH_INSTALL === '1';
  const kept = fresh ? null : await existingEntry(cacheRoot, key);
  const seeded = kept ? ((await layDown(join(kept, 'node_modules'), join(scratch, 'node_modules'))) ?? 'fresh') : 'fresh';
  const install = await execa('npm', ['install', '-D', harnessTarball, ...npmFlags], { cwd: scratch, reject: false, timeout: 900_000 });
  if (install.exitCode === 0 && !kept && !fresh) {
    // Keep this install's dependencies (not the harness itself, nor npm's record of the tree).
    await cachedEntry(cacheRoot, key, async (dir) => {
      const modules = join(dir, 'node_modules');
      if (!(await layDown(join(scratch, 'node_modules'), modules))) throw new Error(`could not keep ${scratch}/node_modules`);
      for (const own of [HARNESS_NAME, '.package-lock.json', join('.bin', HARNESS_NAME)]) await rm(join(modules, own), { recursive: true, force: true });
    }).catch(() => undefined); // a cache, never a reason to fail
    for (const other of await readdir(cacheRoot).catch(() => [] as string[])) {
      if (other !== key && !other.startsWith('.tmp-')) await rm(join(cacheRoot, other), { recursive: true, force: true });
    }
  }
  return { exitCode: install.exitCode, stderr: install.stderr, seeded };
}
