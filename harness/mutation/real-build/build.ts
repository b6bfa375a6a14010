/**
 * An instrumented copy of a real build: the tarball is extracted once into the target cache
 * (harness/target/tarball.ts), copied to `<dir>`, and its bin and the package's own JS files the
 * bin loads (relative imports and requires, followed from file to file) are replaced by Stryker's
 * mutant-switching version, with stryker-runtime.cjs loaded first. `<dir>` is then a package
 * folder any `--cli <dir>` can run. No CLI code is kept anywhere else.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCacheDir } from '../../target/cache.js';
import { readPackageDir } from '../../target/package-dir.js';
import { extractTarball } from '../../target/tarball.js';
import { instrumentSources } from './instrument.js';
import type { InstrumentedFile } from './instrument.js';
import { describeMutants } from './mutants.js';
import type { MutantInfo } from './mutants.js';

export const RUNTIME_FILE = 'isc-stryker-runtime.cjs';
const RUNTIME_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'stryker-runtime.cjs');

export interface InstrumentedBuild {
  /** The package folder to hand to `--cli`. */
  dir: string;
  name: string | null;
  version: string | null;
  sha256: string;
  /** Instrumented files, relative to `dir`. */
  files: string[];
  mutants: MutantInfo[];
}

const SPECIFIER = /\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|\bimport\s*["'](\.{1,2}\/[^"']+)["']|\brequire\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Relative specifiers a JS file names (static and dynamic imports, requires). */
export function relativeSpecifiers(source: string): string[] {
  return [...source.matchAll(SPECIFIER)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]).filter((s): s is string => typeof s === 'string');
}

function resolveLocal(fromFile: string, spec: string, root: string): string | null {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`, path.join(base, 'index.js')]) {
    if (!candidate.startsWith(root + path.sep) || candidate.includes(`${path.sep}node_modules${path.sep}`)) continue;
    if (/\.(c|m)?js$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** The bin and every package JS file reachable from it by relative imports, bin first. */
export async function loadedFiles(root: string, bin: string): Promise<string[]> {
  const seen = new Set<string>([bin]);
  const queue = [bin];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const spec of relativeSpecifiers(await readFile(file, 'utf8'))) {
      const next = resolveLocal(file, spec, root);
      if (next && !seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return [...seen];
}

async function isEsm(file: string, root: string): Promise<boolean> {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  const manifest: unknown = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'type' in manifest && manifest.type === 'module';
}

/** The entry file with the runtime loaded before anything else (after a shebang line). */
export function withRuntimeFirst(content: string, runtimeSpecifier: string, esm: boolean): string {
  const load = esm ? `import ${JSON.stringify(runtimeSpecifier)};` : `require(${JSON.stringify(runtimeSpecifier)});`;
  if (!content.startsWith('#!')) return `${load}\n${content}`;
  const end = content.indexOf('\n');
  return `${content.slice(0, end + 1)}${load}\n${content.slice(end + 1)}`;
}

/** Instrument the files of a package folder in place (`root`), starting from its bin. */
export async function instrumentPackage(root: string, bin: string): Promise<{ files: string[]; mutants: MutantInfo[] }> {
  const absolute = await loadedFiles(root, bin);
  const originals: InstrumentedFile[] = await Promise.all(absolute.map(async (f) => ({ file: path.relative(root, f).split(path.sep).join('/'), content: await readFile(f, 'utf8') })));
  const result = await instrumentSources(originals);
  const mutants: MutantInfo[] = [];
  for (const original of originals) mutants.push(...describeMutants(original.content, result.mutants.filter((m) => m.file === original.file)));
  for (const f of result.files) {
    const file = path.join(root, f.file);
    let content = f.content;
    if (file === bin) {
      let spec = path.relative(path.dirname(bin), path.join(root, RUNTIME_FILE)).split(path.sep).join('/');
      if (!spec.startsWith('.')) spec = `./${spec}`;
      content = withRuntimeFirst(content, spec, await isEsm(bin, root));
    }
    await writeFile(file, content);
  }
  await cp(RUNTIME_SOURCE, path.join(root, RUNTIME_FILE));
  return { files: originals.map((o) => o.file), mutants };
}

/** Extract `tarball` (target cache), copy it to `dir` and instrument the copy. */
export async function instrumentedBuild(tarball: string, dir: string, cacheDir = defaultCacheDir()): Promise<InstrumentedBuild> {
  const { packageDir, sha256 } = await extractTarball(tarball, tarball, cacheDir);
  await cp(packageDir, dir, { recursive: true, force: true });
  const pkg = await readPackageDir(dir, dir);
  const { files, mutants } = await instrumentPackage(pkg.packageDir, pkg.binPath);
  return { dir: pkg.packageDir, name: pkg.name, version: pkg.version, sha256, files, mutants };
}
