import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Root of the harness's own tree (two levels above this file): the repository in a checkout,
 * `<package>/dist` in an installed package (where `npm run build` mirrors the tree as JS).
 */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/**
 * The folder holding the harness's package.json: the checkout, the installed package above
 * dist/, or the checkout above a build in it (build/front-end, see scripts/build-package.mjs).
 */
export function packageRoot(): string {
  const root = repoRoot();
  for (let dir = root; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  return dirname(root);
}

/** `.ts` when running from the TypeScript sources (tsx, a checkout), `.js` when running the build. */
export function ownModuleExtension(url: string = import.meta.url): '.ts' | '.js' {
  return url.endsWith('.ts') ? '.ts' : '.js';
}

/** The Playwright config beside the tree we run from. */
export function playwrightConfigPath(): string {
  return join(repoRoot(), `playwright.config${ownModuleExtension()}`);
}

/** Default parent of report folders: ./image-skill-conformance-report in the user's working directory. */
export const REPORT_ROOT_NAME = 'image-skill-conformance-report';

export function defaultReportRoot(cwd: string = process.cwd()): string {
  return join(cwd, REPORT_ROOT_NAME);
}
