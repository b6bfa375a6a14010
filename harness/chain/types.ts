/** A running local Base chain with a test USDC at the canonical address. */
import type { Address, Hash, PublicClient, TestClient, WalletClient } from 'viem';

export const BASE_CHAIN_ID = 8453;
export const BASE_USDC_ADDRESS: Address = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';

export interface ChainHandle {
  rpcUrl: string;
  mode: 'local' | 'fork';
  publicClient: PublicClient;
  testClient: TestClient;
  usdc: Address;
  /** Funded agent wallet (private key known only to the harness). */
  agent: { address: Address; privateKey: `0x${string}`; wallet: WalletClient };
  /** Relayer account used to submit EIP-3009 authorizations. */
  relayer: { address: Address; privateKey: `0x${string}`; wallet: WalletClient };
  /** A second ERC-20 at another address (for the wrong-token negative case). */
  otherToken: Address;
  stop(): Promise<void>;
}

export interface ObservedTransfer {
  token: Address;
  from: Address;
  to: Address;
  value: bigint;
  txHash: Hash;
  blockNumber: bigint;
  blockTimestamp: bigint;
}
