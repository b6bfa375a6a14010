/** A fork's ForkInfo in the shape results.json records (chain_fork). */
import type { ChainForkMeta } from '../report/results.js';
import type { ForkInfo } from './types.js';

export function chainForkMeta(fork: ForkInfo): ChainForkMeta {
  return {
    upstream_chain_id: fork.upstreamChainId,
    block_number: Number(fork.blockNumber),
    pinned: fork.pinned,
    funding: fork.funding,
    ...(fork.fundingNote ? { funding_note: fork.fundingNote } : {}),
  };
}
