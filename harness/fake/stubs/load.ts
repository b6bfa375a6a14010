/** Stubs from a directory (`serve --stubs DIR`): every *.json file holds one stub or an array of stubs. */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStub, describeProblems } from './validate.js';
import type { Stub } from './schema.js';

export class StubFileError extends Error {}

export async function loadStubDir(dir: string): Promise<Array<{ file: string; stub: Stub }>> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    throw new StubFileError(`--stubs ${dir}: cannot read the directory (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const out: Array<{ file: string; stub: Stub }> = [];
  const ids = new Set<string>();
  for (const name of names) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (err) {
      throw new StubFileError(`${file}: not JSON (${(err as Error).message})`);
    }
    const items = Array.isArray(json) ? json : [json];
    items.forEach((item, i) => {
      const where = Array.isArray(json) ? `${file} [${i}]` : file;
      const parsed = parseStub(item);
      if (!parsed.ok) throw new StubFileError(`${where}: ${describeProblems(parsed.problems)}`);
      if (parsed.value.id !== undefined) {
        if (ids.has(parsed.value.id)) throw new StubFileError(`${where}: id: "${parsed.value.id}" is used twice`);
        ids.add(parsed.value.id);
      }
      out.push({ file: where, stub: parsed.value });
    });
  }
  return out;
}
