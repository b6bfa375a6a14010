/**
 * Which `run` flags need the npm registry to resolve: an `npm:` target, and a `--node <version>`
 * other than this process's own Node (installed from the registry). In namespace mode the run
 * resolves these before it enters the namespace, which has no route to any registry. No heavy
 * imports: the front end asks this before it loads the run's modules.
 */

/** `--node` given as a version: 22, 24.1, v22.11.0. */
export const NODE_VERSION_SPEC = /^v?(\d+)(\.\d+){0,2}$/;

/** Whether `actual` (v22.11.0) is the `wanted` version or within it (22, v22.11). */
export function matchesVersion(actual: string, wanted: string): boolean {
  const a = actual.replace(/^v/, '').split('.');
  const w = wanted.replace(/^v/, '').split('.');
  return w.every((part, i) => a[i] === part);
}

/** The prefix of a target installed from the registry: npm:<spec>. */
export const NPM_TARGET_PREFIX = 'npm:';

export function targetNeedsRegistry(spec: string): boolean {
  return spec.startsWith(NPM_TARGET_PREFIX);
}

export function nodeFlagNeedsRegistry(flag: string | null | undefined, ownVersion: string = process.version): boolean {
  return typeof flag === 'string' && NODE_VERSION_SPEC.test(flag) && !matchesVersion(ownVersion, flag);
}

/** Any of the run's targets, or its --node, needs the registry. */
export function runNeedsRegistry(clis: readonly string[], nodeFlag: string | null | undefined): boolean {
  return clis.some(targetNeedsRegistry) || nodeFlagNeedsRegistry(nodeFlag);
}
