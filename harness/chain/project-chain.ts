/**
 * The chain a Playwright project asks for through its `chainFork` worker option:
 * - null: startChain() as is (local, or a fork of env BASE_RPC_URL / BASE_FORK_BLOCK);
 * - { upstream: 'base-stand-in' }: starts a Base stand-in upstream on loopback, then forks it
 *   pinned at its set-up block, exactly as a fork of real Base would run;
 * - { url, blockNumber? }: forks that RPC (pinned when blockNumber is given).
 * Values are plain JSON, as Playwright passes options to workers.
 */
import { startBaseStandIn } from './base-stand-in.js';
import { parseForkBlockNumber } from './fork-preflight.js';
import { startChain, type StartedChain } from './index.js';

export type ChainForkOption = { upstream: 'base-stand-in' } | { url: string; blockNumber?: string } | null;

export async function startChainFor(option: ChainForkOption): Promise<StartedChain> {
  if (option === null) return startChain();
  if ('url' in option) {
    return startChain({ forkUrl: option.url, forkBlockNumber: parseForkBlockNumber(option.blockNumber, 'chainFork.blockNumber') });
  }
  const upstream = await startBaseStandIn();
  try {
    const chain = await startChain({ forkUrl: upstream.rpcUrl, forkBlockNumber: upstream.blockNumber });
    return {
      ...chain,
      stop: async () => {
        await chain.stop();
        await upstream.stop();
      },
    };
  } catch (error) {
    await upstream.stop();
    throw error;
  }
}
