#!/usr/bin/env node
// Entry point. In a checkout the TypeScript sources run through tsx (no build step); an
// installed package ships no sources, only the build in dist/ (`npm run build`, run by prepack).
import { existsSync } from 'node:fs';

const sources = new URL('../harness/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import(new URL('../dist/harness/cli/main.js', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
