#!/usr/bin/env node
// Entry point. In a checkout the TypeScript sources run through tsx (no build step); an
// installed package ships no sources, only the build in dist/ (`npm run build`, run by prepack).
// ISC_FRONT_END_BUILD=<folder> runs a checkout's build in that folder instead (npm test builds
// one for the front-end processes its unit tests start: tsx costs each about 0.5 s of CPU),
// but only while it was built from the sources as they are now.
import { existsSync, readFileSync } from 'node:fs';

const sources = new URL('../harness/cli/main.ts', import.meta.url);

/** The build's main module, when ISC_FRONT_END_BUILD names a build of the current sources. */
async function freshBuild(folder) {
  const { sourceHash, SOURCE_HASH_FILE } = await import(new URL('../scripts/source-hash.mjs', import.meta.url).href);
  const { join, resolve } = await import('node:path');
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  const dir = resolve(folder);
  const recorded = existsSync(join(dir, SOURCE_HASH_FILE)) ? readFileSync(join(dir, SOURCE_HASH_FILE), 'utf8').trim() : null;
  if (recorded !== null && recorded === sourceHash(fileURLToPath(new URL('..', import.meta.url)))) return pathToFileURL(join(dir, 'harness', 'cli', 'main.js')).href;
  console.error(`note: ISC_FRONT_END_BUILD=${folder} is ${recorded === null ? 'not a build' : 'a build of other sources'}; running the sources`);
  return null;
}

let main;
if (existsSync(sources)) {
  const built = process.env.ISC_FRONT_END_BUILD ? await freshBuild(process.env.ISC_FRONT_END_BUILD) : null;
  if (built) {
    ({ main } = await import(built));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import(sources.href));
  }
} else {
  ({ main } = await import(new URL('../dist/harness/cli/main.js', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
