/**
 * Fork mode against a Base stand-in upstream (an anvil with chain id 8453 and our
 * FiatToken-compatible TestUSDC at Base's USDC address): funding through the master minter,
 * the storage-slot fallback, pinned fork blocks, and payments on the fork. Loopback only.
 */
import { test, expect } from '@playwright/test';
import { createPublicClient, encodeFunctionData, erc20Abi, http, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { fiatTokenMinterAbi } from '../../harness/chain/abis.js';
import { createChainClients } from '../../harness/chain/clients.js';
import { createHarnessAccount } from '../../harness/chain/accounts.js';
import { mintTestToken } from '../../harness/chain/tokens.js';
import {
  BASE_USDC_ADDRESS,
  DEFAULT_AGENT_USDC,
  authorizationUsed,
  payTransfer,
  payWithAuthorization,
  resolveForkBlock,
  signTransferAuthorization,
  submitTransferAuthorization,
  startBaseStandIn,
  startChain,
  usdcBalance,
  watchTransfers,
  type BaseStandIn,
  type ObservedTransfer,
} from '../../harness/chain/index.js';
import { isProcessAlive } from '../../harness/chain/process-registry.js';

// Two anvils per case on a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address;

async function upstreamRead<F extends 'masterMinter' | 'paused'>(upstream: BaseStandIn, functionName: F) {
  const client = createPublicClient({ transport: http(upstream.rpcUrl, { retryCount: 0 }) });
  return client.readContract({ address: BASE_USDC_ADDRESS, abi: fiatTokenMinterAbi, functionName });
}

test('the stand-in upstream looks like Base: chain id 8453, FiatToken minter views, key-less master minter', async () => {
  const upstream = await startBaseStandIn();
  try {
    const { publicClient } = createChainClients(upstream.rpcUrl);
    expect(await publicClient.getChainId()).toBe(8453);
    expect(upstream.masterMinter).not.toBeNull();
    expect(await upstreamRead(upstream, 'masterMinter')).toBe(upstream.masterMinter);
    expect(await upstreamRead(upstream, 'paused')).toBe(false);
    const allowance = await publicClient.readContract({ address: BASE_USDC_ADDRESS, abi: fiatTokenMinterAbi, functionName: 'minterAllowance', args: [freshAddress()] });
    expect(allowance).toBe(0n);
    expect(await publicClient.readContract({ address: BASE_USDC_ADDRESS, abi: erc20Abi, functionName: 'decimals' })).toBe(6);
    expect(await publicClient.readContract({ address: BASE_USDC_ADDRESS, abi: erc20Abi, functionName: 'totalSupply' })).toBe(0n);
  } finally {
    await upstream.stop();
  }
});

test('fork mode funds the agent through the impersonated master minter and records chain id and block', async () => {
  const upstream = await startBaseStandIn();
  const chain = await startChain({ forkUrl: upstream.rpcUrl });
  try {
    expect(chain.mode).toBe('fork');
    expect(chain.fork).toEqual({ upstreamChainId: 8453, blockNumber: upstream.blockNumber, pinned: false, funding: 'master-minter' });
    expect(await usdcBalance(chain, chain.agent.address)).toBe(DEFAULT_AGENT_USDC);
    // Minted through the token's rules: totalSupply moved with the balance, the relayer's allowance is used up.
    expect(await chain.publicClient.readContract({ address: chain.usdc, abi: erc20Abi, functionName: 'totalSupply' })).toBe(DEFAULT_AGENT_USDC);
    expect(await chain.publicClient.readContract({ address: chain.usdc, abi: fiatTokenMinterAbi, functionName: 'minterAllowance', args: [chain.relayer.address] })).toBe(0n);
    // The upstream is untouched by the fork.
    const upstreamClient = createChainClients(upstream.rpcUrl).publicClient;
    expect(await upstreamClient.readContract({ address: BASE_USDC_ADDRESS, abi: erc20Abi, functionName: 'balanceOf', args: [chain.agent.address] })).toBe(0n);
  } finally {
    await chain.stop();
    await upstream.stop();
  }
});

test('payments on the fork: a transfer and an EIP-3009 authorization are watched and settle', async () => {
  const upstream = await startBaseStandIn();
  const chain = await startChain({ forkUrl: upstream.rpcUrl });
  const seen: ObservedTransfer[] = [];
  const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  const watch = watchTransfers(chain, { tokens: [chain.usdc], onTransfer: (t) => void seen.push(t), fromBlock, pollingIntervalMs: 50 });
  try {
    const to = freshAddress();
    await payTransfer(chain, { to, amountAtomic: 1_250_000n });
    const auth = await signTransferAuthorization(chain, { to, amountAtomic: 2_500_000n });
    await submitTransferAuthorization(chain, auth);
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(2);
    expect(seen.map((t) => [t.from, t.to, t.value])).toEqual([
      [chain.agent.address, to, 1_250_000n],
      [chain.agent.address, to, 2_500_000n],
    ]);
    expect(await usdcBalance(chain, to)).toBe(3_750_000n);
    expect(await authorizationUsed(chain, auth)).toBe(true);
    expect(seen[0].blockNumber).toBeGreaterThan(upstream.blockNumber);
  } finally {
    watch.stop();
    await chain.stop();
    await upstream.stop();
  }
});

test('a pinned fork block gives the upstream state at that block, not its head', async () => {
  const upstream = await startBaseStandIn();
  try {
    const pinned = upstream.blockNumber;
    // After the pin, the upstream's master minter mints to a holder (the upstream is ours, so impersonate).
    const holder = freshAddress();
    const { publicClient, testClient } = createChainClients(upstream.rpcUrl);
    const masterMinter = upstream.masterMinter ?? freshAddress();
    const sender = createHarnessAccount(upstream.rpcUrl);
    await testClient.setBalance({ address: sender.address, value: 10n ** 18n });
    await testClient.setBalance({ address: masterMinter, value: 10n ** 18n });
    await testClient.impersonateAccount({ address: masterMinter });
    const data = encodeFunctionData({ abi: fiatTokenMinterAbi, functionName: 'configureMinter', args: [sender.address, 5n] });
    await publicClient.waitForTransactionReceipt({ hash: await testClient.sendUnsignedTransaction({ from: masterMinter, to: BASE_USDC_ADDRESS, data }) });
    await mintTestToken({ publicClient, testClient }, sender, BASE_USDC_ADDRESS, holder, 5n);
    expect(await publicClient.getBlockNumber({ cacheTime: 0 })).toBeGreaterThan(pinned);

    const atPin = await startChain({ forkUrl: upstream.rpcUrl, forkBlockNumber: pinned });
    const atHead = await startChain({ forkUrl: upstream.rpcUrl });
    try {
      expect(atPin.fork).toMatchObject({ blockNumber: pinned, pinned: true });
      expect(atHead.fork?.blockNumber).toBeGreaterThan(pinned);
      expect(await usdcBalance(atPin, holder)).toBe(0n);
      expect(await usdcBalance(atHead, holder)).toBe(5n);
    } finally {
      await Promise.all([atPin.stop(), atHead.stop()]);
    }
  } finally {
    await upstream.stop();
  }
});

test('BASE_FORK_BLOCK pins like the option; a malformed value is named', () => {
  expect(resolveForkBlock({}, {})).toBeUndefined();
  expect(resolveForkBlock({}, { BASE_FORK_BLOCK: '42' })).toBe(42n);
  expect(resolveForkBlock({ forkBlockNumber: 7n }, { BASE_FORK_BLOCK: '42' })).toBe(7n);
  expect(() => resolveForkBlock({}, { BASE_FORK_BLOCK: 'latest' })).toThrow(/BASE_FORK_BLOCK must be a block number.*"latest"/);
});

test('when the master-minter path is unavailable (paused USDC), funding falls back to the balance storage slot and says so', async () => {
  const upstream = await startBaseStandIn({ mintingPaused: true });
  const chain = await startChain({ forkUrl: upstream.rpcUrl });
  try {
    expect(await upstreamRead(upstream, 'paused')).toBe(true);
    expect(chain.fork?.funding).toBe('storage-slot');
    expect(chain.fork?.fundingNote).toMatch(/configureMinter.*Paused/);
    expect(await usdcBalance(chain, chain.agent.address)).toBe(DEFAULT_AGENT_USDC);
    // The balance is real to the token: the agent can pay with it.
    const to = freshAddress();
    await payWithAuthorization(chain, { to, amountAtomic: 1_000_000n });
    expect(await usdcBalance(chain, to)).toBe(1_000_000n);
    expect(await usdcBalance(chain, chain.agent.address)).toBe(DEFAULT_AGENT_USDC - 1_000_000n);
  } finally {
    await chain.stop();
    await upstream.stop();
  }
});

test('forkFunding: storage-slot skips the master minter even when it works', async () => {
  const upstream = await startBaseStandIn();
  const chain = await startChain({ forkUrl: upstream.rpcUrl, forkFunding: 'storage-slot' });
  try {
    expect(chain.fork).toMatchObject({ funding: 'storage-slot', fundingNote: 'skipped on request' });
    expect(await usdcBalance(chain, chain.agent.address)).toBe(DEFAULT_AGENT_USDC);
    // No mint happened: totalSupply is the upstream's (0), the documented cost of this path.
    expect(await chain.publicClient.readContract({ address: chain.usdc, abi: erc20Abi, functionName: 'totalSupply' })).toBe(0n);
  } finally {
    await chain.stop();
    await upstream.stop();
  }
});

test('stopping a fork and its upstream leaves no anvil behind', async () => {
  const upstream = await startBaseStandIn();
  const chain = await startChain({ forkUrl: upstream.rpcUrl });
  const pids = [upstream.anvilPid ?? -1, chain.anvilPid ?? -1];
  expect(pids.every(isProcessAlive)).toBe(true);
  await chain.stop();
  await upstream.stop();
  expect(pids.some(isProcessAlive)).toBe(false);
});
