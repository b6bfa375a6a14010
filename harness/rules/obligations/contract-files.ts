/**
 * The prose documents of one contract version's folder: every `.md` and `.txt` file, read once
 * per content (0.1.60 ships skill.md, SKILL.md and skills/… copies of the same text; the copy
 * kept is the top-level one under the name the catalogue cites).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export interface ContractFile {
  /** Path within the version folder, `/`-separated (`cli.md`, `CHANGELOG.md`). */
  name: string;
  text: string;
  /** Other paths of the folder with the same text, not read again. */
  copies: string[];
}

const CITED_NAMES = new Set(['cli.md', 'llms.txt', 'skill.md']);

function listProse(dir: string, root = dir): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listProse(path, root));
    else if (/\.(md|txt)$/i.test(entry)) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

const rank = (name: string): [number, number, string] => [name.split('/').length, CITED_NAMES.has(name) ? 0 : 1, name];
function compareRank(a: string, b: string): number {
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
}

/** The version folder's prose files, one per distinct text, top-level cited names first. */
export function readContractFiles(versionDir: string): ContractFile[] {
  const byText = new Map<string, ContractFile>();
  for (const name of listProse(versionDir).sort(compareRank)) {
    const text = readFileSync(join(versionDir, name), 'utf8');
    const seen = byText.get(text);
    if (seen) seen.copies.push(name);
    else byText.set(text, { name, text, copies: [] });
  }
  return [...byText.values()].sort((a, b) => compareRank(a.name, b.name));
}
