/** The environment a CLI under test sees: the harness's own, minus anything that could leak in. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolvedTarget } from '../target/types.js';
import type { Sandbox } from './sandbox.js';

export const NETWORK_GUARD_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'network-guard.cjs');

/** Ambient variables that would change what the CLI does, removed unless a test sets them. */
const STRIPPED = [/^IMAGE_SKILL_/i, /^npm_config_/i, /^ISC_/, /^NODE_OPTIONS$/];

export const REDACTED = '[redacted]';

export function isSecretVariable(name: string, value: string | null): boolean {
  return /TOKEN|SECRET|KEY|PASSWORD/i.test(name) || (value !== null && value.startsWith('isk_'));
}

export interface SandboxEnvOptions {
  sandbox: Sandbox;
  baseUrl: string;
  target: ResolvedTarget;
  /** Where the network guard appends refusals; null leaves the guard log unset. */
  guardLogPath: string | null;
  /** False for `run --network off`: no guard preload (every other mode keeps it, namespace mode for its journal). */
  guard?: boolean;
  /** Set (string) or remove (null/undefined) on top of everything else. */
  extra?: Record<string, string | null | undefined>;
}

function quoteForNodeOptions(p: string): string {
  return /[\s"\\]/.test(p) ? JSON.stringify(p) : p;
}

export function buildSandboxEnv(opts: SandboxEnvOptions): { env: Record<string, string>; changes: Record<string, string | null> } {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || STRIPPED.some((re) => re.test(k))) continue;
    env[k] = v;
  }
  const { sandbox } = opts;
  Object.assign(env, {
    HOME: sandbox.home,
    XDG_CONFIG_HOME: sandbox.configHome,
    TMPDIR: sandbox.tmp,
    IMAGE_SKILL_API_BASE_URL: opts.baseUrl,
    NO_COLOR: '1',
  });
  if (opts.target.isNode && opts.guard !== false) {
    env.NODE_OPTIONS = `--require ${quoteForNodeOptions(NETWORK_GUARD_PATH)}`;
    if (opts.guardLogPath) env.ISC_NETGUARD_LOG = opts.guardLogPath;
  }
  Object.assign(env, opts.target.env);
  for (const [k, v] of Object.entries(opts.extra ?? {})) {
    if (v === null || v === undefined) delete env[k];
    else env[k] = v;
  }
  return { env, changes: envChanges(process.env, env) };
}

/** What differs from `base`, with secret values replaced by '[redacted]'. */
export function envChanges(base: NodeJS.ProcessEnv, env: Record<string, string>): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(env)) {
    if (base[k] !== v) changes[k] = isSecretVariable(k, v) ? REDACTED : v;
  }
  for (const k of Object.keys(base)) {
    if (base[k] !== undefined && !(k in env)) changes[k] = null;
  }
  return Object.fromEntries(Object.entries(changes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
