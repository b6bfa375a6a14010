#!/usr/bin/env node
// `npm run build` (and `prepack`): compile the harness, fixtures, scenarios and the Playwright
// config to JavaScript in dist/, mirroring the source tree, with source maps so failures point
// at the TypeScript lines. The TypeScript compiled is a copy in dist/src/ (shipped), so the
// frames and code snippets of a failure in an installed package name files that exist there
// (they named <package>/scenarios/*.ts, which the package does not have); Playwright looks for
// tests only in dist/scenarios. Every other file of those folders (the network guard, the
// TestUSDC artifact, the reference CLI, the Checkout stand-in page) and schemas/ are copied
// beside the JavaScript, so paths computed from import.meta.url hold in dist/ too.
// Playwright does not transform TypeScript under node_modules; this is what an installed
// package runs. Type checking is `npm run typecheck`'s job, not this one's.
//
// The package build (dist/) also writes the declarations of the package entry
// (dist/harness/index.d.ts and what it imports; tsc with tsconfig.declarations.json, no type
// check), which package.json's exports["."].types names.
//
// `--out <dir>` builds into another folder of the checkout (npm test builds the front end its
// unit tests start into build/front-end; see bin/run-tests.mjs). The build records the hash of
// its sources (source-hash.txt), so that a stale build is never run in their place.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUILT_FOLDERS as COMPILED, COPIED_FOLDERS as COPIED, SOURCE_HASH_FILE, sourceHash, walkFiles as walk } from './source-hash.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ? resolve(values.out) : join(root, 'dist');
if (!out.startsWith(`${root}/`)) {
  console.error(`build: --out ${values.out} must be a folder inside ${root} (the built modules find node_modules from there)`);
  process.exit(2);
}
const hash = sourceHash(root);

const started = Date.now();
rmSync(out, { recursive: true, force: true });
const files = COMPILED.flatMap((d) => walk(join(root, d)));
const sources = [...files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')), join(root, 'playwright.config.ts')];
// Compiled from their copies in <out>/src, so that the maps name those (see above).
const srcCopy = join(out, 'src');
const copies = sources.map((f) => {
  const copy = join(srcCopy, relative(root, f));
  cpSync(f, copy);
  return copy;
});
await build({
  entryPoints: copies,
  outdir: out,
  outbase: srcCopy,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // The sources are shipped beside the maps (dist/src); no second copy inside each map.
  sourcesContent: false,
  logLevel: 'warning',
});
const assets = files.filter((f) => !f.endsWith('.ts'));
for (const f of assets) cpSync(f, join(out, relative(root, f)));
for (const d of COPIED) cpSync(join(root, d), join(out, d), { recursive: true });
writeFileSync(join(out, SOURCE_HASH_FILE), `${hash}\n`);
let typesNote = '';
if (out === join(root, 'dist')) {
  const typesStarted = Date.now();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.declarations.json'), '--outDir', out], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    console.error('build: tsc could not write the declarations (see above)');
    process.exit(1);
  }
  typesNote = `, declarations of harness/index.ts in ${Date.now() - typesStarted} ms`;
}
const size = walk(out).reduce((n, f) => n + statSync(f).size, 0);
console.error(`build: ${sources.length} modules compiled, ${assets.length} files and ${COPIED.join(', ')} copied into ${relative(root, out)}/ (${(size / 1024 / 1024).toFixed(1)} MiB) in ${Date.now() - started} ms${typesNote}`);
