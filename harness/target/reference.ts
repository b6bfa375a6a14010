/** The bundled reference CLI and its mutants (`reference`, `reference:<mutant>`). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TargetError } from './types.js';
import { isRecord } from '../json.js';

export const MUTANT_ENV = 'ISC_REFERENCE_MUTANT';
/** A folder where the reference CLI records the mutant switches it consults (lib/mutants.mjs); the mutation run's coverage pass sets it per test. */
export const COVERAGE_ENV = 'ISC_REFERENCE_COVERAGE';

export function referenceDir(repoRoot: string): string {
  return path.join(repoRoot, 'fixtures', 'reference-cli');
}


/**
 * Mutant names from mutants.json. Accepts the shapes a list of mutants is likely to
 * take: ["a", ...], [{name|id}, ...], {name: {...}}, or any of those under `mutants`.
 */
export function mutantNames(doc: unknown): string[] {
  const list = isRecord(doc) && 'mutants' in doc ? doc.mutants : doc;
  if (Array.isArray(list)) {
    return list.flatMap((m) => {
      if (typeof m === 'string') return [m];
      if (isRecord(m)) {
        const name = m.name ?? m.id;
        return typeof name === 'string' ? [name] : [];
      }
      return [];
    });
  }
  return isRecord(list) ? Object.keys(list) : [];
}

/** Throws unless the mutant is listed; passes when the reference ships no mutants.json. */
export async function validateMutant(spec: string, dir: string, mutant: string): Promise<void> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(mutant)) throw new TargetError(spec, `"${mutant}" is not a valid mutant name`);
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, 'mutants.json'), 'utf8');
  } catch {
    return;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new TargetError(spec, `${path.join(dir, 'mutants.json')} is not valid JSON (${(err as Error).message})`);
  }
  const names = mutantNames(doc);
  if (!names.includes(mutant)) {
    throw new TargetError(spec, `unknown mutant "${mutant}"; known mutants: ${names.join(', ') || '(none)'}`);
  }
}
