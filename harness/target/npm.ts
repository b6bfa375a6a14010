/** `npm:<spec>` targets: look the version up, install it once into the cache. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { execa } from 'execa';
import { cachedEntry } from './cache.js';
import { TargetError } from './types.js';
import { isRecord } from '../json.js';

export interface NpmOptions {
  cacheDir: string;
  /** Registry URL override (tests point this at a loopback registry). */
  registry?: string;
}

export interface NpmPackage {
  name: string;
  version: string;
  integrity: string;
  /** Directory of the installed package (…/node_modules/<name>). */
  packageDir: string;
}

const VIEW_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 300_000;

function npmArgs(opts: NpmOptions): string[] {
  return opts.registry ? ['--registry', opts.registry] : [];
}

/** npm's own environment, minus anything a caller's npm_config_* could redirect. */
function npmEnv(): Record<string, string | undefined> {
  return { ...process.env, npm_config_yes: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
}

/** npm's first error line (joined with the next one when the first only names the code). */
export function firstNpmErrorLine(stderr: string, stdout = ''): string {
  const lines = `${stderr}\n${stdout}`.split('\n').map((l) => l.trim()).filter(Boolean);
  const marked = lines.filter((l) => /^npm (error|ERR!)/.test(l));
  if (marked.length === 0) return lines[0] ?? '(npm printed nothing)';
  const [first, second] = marked;
  return /^npm (error|ERR!) code\b/.test(first) && second ? `${first}; ${second}` : first;
}

function describeFailure(what: string, result: { exitCode?: number; signal?: string; timedOut: boolean; stderr: string; stdout: string }): string {
  const how = result.timedOut ? 'timed out' : result.signal ? `killed by ${result.signal}` : `exit ${result.exitCode ?? '?'}`;
  return `${what} failed (${how}): ${firstNpmErrorLine(result.stderr, result.stdout)}`;
}


async function viewPackage(spec: string, npmSpec: string, opts: NpmOptions): Promise<{ name: string; version: string; integrity: string }> {
  const result = await execa('npm', ['view', npmSpec, '--json', ...npmArgs(opts)], {
    reject: false,
    timeout: VIEW_TIMEOUT_MS,
    env: npmEnv(),
    stdin: 'ignore',
  });
  if (result.failed) throw new TargetError(spec, describeFailure(`npm view ${npmSpec}`, result));
  let parsed: unknown;
  try {
    parsed = JSON.parse(result.stdout);
  } catch {
    throw new TargetError(spec, `npm view ${npmSpec} printed something that is not JSON`);
  }
  // A range matching several versions yields an array; npm lists them oldest first.
  const doc = Array.isArray(parsed) ? parsed[parsed.length - 1] : parsed;
  if (!isRecord(doc)) throw new TargetError(spec, `npm view ${npmSpec} found no matching version`);
  const dist = doc.dist;
  const integrity = isRecord(dist) && typeof dist.integrity === 'string' ? dist.integrity : null;
  if (typeof doc.name !== 'string' || typeof doc.version !== 'string' || !integrity) {
    throw new TargetError(spec, `npm view ${npmSpec} did not report name, version and dist.integrity`);
  }
  return { name: doc.name, version: doc.version, integrity };
}

export async function installNpmTarget(spec: string, npmSpec: string, opts: NpmOptions): Promise<NpmPackage> {
  if (npmSpec.trim() === '') throw new TargetError(spec, 'npm: needs a package spec, e.g. npm:image-skill@0.1.25');
  const meta = await viewPackage(spec, npmSpec, opts);
  const key = `npm-${createHash('sha256').update(meta.integrity).digest('hex').slice(0, 32)}`;
  const dir = await cachedEntry(opts.cacheDir, key, async (tempDir) => {
    const result = await execa(
      'npm',
      ['install', '--no-save', '--ignore-scripts', '--no-package-lock', '--prefix', tempDir, `${meta.name}@${meta.version}`, ...npmArgs(opts)],
      { reject: false, timeout: INSTALL_TIMEOUT_MS, env: npmEnv(), stdin: 'ignore', cwd: tempDir },
    );
    if (result.failed) throw new TargetError(spec, describeFailure(`npm install ${meta.name}@${meta.version}`, result));
  });
  return { ...meta, packageDir: path.join(dir, 'node_modules', ...meta.name.split('/')) };
}
