/** One line naming the chain a run used: "local", or "fork (upstream chain id 8453, block 12, pinned; USDC via master-minter)". */
import type { ChainForkMeta } from './results.js';

export function chainLabel(mode: string | null, fork: ChainForkMeta | null | undefined, unused = 'none'): string {
  if (mode === null) return unused;
  if (mode !== 'fork' || !fork) return mode;
  const note = fork.funding_note ? ` (${fork.funding_note})` : '';
  return `fork (upstream chain id ${fork.upstream_chain_id}, block ${fork.block_number}${fork.pinned ? ', pinned' : ', upstream head'}; USDC via ${fork.funding}${note})`;
}
