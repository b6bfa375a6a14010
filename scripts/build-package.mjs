#!/usr/bin/env node
// `npm run build` (and `prepack`): compile the harness, fixtures, scenarios and the Playwright
// config to JavaScript in dist/, mirroring the source tree, with source maps (sources inlined)
// so failures point at the TypeScript lines. Every other file of those folders (the network
// guard, the TestUSDC artifact, the reference CLI, the Checkout stand-in page) and schemas/
// are copied beside them, so paths computed from import.meta.url hold in dist/ too.
// Playwright does not transform TypeScript under node_modules; this is what an installed
// package runs. Type checking is `npm run typecheck`'s job, not this one's.
import { build } from 'esbuild';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const COMPILED = ['harness', 'fixtures', 'scenarios'];
const COPIED = ['schemas'];

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return e.isFile() ? [p] : [];
  });
}

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
const size = walk(out).reduce((n, f) => n + statSync(f).size, 0);
console.error(`build: ${sources.length} modules compiled, ${assets.length} files and ${COPIED.join(', ')} copied into dist/ (${(size / 1024 / 1024).toFixed(1)} MiB) in ${Date.now() - started} ms`);
