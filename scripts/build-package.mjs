#!/usr/bin/env node
// `npm run build` (and `prepack`): compile the harness, fixtures, scenarios and the Playwright
// config to JavaScript in dist/, mirroring the source tree, with source maps (sources inlined)
// so failures point at the TypeScript lines. Every other file of those folders (the network
// guard, the TestUSDC artifact, the reference CLI, the Checkout stand-in page) and schemas/
// are copied beside them, so paths computed from import.meta.url hold in dist/ too.
// Playwright does not transform TypeScript under node_modules; this is what an installed
// package runs. Type checking is `npm run typecheck`'s job, not this one's.
//
// `--out <dir>` builds into another folder of the checkout (npm test builds the front end its
// unit tests start into build/front-end; see bin/run-tests.mjs). The build records the hash of
// its sources (source-hash.txt), so that a stale build is never run in their place.
import { build } from 'esbuild';
import { cpSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
await build({
  entryPoints: sources,
  outdir: out,
  outbase: root,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  sourcesContent: true,
  logLevel: 'warning',
});
const assets = files.filter((f) => !f.endsWith('.ts'));
for (const f of assets) cpSync(f, join(out, relative(root, f)));
for (const d of COPIED) cpSync(join(root, d), join(out, d), { recursive: true });
writeFileSync(join(out, SOURCE_HASH_FILE), `${hash}\n`);
const size = walk(out).reduce((n, f) => n + statSync(f).size, 0);
console.error(`build: ${sources.length} modules compiled, ${assets.length} files and ${COPIED.join(', ')} copied into ${relative(root, out)}/ (${(size / 1024 / 1024).toFixed(1)} MiB) in ${Date.now() - started} ms`);
