/**
 * Schema coverage written by the runner's workers as <report dir>/coverage/*.json,
 * merged with the checks area's own merge so both sides agree on the arithmetic.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mergeCoverage } from '../checks/schema-coverage.js';
import type { SchemaCoverage } from './results.js';

/** Merged coverage, or null when there are no files; `warn` gets a line when files are unusable. */
export async function collectCoverage(reportDir: string, warn: (line: string) => void = () => {}): Promise<SchemaCoverage | null> {
  const dir = join(reportDir, 'coverage');
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch {
    return null;
  }
  if (names.length === 0) return null;
  try {
    return mergeCoverage(names.map((n) => join(dir, n)));
  } catch (err) {
    warn(`schema coverage left out of results.json: ${(err as Error).message}`);
    return null;
  }
}
