/** `.tgz` targets: hash the file, extract it once into the cache. */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { execa } from 'execa';
import { cachedEntry } from './cache.js';
import { TargetError } from './types.js';
import { isRecord } from '../json.js';

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}


/** npm tarballs hold one top-level folder (normally `package/`). */
async function findPackageRoot(extracted: string): Promise<string | null> {
  if (await fs.stat(path.join(extracted, 'package.json')).catch(() => null)) return extracted;
  const entries = await fs.readdir(extracted, { withFileTypes: true });
  const dirs = entries.filter((e) => e.isDirectory());
  for (const dir of dirs) {
    const candidate = path.join(extracted, dir.name);
    if (await fs.stat(path.join(candidate, 'package.json')).catch(() => null)) return candidate;
  }
  return null;
}

/** Install runtime dependencies only when the package declares some. */
async function installDependencies(spec: string, pkgDir: string): Promise<void> {
  const manifest: unknown = JSON.parse(await fs.readFile(path.join(pkgDir, 'package.json'), 'utf8'));
  const deps = isRecord(manifest) ? manifest.dependencies : undefined;
  if (!isRecord(deps) || Object.keys(deps).length === 0) return;
  const result = await execa('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-save', '--no-package-lock'], {
    cwd: pkgDir,
    reject: false,
    timeout: 300_000,
    stdin: 'ignore',
  });
  if (result.failed) {
    const line = `${result.stderr}\n${result.stdout}`.split('\n').find((l) => /^npm (error|ERR!)/.test(l.trim())) ?? `exit ${result.exitCode}`;
    throw new TargetError(spec, `installing the tarball's dependencies failed: ${line.trim()}`);
  }
}

export async function extractTarball(spec: string, file: string, cacheDir: string): Promise<{ packageDir: string; sha256: string }> {
  const sha256 = await sha256File(file);
  const dir = await cachedEntry(cacheDir, `tgz-${sha256.slice(0, 32)}`, async (tempDir) => {
    const result = await execa('tar', ['-xzf', path.resolve(file), '-C', tempDir, '--no-same-owner'], { reject: false, stdin: 'ignore' });
    if (result.failed) {
      throw new TargetError(spec, `tar could not extract ${file}: ${result.stderr.split('\n')[0] || `exit ${result.exitCode}`}`);
    }
    const root = await findPackageRoot(tempDir);
    if (!root) throw new TargetError(spec, `the tarball ${file} holds no package.json`);
    await installDependencies(spec, root);
  });
  const packageDir = await findPackageRoot(dir);
  if (!packageDir) throw new TargetError(spec, `the tarball ${file} holds no package.json`);
  return { packageDir, sha256 };
}
