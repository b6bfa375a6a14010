/**
 * Network isolation by namespace: `unshare -n` gives a process tree its own network
 * namespace whose only device is loopback, so nothing in it (Node or not, threads, helpers)
 * can reach any other address. The run re-executes itself inside one, with `lo` brought up,
 * after checking from inside that `lo` is the only interface.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const NETWORK_MODES = ['namespace', 'guard', 'off'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/** Set in the environment of a process tree running inside the fresh namespace. */
export const NETNS_ENV = 'ISC_NETNS';
/** The mode of this run, handed to Playwright workers and the reporter. */
export const NETWORK_MODE_ENV = 'ISC_NETWORK_MODE';
/** Exit code of the wrapper when the namespace has more than `lo` (nothing was run). */
export const NOT_ISOLATED_EXIT = 97;

export function isNetworkMode(value: string): value is NetworkMode {
  return (NETWORK_MODES as readonly string[]).includes(value);
}

/** Interface names of the current network namespace (/proc/net/dev is per namespace). */
export function currentInterfaces(procNetDev = '/proc/net/dev'): string[] {
  return readFileSync(procNetDev, 'utf8')
    .split('\n')
    .slice(2)
    .map((line) => line.split(':')[0].trim())
    .filter((name) => name !== '')
    .sort();
}

/**
 * Shell run by `unshare -n`: bring up lo, refuse (exit 97) unless lo is the only interface,
 * then exec the command with the namespace marker set.
 */
const WRAPPER = [
  'ip link set lo up || exit 96',
  `ifaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' ')`,
  `[ "$ifaces" = "lo " ] || { echo "network namespace has interfaces other than lo: $ifaces" >&2; exit ${NOT_ISOLATED_EXIT}; }`,
  `export ${NETNS_ENV}=1`,
  'exec "$@"',
].join('\n');

function wrapped(command: string, args: string[]): { file: string; args: string[] } {
  return { file: 'unshare', args: ['--net', '--', 'sh', '-c', WRAPPER, 'isc-netns', command, ...args] };
}

let support: { ok: true } | { ok: false; reason: string } | null = null;

/** Whether `unshare -n` plus `ip link set lo up` work here (cached). */
export function namespaceSupport(): { ok: true } | { ok: false; reason: string } {
  if (support) return support;
  const w = wrapped('true', []);
  const r = spawnSync(w.file, w.args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) support = { ok: false, reason: `unshare: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}` };
  else if (r.status === 0) support = { ok: true };
  else support = { ok: false, reason: (r.stderr || `unshare --net exited ${r.status ?? r.signal}`).trim().split('\n')[0] };
  return support;
}

export function insideNamespace(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[NETNS_ENV] === '1';
}

/**
 * Run `command args` in a fresh network namespace, stdio inherited, SIGINT/SIGTERM/SIGHUP
 * passed on. Resolves with its exit code (128 + n for a signal).
 */
export function runInFreshNamespace(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const w = wrapped(command, args);
  // Own process group, so a terminal's signal arrives once (through us), not twice.
  const child = spawn(w.file, w.args, { stdio: 'inherit', env, detached: true });
  const forward = (signal: NodeJS.Signals) => {
    child.kill(signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
    });
  });
}

/** Same, capturing output (tests, probes). */
export function runInFreshNamespaceSync(command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}) {
  const w = wrapped(command, args);
  return spawnSync(w.file, w.args, { encoding: 'utf8', env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 30_000 });
}
