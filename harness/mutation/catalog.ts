/** The reference CLI's mutant catalogue (fixtures/reference-cli/mutants.json), validated. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoRoot } from '../cli/paths.js';
import { isRecord } from '../json.js';

export interface Mutant {
  name: string;
  area: string;
  rule: string;
  /** The catalogue rule id the mutant breaks (harness/rules), when the catalogue names one. */
  breaks: string | null;
}

export function catalogPath(): string {
  return join(repoRoot(), 'fixtures', 'reference-cli', 'mutants.json');
}

export function parseMutants(parsed: unknown, file: string): Mutant[] {
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of mutants`);
  const seen = new Set<string>();
  return parsed.map((row: unknown, i) => {
    if (!isRecord(row) || typeof row.name !== 'string' || typeof row.area !== 'string' || typeof row.rule !== 'string') {
      throw new Error(`${file}: entry ${i} needs string name, area and rule`);
    }
    if (row.breaks !== undefined && typeof row.breaks !== 'string') throw new Error(`${file}: entry ${i} (${row.name}): "breaks" must be a rule id`);
    if (seen.has(row.name)) throw new Error(`${file}: duplicate mutant name ${row.name}`);
    seen.add(row.name);
    return { name: row.name, area: row.area, rule: row.rule, breaks: typeof row.breaks === 'string' ? row.breaks : null };
  });
}

export async function loadMutants(): Promise<Mutant[]> {
  const file = catalogPath();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the mutant catalogue ${file}: ${(err as Error).message}`);
  }
  return parseMutants(parsed, file);
}
