/**
 * Mutant coverage: which mutant switches each scenario test reached when run against the
 * unmutated reference. The coverage pass gives every test a folder (harness/mutation/gate.ts)
 * holding `test.json` (which test) and one `.jsonl` file per CLI process the test started
 * (fixtures/reference-cli/lib/mutants.mjs: a first line saying where it ran, then one mutant
 * name per line). Unknown in, validated out.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../json.js';
import { TEST_META_FILE } from './gate.js';
import { testKey } from './test-key.js';
import type { TestRef } from './test-key.js';

export interface TestCoverage {
  key: string;
  ref: TestRef;
  /** Mutant switches any of the test's CLI processes consulted, sorted. */
  switches: string[];
  /** CLI processes that left a record. */
  processes: number;
}

function parseRef(doc: unknown, source: string): TestRef {
  if (!isRecord(doc) || typeof doc.file !== 'string' || !Array.isArray(doc.titles) || !doc.titles.every((t): t is string => typeof t === 'string')) {
    throw new Error(`${source}: expected {"file": string, "titles": string[]}`);
  }
  return { file: doc.file, titles: doc.titles };
}

/** The switch names in one process record (every line after the first is a JSON string). */
export function switchesInRecord(text: string, source: string): string[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(1).map((line, i) => {
    let name: unknown;
    try {
      name = JSON.parse(line);
    } catch {
      name = null;
    }
    if (typeof name !== 'string') throw new Error(`${source}: line ${i + 2} is not a JSON string naming a mutant switch`);
    return name;
  });
}

export async function readCoverage(root: string): Promise<TestCoverage[]> {
  const out: TestCoverage[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    const metaFile = join(dir, TEST_META_FILE);
    const ref = parseRef(JSON.parse(await readFile(metaFile, 'utf8')), metaFile);
    const switches = new Set<string>();
    let processes = 0;
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.jsonl')) continue;
      processes++;
      for (const s of switchesInRecord(await readFile(join(dir, name), 'utf8'), join(dir, name))) switches.add(s);
    }
    out.push({ key: testKey(ref), ref, switches: [...switches].sort(), processes });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
