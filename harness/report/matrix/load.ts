/**
 * Finds and reads the report folders a matrix is built from: a folder holding results.json
 * (one build's report), or a run folder whose sub-folders hold one each (`run --cli A --cli B`).
 * Anything unusable is a MatrixInputError naming the folder or file and the problem (exit 2).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadResults, ResultsError } from '../results.js';
import type { RunResults } from '../results.js';
import { readStatedRules } from '../../checks/schema-files.js';

export class MatrixInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'MatrixInputError';
  }
}

export interface LoadedReport {
  /** Absolute path of the folder holding results.json. */
  dir: string;
  results: RunResults;
  /** Rules the documents of its contract version state (schemas/examples/<v>/stated-rules.json); null when none is recorded. */
  stated: ReadonlySet<string> | null;
}

const RESULTS = 'results.json';

/** The folders under `dir` that hold results.json: itself, else its direct sub-folders (sorted). */
export function reportFolders(dir: string): string[] {
  if (existsSync(join(dir, RESULTS))) return [dir];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, RESULTS)))
    .map((d) => join(dir, d.name))
    .sort();
}

export function statedFor(results: RunResults): ReadonlySet<string> | null {
  if (!results.contract_version) return null;
  try {
    const ids = readStatedRules(results.contract_version);
    return ids ? new Set(ids) : null;
  } catch {
    return null;
  }
}

/** Every report under the given folders, in the order given; all problems at once. */
export async function loadReports(dirs: string[]): Promise<LoadedReport[]> {
  const problems: string[] = [];
  const out: LoadedReport[] = [];
  const seen = new Set<string>();
  for (const given of dirs) {
    const dir = resolve(given);
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (!stat) {
      problems.push(`${given}: no such folder`);
      continue;
    }
    if (!stat.isDirectory()) {
      problems.push(`${given}: not a folder (give the report folder that holds ${RESULTS}, or a run folder with one per build)`);
      continue;
    }
    const folders = reportFolders(dir);
    if (folders.length === 0) {
      problems.push(`${given}: no ${RESULTS} in it or in its sub-folders`);
      continue;
    }
    for (const folder of folders) {
      if (seen.has(folder)) continue;
      seen.add(folder);
      try {
        const results = await loadResults(join(folder, RESULTS));
        out.push({ dir: folder, results, stated: statedFor(results) });
      } catch (err) {
        problems.push(err instanceof ResultsError ? err.message : `${join(folder, RESULTS)}: ${(err as Error).message}`);
      }
    }
  }
  if (problems.length > 0) throw new MatrixInputError(problems);
  return out;
}
