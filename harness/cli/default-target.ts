/**
 * What `run`, `proof` and `diff` test when no target is named: the `image-skill` package in the
 * folder the command runs in (its absolute path), and the bundled reference only when that
 * folder holds no package at all or another package. A maintainer who forgets `--cli .` in the
 * CLI's own repository gets their own code tested, never a green gate for the reference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isRecord } from '../json.js';
import { EXPECTED_PACKAGE_NAME } from '../target/name-check.js';
import { UsageError } from './args.js';

export interface DefaultTarget {
  /** The target spec: the folder's absolute path, or `reference`. */
  spec: string;
  /** Why this one, for the line that names the build. */
  why: string;
  /** True when it is the package in the folder (not the reference). */
  local: boolean;
}

/** The name in `<cwd>/package.json`: null when there is none; a usage error when it cannot be read. */
function packageNameIn(cwd: string): { found: boolean; name: string | null } {
  const file = join(cwd, 'package.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { found: false, name: null };
    throw new UsageError(`no --cli given, and ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}) to tell whether this folder is the image-skill package; name the build with --cli`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new UsageError(`no --cli given, and ${file} is not valid JSON, so it cannot tell whether this folder is the image-skill package; name the build with --cli`);
  }
  return { found: true, name: isRecord(doc) && typeof doc.name === 'string' ? doc.name : null };
}

/** The package in `cwd` when its package.json is named image-skill, else null (with what was found). */
export function localImageSkillPackage(cwd: string = process.cwd()): { dir: string | null; found: string } {
  const pkg = packageNameIn(cwd);
  if (pkg.found && pkg.name === EXPECTED_PACKAGE_NAME) return { dir: cwd, found: `the ${EXPECTED_PACKAGE_NAME} package in ${cwd}` };
  if (!pkg.found) return { dir: null, found: `no package.json in ${cwd}` };
  return { dir: null, found: `the package in ${cwd} is ${pkg.name === null ? 'unnamed' : `"${pkg.name}"`}, not ${EXPECTED_PACKAGE_NAME}` };
}

/** The target of `run` / `proof` without `--cli`. */
export function defaultCliTarget(cwd: string = process.cwd()): DefaultTarget {
  const local = localImageSkillPackage(cwd);
  if (local.dir) return { spec: local.dir, why: `no --cli: ${local.found}`, local: true };
  return { spec: 'reference', why: `no --cli and ${local.found}: the bundled reference`, local: false };
}
