/** ERC-20 balance reads. */
import { erc20Abi, type Address, type PublicClient } from 'viem';
import type { ChainHandle } from './types.js';

export function tokenBalance(publicClient: PublicClient, token: Address, owner: Address): Promise<bigint> {
  return publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
}

export function usdcBalance(chain: ChainHandle, owner: Address): Promise<bigint> {
  return tokenBalance(chain.publicClient, chain.usdc, owner);
}
