/** Sends a transaction from a harness wallet and waits until it is mined successfully. */
import type { Address, Hash, Hex, PublicClient, WalletClient } from 'viem';
import { describeRevert } from './revert-errors.js';

export function walletAccount(wallet: WalletClient) {
  if (!wallet.account) throw new Error('wallet client has no account attached');
  return wallet.account;
}

export async function waitForSuccess(publicClient: PublicClient, hash: Hash, what: string): Promise<Hash> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 });
  if (receipt.status !== 'success') throw new Error(`${what} reverted (tx ${hash})`);
  return hash;
}

/**
 * `data` comes from viem's encodeFunctionData at the call site (typed by the ABI).
 * Gas estimation runs the call first, so a reverting call is never sent: it throws a
 * ChainRevertError naming the Solidity error when the TestUSDC ABI knows it.
 */
export async function sendAndWait(
  publicClient: PublicClient,
  wallet: WalletClient,
  tx: { to: Address; data: Hex; what: string },
): Promise<Hash> {
  let hash: Hash;
  try {
    hash = await wallet.sendTransaction({
      account: walletAccount(wallet),
      chain: wallet.chain ?? null,
      to: tx.to,
      data: tx.data,
    });
  } catch (error) {
    throw describeRevert(error, tx.what);
  }
  return waitForSuccess(publicClient, hash, tx.what);
}
