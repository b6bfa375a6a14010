/** Chain clock and state helpers (anvil test RPCs). */
import type { ChainHandle } from './types.js';

/** The next mined block gets exactly this timestamp (seconds). */
export async function setNextBlockTimestamp(chain: ChainHandle, seconds: bigint | number): Promise<void> {
  await chain.testClient.setNextBlockTimestamp({ timestamp: BigInt(seconds) });
}

/** Moves the chain clock forward and mines a block so reads see the new time. */
export async function increaseTime(chain: ChainHandle, seconds: number): Promise<void> {
  await chain.testClient.increaseTime({ seconds });
  await chain.testClient.mine({ blocks: 1 });
}

export async function latestBlockTimestamp(chain: ChainHandle): Promise<bigint> {
  const block = await chain.publicClient.getBlock({ blockTag: 'latest' });
  return block.timestamp;
}

export type SnapshotId = `0x${string}`;

export function snapshot(chain: ChainHandle): Promise<SnapshotId> {
  return chain.testClient.snapshot();
}

/** Restores a snapshot; anvil drops the snapshot id on revert, so take a new one to revert again. */
export async function revert(chain: ChainHandle, id: SnapshotId): Promise<void> {
  await chain.testClient.revert({ id });
}
