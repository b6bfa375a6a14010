/** Starts and stops one anvil process through @viem/anvil, with the binary from @foundry-rs/anvil. */
import { createAnvil, type CreateAnvilOptions } from '@viem/anvil';
import { resolveAnvilBinary } from './anvil-binary.js';
import { getFreePort } from './free-port.js';
import { findChildPid, registerChildPid, unregisterChildPid } from './process-registry.js';
import { BASE_CHAIN_ID } from './types.js';

export interface AnvilStartOptions {
  /** Fixed port; when absent a free port is taken from the OS (one per Playwright worker/chain). */
  port?: number;
  /** Upstream RPC to fork from; absent means an empty local chain with no network access. */
  forkUrl?: string;
  /** Pins the fork to this upstream block (requires forkUrl). */
  forkBlockNumber?: bigint;
  chainId?: number;
}

export interface AnvilInstance {
  rpcUrl: string;
  port: number;
  /** OS pid of the anvil process (undefined where /proc is unavailable). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const LOCAL_START_TIMEOUT_MS = 10_000;
const FORK_START_TIMEOUT_MS = 60_000;
// @viem/anvil keeps an uncleared timer of this length after stop(); anvil itself stops in milliseconds.
const STOP_TIMEOUT_MS = 1_000;
const HOST = '127.0.0.1';

/** The createAnvil options for a start request (pure; exported for tests of the option wiring). */
export function anvilOptionsFor(opts: AnvilStartOptions & { port: number }, anvilBinary: string): CreateAnvilOptions {
  const forking = typeof opts.forkUrl === 'string' && opts.forkUrl.length > 0;
  return {
    anvilBinary,
    host: HOST,
    port: opts.port,
    chainId: opts.chainId ?? BASE_CHAIN_ID,
    // No disk cache of upstream state: a cached block N from another upstream would be served as this one's.
    ...(forking ? { forkUrl: opts.forkUrl, noStorageCaching: true } : {}),
    ...(forking && opts.forkBlockNumber !== undefined ? { forkBlockNumber: opts.forkBlockNumber } : {}),
    startTimeout: forking ? FORK_START_TIMEOUT_MS : LOCAL_START_TIMEOUT_MS,
    stopTimeout: STOP_TIMEOUT_MS,
    // We own the exit/signal cleanup (process-registry); execa's own handler
    // would add signal listeners that hide whether anyone else handles SIGINT.
    execArgs: ([file, args, execOptions]) => [file, args, { ...execOptions, cleanup: false }],
  };
}

async function startOnce(opts: AnvilStartOptions & { port: number }, binary: string): Promise<AnvilInstance> {
  const anvil = createAnvil(anvilOptionsFor(opts, binary));
  await anvil.start();
  // The port is unique per instance, so it identifies our child among several anvils.
  const pid = findChildPid(['--port', String(opts.port)]);
  if (pid !== undefined) registerChildPid(pid);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      try {
        await anvil.stop();
      } catch {
        if (pid !== undefined) killQuietly(pid);
      } finally {
        if (pid !== undefined) unregisterChildPid(pid);
      }
    })();
    return stopped;
  };
  return { rpcUrl: `http://${HOST}:${opts.port}`, port: opts.port, pid, stop };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Starts anvil; retries on a fresh port when the OS-chosen one was grabbed in between. */
export async function startAnvil(opts: AnvilStartOptions = {}): Promise<AnvilInstance> {
  const binary = resolveAnvilBinary();
  const attempts = opts.port === undefined ? 3 : 1;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    const port = opts.port ?? (await getFreePort());
    try {
      return await startOnce({ ...opts, port }, binary);
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`anvil failed to start: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
