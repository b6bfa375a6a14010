/** viem clients bound to a local anvil that claims to be Base (chain id 8453). */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  defineChain,
  http,
  type Chain,
  type PublicClient,
  type TestClient,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { BASE_CHAIN_ID } from './types.js';

export function localBaseChain(rpcUrl: string, chainId: number = BASE_CHAIN_ID): Chain {
  return defineChain({
    id: chainId,
    name: 'Base (local anvil)',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}

export interface ChainClients {
  chain: Chain;
  publicClient: PublicClient;
  testClient: TestClient;
}

export function createChainClients(rpcUrl: string, chainId: number = BASE_CHAIN_ID): ChainClients {
  const chain = localBaseChain(rpcUrl, chainId);
  const transport = http(rpcUrl, { retryCount: 0 });
  return {
    chain,
    publicClient: createPublicClient({ chain, transport, pollingInterval: 100 }),
    testClient: createTestClient({ chain, mode: 'anvil', transport }),
  };
}

export function createAccountWallet(rpcUrl: string, privateKey: `0x${string}`, chainId: number = BASE_CHAIN_ID): WalletClient {
  return createWalletClient({
    account: privateKeyToAccount(privateKey),
    chain: localBaseChain(rpcUrl, chainId),
    transport: http(rpcUrl, { retryCount: 0 }),
  });
}
