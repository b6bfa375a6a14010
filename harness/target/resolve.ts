/**
 * Turn a `--cli` target spec into a ResolvedTarget:
 *   reference | reference:<mutant> | npm:<spec> | <file>.tgz | <package dir> | cmd:<command line>
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { defaultCacheDir, defaultRepoRoot } from './cache.js';
import { resolveCommandLine } from './command.js';
import { installNpmTarget } from './npm.js';
import { readPackageDir, type PackageInfo } from './package-dir.js';
import { describeCommandManifest } from './command-manifest.js';
import { MUTANT_ENV, referenceDir, validateMutant } from './reference.js';
import { extractTarball } from './tarball.js';
import { NPM_TARGET_PREFIX, targetNeedsRegistry } from './registry-need.js';
import { TargetError, type ResolvedTarget, type TargetKind } from './types.js';

export interface ResolveOptions {
  /** Where npm installs and extracted tarballs are kept (default: see defaultCacheDir). */
  cacheDir?: string;
  /** Repository root, used to find fixtures/reference-cli (default: this checkout). */
  repoRoot?: string;
  /** npm registry URL for npm: targets (default: npm's own configuration). */
  npmRegistry?: string;
}

function fromPackage(spec: string, kind: TargetKind, pkg: PackageInfo, integrity: string, extra: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return {
    spec,
    kind,
    name: pkg.name,
    version: pkg.version,
    integrity,
    command: pkg.command,
    isNode: pkg.isNode,
    env: {},
    packageDir: pkg.packageDir,
    documents: pkg.documents,
    ...(pkg.commandManifest ? { commandManifest: pkg.commandManifest } : {}),
    mutant: null,
    ...extra,
  };
}

async function resolveReference(spec: string, mutant: string | null, repoRoot: string): Promise<ResolvedTarget> {
  const dir = referenceDir(repoRoot);
  const stat = await fs.stat(dir).catch(() => null);
  if (!stat?.isDirectory()) throw new TargetError(spec, `the reference CLI directory ${dir} does not exist`);
  if (mutant !== null) await validateMutant(spec, dir, mutant);
  const pkg = await readPackageDir(dir, spec);
  return fromPackage(spec, 'reference', pkg, pkg.contentIntegrity, {
    env: mutant === null ? {} : { [MUTANT_ENV]: mutant },
    mutant,
  });
}

async function resolvePath(spec: string, cacheDir: string): Promise<ResolvedTarget> {
  const abs = path.resolve(spec);
  const stat = await fs.stat(abs).catch(() => null);
  if (!stat) throw new TargetError(spec, `${abs} does not exist`);
  if (stat.isFile()) {
    if (!/\.(tgz|tar\.gz)$/i.test(abs)) throw new TargetError(spec, `${abs} is a file but not a .tgz package tarball`);
    const { packageDir, sha256 } = await extractTarball(spec, abs, cacheDir);
    const pkg = await readPackageDir(packageDir, spec);
    return fromPackage(spec, 'tarball', pkg, `sha256-${sha256}`);
  }
  if (!stat.isDirectory()) throw new TargetError(spec, `${abs} is neither a directory nor a .tgz file`);
  const pkg = await readPackageDir(abs, spec);
  return fromPackage(spec, 'directory', pkg, pkg.contentIntegrity);
}

export async function resolveTarget(spec: string, opts: ResolveOptions = {}): Promise<ResolvedTarget> {
  const repoRoot = opts.repoRoot ?? defaultRepoRoot();
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  if (spec.trim() === '') throw new TargetError(spec, 'the target spec is empty');

  if (spec === 'reference') return resolveReference(spec, null, repoRoot);
  if (spec.startsWith('reference:')) return resolveReference(spec, spec.slice('reference:'.length), repoRoot);

  if (targetNeedsRegistry(spec)) {
    const installed = await installNpmTarget(spec, spec.slice(NPM_TARGET_PREFIX.length), { cacheDir, registry: opts.npmRegistry });
    const pkg = await readPackageDir(installed.packageDir, spec);
    return fromPackage(spec, 'npm', pkg, installed.integrity, { name: installed.name, version: installed.version });
  }

  if (spec.startsWith('cmd:')) {
    const { command, isNode } = await resolveCommandLine(spec, spec.slice('cmd:'.length));
    return { spec, kind: 'command', name: null, version: null, integrity: null, command, isNode, env: {}, packageDir: null, documents: {}, mutant: null };
  }

  return resolvePath(spec, cacheDir);
}

function shortIntegrity(integrity: string): string {
  return integrity.length > 24 ? `${integrity.slice(0, 22)}…` : integrity;
}

/** One line naming the build, e.g. `image-skill 0.1.25 (directory /x, integrity sha256-ab…, ships cli.md)`. */
export function describeTarget(t: ResolvedTarget): string {
  const docs = Object.keys(t.documents);
  const details: string[] = [];
  if (t.kind === 'command') details.push(`command ${t.command.join(' ')}`);
  else details.push(`${t.kind} ${t.kind === 'npm' ? t.spec.slice(4) : (t.packageDir ?? t.spec)}`);
  if (t.mutant) details.push(`mutant ${t.mutant}`);
  if (t.integrity) details.push(`integrity ${shortIntegrity(t.integrity)}`);
  details.push(docs.length > 0 ? `ships ${docs.join(', ')}` : 'ships no contract documents');
  if (t.commandManifest) details.push(describeCommandManifest(t.commandManifest));
  if (!t.isNode) details.push('not a Node script: network guard not applied');
  const label = t.name ? `${t.name}${t.version ? ` ${t.version}` : ''}` : t.spec;
  return `${label} (${details.join(', ')})`;
}
