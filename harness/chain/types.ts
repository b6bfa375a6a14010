/** A running local Base chain with a test USDC at the canonical address. */
import type { Address, Hash, PublicClient, TestClient, WalletClient } from 'viem';

export const BASE_CHAIN_ID = 8453;
export const BASE_USDC_ADDRESS: Address = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';

/** Where a fork came from and how the agent got its USDC (absent on a local chain). */
export interface ForkInfo {
  /** eth_chainId of the upstream RPC (8453 for Base). */
  upstreamChainId: number;
  /** The upstream block the fork started from; pass it as forkBlockNumber to fork the same state again. */
  blockNumber: bigint;
  /** Whether that block was asked for (pinned) or was the upstream head at start. */
  pinned: boolean;
  /** 'master-minter': USDC's own minting rules; 'storage-slot': anvil_setStorageAt on the balance slot. */
  funding: 'master-minter' | 'storage-slot';
  /** Why the master-minter path was not used (storage-slot funding only). */
  fundingNote?: string;
}

export interface ChainHandle {
  rpcUrl: string;
  mode: 'local' | 'fork';
  /** Set in fork mode. */
  fork?: ForkInfo;
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
