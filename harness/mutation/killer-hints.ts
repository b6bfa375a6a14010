/**
 * Which scenario killed each mutant last time, kept between runs (like StrykerJS's incremental
 * file): the next run tries that scenario first, so most mutants need one scenario run. Only an
 * ordering hint; a missing, stale or unreadable file changes the run's time, never its verdicts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '../target/cache.js';
import { isRecord } from '../json.js';

export const HINTS_SCHEMA = 'image-skill-conformance.mutation-killers.v1';

export function defaultHintsFile(): string {
  return join(defaultCacheDir(), 'mutation-killers.json');
}

/** mutant → test key; an empty map when the file is missing or not ours. */
export function parseHints(doc: unknown): Map<string, string> {
  if (!isRecord(doc) || doc.schema !== HINTS_SCHEMA || !isRecord(doc.killers)) return new Map();
  return new Map(Object.entries(doc.killers).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export async function readHints(file: string): Promise<Map<string, string>> {
  try {
    return parseHints(JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return new Map();
  }
}

/** Keeps earlier hints for mutants this run did not judge (a `--mutant` subset). */
export async function writeHints(file: string, previous: Map<string, string>, killers: Map<string, string>): Promise<void> {
  const merged = Object.fromEntries([...new Map([...previous, ...killers])].sort(([a], [b]) => (a < b ? -1 : 1)));
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify({ schema: HINTS_SCHEMA, killers: merged }, null, 2)}\n`);
  } catch (err) {
    console.warn(`could not keep the killing scenarios in ${file} (the next run tries them in the default order): ${(err as Error).message}`);
  }
}
