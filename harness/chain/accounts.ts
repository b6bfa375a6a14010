/** Fresh harness-owned accounts (agent, relayer) with their wallet clients. */
import type { Address, WalletClient } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createAccountWallet } from './clients.js';

export interface HarnessAccount {
  address: Address;
  privateKey: `0x${string}`;
  wallet: WalletClient;
}

export function createHarnessAccount(rpcUrl: string, chainId?: number): HarnessAccount {
  const privateKey = generatePrivateKey();
  return { address: privateKeyToAccount(privateKey).address, privateKey, wallet: createAccountWallet(rpcUrl, privateKey, chainId) };
}
