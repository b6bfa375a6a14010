/**
 * Fork options of a conformance run (front-end flags over env), checked before any scenario
 * runs. Returns the environment the Playwright workers read: BASE_RPC_URL, and BASE_FORK_BLOCK
 * always set to a concrete block, so every worker forks the same state and the run can be
 * repeated on it. Throws ForkPreflightError naming the problem.
 */
import { ForkPreflightError, parseForkBlockNumber, preflightFork, type ForkUpstreamFacts } from './fork-preflight.js';

export interface ForkRunFlags {
  /** --fork-url */
  url?: string;
  /** --fork-block-number */
  blockNumber?: string;
}

export interface ForkRun {
  env: { BASE_RPC_URL: string; BASE_FORK_BLOCK: string };
  facts: ForkUpstreamFacts;
  pinned: boolean;
}

/**
 * A fork needs its upstream RPC, which a fresh network namespace cannot reach: with a fork the
 * run uses the Node guard unless told otherwise, and refuses --network namespace.
 */
export function networkModeForFork(requested: string | undefined): string {
  if (requested === 'namespace') {
    throw new ForkPreflightError('network-namespace', 'fork mode cannot run in --network namespace (the upstream RPC is unreachable from it); use --network guard');
  }
  return requested ?? 'guard';
}

/** null when neither flags nor env ask for a fork. */
export async function prepareForkRun(flags: ForkRunFlags, env: NodeJS.ProcessEnv = process.env, timeoutMs?: number): Promise<ForkRun | null> {
  const url = (flags.url ?? env.BASE_RPC_URL ?? '').trim();
  const blockSource = flags.blockNumber !== undefined ? '--fork-block-number' : 'BASE_FORK_BLOCK';
  const blockNumber = parseForkBlockNumber(flags.blockNumber ?? env.BASE_FORK_BLOCK, blockSource);
  if (flags.url !== undefined && url === '') throw new ForkPreflightError('bad-url', '--fork-url needs an RPC URL, got an empty string');
  if (url === '') {
    if (blockNumber !== undefined) throw new ForkPreflightError('bad-block', `${blockSource} needs a fork RPC: pass --fork-url (or set BASE_RPC_URL)`);
    return null;
  }
  const facts = await preflightFork(url, { blockNumber, timeoutMs });
  return { env: { BASE_RPC_URL: url, BASE_FORK_BLOCK: String(facts.blockNumber) }, facts, pinned: blockNumber !== undefined };
}
