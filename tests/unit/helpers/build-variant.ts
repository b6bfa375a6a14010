/**
 * A test build made at test time from a packed CLI (a real build's tarball, or a package folder):
 * its files copied into a temp folder and a few lines of ours put in front of its bin script
 * (after the shebang). Nothing of the CLI enters the repository; the variant is removed by
 * `dispose`. Used to show that a check fails a build that breaks its rule (issue 28's journal
 * rules, issue 29's deleted field).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export interface BuildVariant {
  /** The variant's package folder (a `--cli` target). */
  dir: string;
  version: string;
  dispose(): void;
}

function binOf(pkg: { name?: unknown; bin?: unknown }): string {
  if (typeof pkg.bin === 'string') return pkg.bin;
  if (pkg.bin && typeof pkg.bin === 'object') {
    const first = Object.values(pkg.bin as Record<string, unknown>).find((v): v is string => typeof v === 'string');
    if (first) return first;
  }
  throw new Error('the package has no bin script');
}

/** `source`: a .tgz or a package folder; `prelude`: JavaScript (ES module) run before the CLI's own code. */
export function makeBuildVariant(source: string, prelude: string): BuildVariant {
  const root = mkdtempSync(path.join(tmpdir(), 'isc-build-variant-'));
  const dir = path.join(root, 'package');
  try {
    if (/\.(tgz|tar\.gz)$/.test(source)) execFileSync('tar', ['xzf', source, '-C', root]);
    else cpSync(source, dir, { recursive: true, filter: (p) => !p.includes(`${path.sep}node_modules${path.sep}.cache`) });
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: unknown; bin?: unknown };
    const bin = path.join(dir, binOf(pkg));
    const text = readFileSync(bin, 'utf8');
    const shebang = text.startsWith('#!') ? text.slice(0, text.indexOf('\n') + 1) : '';
    writeFileSync(bin, `${shebang}${prelude}\n${text.slice(shebang.length)}`);
    return { dir, version: String(pkg.version), dispose: () => rmSync(root, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * The packed real build of `version` (ISC_REAL_CLI_DIR, default ../shared/real-cli) for a test to
 * use, or, when it is missing, the reference CLI, said loudly (a test annotation and a warning):
 * such a run never passes for a real build.
 */
export function realBuildOrReference(version: string, what: string): string {
  const dir = process.env.ISC_REAL_CLI_DIR ? path.resolve(process.env.ISC_REAL_CLI_DIR) : path.join(repoRoot, '..', 'shared', 'real-cli');
  const tarball = path.join(dir, `image-skill-${version}.tgz`);
  if (existsSync(tarball)) return tarball;
  test.info().annotations.push({ type: 'NOT RUN on a real build', description: `${tarball} is missing: the reference CLI stands in` });
  console.warn(`!!! ${tarball} is missing: ${what} use the reference CLI instead`);
  return path.join(repoRoot, 'fixtures', 'reference-cli');
}
