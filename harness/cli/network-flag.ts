/** `run --network namespace|guard|off`: pick the isolation mode and re-exec inside a namespace. */
import { NETWORK_MODE_ENV, NOT_ISOLATED_EXIT, insideNamespace, isNetworkMode, namespaceSupport, runInFreshNamespace, type NetworkMode } from '../runner/netns.js';
import { parseArgs } from 'node:util';
import { UsageError } from './args.js';
import { runNeedsRegistry } from '../target/registry-need.js';

export interface NetworkChoice {
  mode: NetworkMode;
  /** One line for the terminal and the report. */
  note: string;
}

export function chooseNetworkMode(value: string | undefined): NetworkChoice {
  if (value !== undefined && !isNetworkMode(value)) throw new UsageError(`--network must be namespace, guard or off, got "${value}"`);
  if (insideNamespace()) return { mode: 'namespace', note: 'network: namespace (own network namespace, loopback only; Node guard on top)' };
  const support = namespaceSupport();
  if (value === 'namespace' && !support.ok) throw new UsageError(`--network namespace: cannot create a network namespace here (${support.reason})`);
  if (value === 'guard') return { mode: 'guard', note: 'network: guard (Node --require preload only; a non-Node CLI is not fenced)' };
  if (value === 'off') return { mode: 'off', note: 'network: off (no namespace, no guard: the CLI can reach any address)' };
  if (support.ok) return { mode: 'namespace', note: 'network: namespace' };
  return { mode: 'guard', note: `network: guard (namespace unavailable: ${support.reason})` };
}

/**
 * In namespace mode, outside the namespace: run this same command again inside a fresh one and
 * return its exit code. Otherwise null (go on here), with the mode exported for the workers.
 */
export async function enterNetworkMode(choice: NetworkChoice, command: string, argv: string[], env: Record<string, string> = {}): Promise<number | null> {
  process.env[NETWORK_MODE_ENV] = choice.mode;
  if (choice.mode !== 'namespace' || insideNamespace()) return null;
  const script = process.argv[1];
  const code = await runInFreshNamespace(process.execPath, [...process.execArgv, script, command, ...argv, '--network', 'namespace'], { ...process.env, ...env });
  if (code === NOT_ISOLATED_EXIT) console.error('network namespace check failed: it has interfaces other than lo; nothing was run');
  return code;
}

/**
 * Before `run` loads anything else: when it will run in a fresh namespace anyway (namespace
 * mode by flag or by default, no fork asked for, not inside one yet), re-exec now, so the
 * outer process never loads what only the inner one uses; its exit code, else null (go the
 * normal way, which also validates the flags and reports why a namespace is unavailable).
 */
export async function enterNamespaceEarly(command: string, argv: string[]): Promise<number | null> {
  if (insideNamespace() || !wantsNamespaceUpFront(argv) || !namespaceSupport().ok) return null;
  return enterNetworkMode({ mode: 'namespace', note: 'network: namespace' }, command, argv);
}

/**
 * Namespace mode by flag or by default, no fork (which needs the upstream, so guard mode), and
 * nothing to fetch from the registry first (an npm: target, --node <version>: run resolves those
 * outside the namespace and hands them in).
 */
export function wantsNamespaceUpFront(argv: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  // Only these flags matter here; the inner process parses (and validates) the whole argv.
  const options = { network: { type: 'string' }, 'fork-url': { type: 'string' }, cli: { type: 'string', multiple: true }, node: { type: 'string' } } as const;
  const { values } = parseArgs({ args: argv, options, strict: false, allowPositionals: true });
  if (values.network !== undefined && values.network !== 'namespace') return false;
  const clis = Array.isArray(values.cli) ? values.cli.map(String) : [];
  if (runNeedsRegistry(clis, typeof values.node === 'string' ? values.node : undefined)) return false;
  return values['fork-url'] === undefined && (env.BASE_RPC_URL ?? '').trim() === '';
}
