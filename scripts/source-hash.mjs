// The hash of what `scripts/build-package.mjs` builds from: every file of harness/, fixtures/
// and scenarios/ (outside node_modules), schemas/ and playwright.config.ts, by path and content.
// A build records it (source-hash.txt); bin/image-skill-conformance.mjs runs a build only while
// the sources still hash the same.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const BUILT_FOLDERS = ['harness', 'fixtures', 'scenarios'];
export const COPIED_FOLDERS = ['schemas'];
export const SOURCE_HASH_FILE = 'source-hash.txt';

export function walkFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walkFiles(p);
    return e.isFile() ? [p] : [];
  });
}

export function sourceHash(root) {
  const files = [...BUILT_FOLDERS, ...COPIED_FOLDERS].flatMap((d) => (existsSync(join(root, d)) ? walkFiles(join(root, d)) : []));
  files.push(join(root, 'playwright.config.ts'));
  const hash = createHash('sha256');
  for (const f of files.map((f) => relative(root, f)).sort()) hash.update(`${f}\0`).update(readFileSync(join(root, f))).update('\0');
  return hash.digest('hex');
}
