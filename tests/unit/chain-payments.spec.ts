/** TestUSDC on a local chain: identity, transfers and their watch, EIP-3009, snapshots, and its FiatToken minter surface. */
import { test, expect } from '@playwright/test';
import { encodeFunctionData, erc20Abi, getAddress, hashDomain, parseAbi, type Address, type Hash } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import {
  BASE_CHAIN_ID,
  BASE_USDC_ADDRESS,
  ChainRevertError,
  authorizationUsed,
  increaseTime,
  latestBlockTimestamp,
  payTransfer,
  payWithAuthorization,
  revert,
  signTransferAuthorization,
  snapshot,
  startChain,
  submitTransferAuthorization,
  tokenBalance,
  usdcBalance,
  watchTransfers,
  type ObservedTransfer,
  type StartedChain,
} from '../../harness/chain/index.js';
import { fiatTokenMinterAbi } from '../../harness/chain/abis.js';
import { sendAndWait } from '../../harness/chain/transactions.js';

const tokenInfoAbi = parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function version() view returns (string)',
  'function minter() view returns (address)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'function eip712Domain() view returns (bytes1, string, string, uint256, address, bytes32, uint256[])',
]);

let chain: StartedChain;

test.beforeAll(async () => {
  chain = await startChain({ forkUrl: null });
});

test.afterAll(async () => {
  await chain?.stop();
});

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address;

async function revertReason(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ChainRevertError);
    return (error as ChainRevertError).errorName;
  }
  throw new Error('expected a revert');
}

test('local chain claims Base and carries TestUSDC at the canonical USDC address', async () => {
  const { publicClient } = chain;
  const read = <F extends 'name' | 'symbol' | 'version'>(address: Address, functionName: F) =>
    publicClient.readContract({ address, abi: tokenInfoAbi, functionName });

  expect(chain.mode).toBe('local');
  expect(await publicClient.getChainId()).toBe(BASE_CHAIN_ID);
  expect(chain.usdc).toBe(BASE_USDC_ADDRESS);
  const code = await publicClient.getCode({ address: BASE_USDC_ADDRESS });
  expect((code ?? '0x').length).toBeGreaterThan(1000);

  expect(await publicClient.readContract({ address: chain.usdc, abi: erc20Abi, functionName: 'decimals' })).toBe(6);
  expect(await read(chain.usdc, 'name')).toBe('USD Coin');
  expect(await read(chain.usdc, 'symbol')).toBe('USDC');
  expect(await read(chain.usdc, 'version')).toBe('2');
  expect(await publicClient.readContract({ address: chain.usdc, abi: tokenInfoAbi, functionName: 'minter' })).toBe(
    chain.relayer.address,
  );

  // The EIP-712 domain must be the canonical address's, not the template deployment's.
  const [, domainName, domainVersion, chainId, verifyingContract] = await publicClient.readContract({
    address: chain.usdc,
    abi: tokenInfoAbi,
    functionName: 'eip712Domain',
  });
  expect([domainName, domainVersion, chainId, verifyingContract]).toEqual(['USD Coin', '2', 8453n, BASE_USDC_ADDRESS]);
  const separator = await publicClient.readContract({ address: chain.usdc, abi: tokenInfoAbi, functionName: 'DOMAIN_SEPARATOR' });
  expect(separator).toBe(
    hashDomain({
      domain: { name: 'USD Coin', version: '2', chainId: 8453n, verifyingContract: BASE_USDC_ADDRESS },
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'version', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
      },
    }),
  );

  expect(await usdcBalance(chain, chain.agent.address)).toBe(1_000_000_000n);
  expect(await publicClient.getBalance({ address: chain.agent.address })).toBeGreaterThan(0n);
  expect(await publicClient.getBalance({ address: chain.relayer.address })).toBeGreaterThan(0n);
  expect(chain.agent.address).toBe(privateKeyToAccount(chain.agent.privateKey).address);

  expect(chain.otherToken).not.toBe(chain.usdc);
  expect(await read(chain.otherToken, 'name')).toBe('Other USD');
  expect(await read(chain.otherToken, 'symbol')).toBe('OUSD');
  expect(await tokenBalance(publicClient, chain.otherToken, chain.agent.address)).toBe(1_000_000_000n);
});

test('plain transfers are reported by watchTransfers with token, recipient, value and block time', async () => {
  const seenAll: ObservedTransfer[] = [];
  const seenUsdcOnly: ObservedTransfer[] = [];
  const fromBlock = (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n;
  const both = watchTransfers(chain, { tokens: [chain.usdc, chain.otherToken], onTransfer: (t) => void seenAll.push(t), fromBlock, pollingIntervalMs: 50 });
  const usdcOnly = watchTransfers(chain, { tokens: [chain.usdc], onTransfer: (t) => void seenUsdcOnly.push(t), fromBlock, pollingIntervalMs: 50 });
  try {
    const to = freshAddress();
    const usdcHash = await payTransfer(chain, { to, amountAtomic: 5_000_000n });
    const otherHash = await payTransfer(chain, { to, amountAtomic: 7n, token: chain.otherToken });
    await expect.poll(() => seenAll.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => seenUsdcOnly.length, { timeout: 5000 }).toBe(1);

    const block = await chain.publicClient.getTransactionReceipt({ hash: usdcHash });
    const { timestamp } = await chain.publicClient.getBlock({ blockNumber: block.blockNumber });
    expect(seenAll[0]).toEqual({
      token: chain.usdc,
      from: chain.agent.address,
      to,
      value: 5_000_000n,
      txHash: usdcHash,
      blockNumber: block.blockNumber,
      blockTimestamp: timestamp,
    });
    expect(seenAll[1]).toMatchObject({ token: chain.otherToken, to, value: 7n, txHash: otherHash });
    expect(seenUsdcOnly[0]?.txHash).toBe(usdcHash);
    expect(await usdcBalance(chain, to)).toBe(5_000_000n);
  } finally {
    both.stop();
    usdcOnly.stop();
  }
});

test('stop() halts reporting and a throwing callback does not end the watch', async () => {
  const seen: Hash[] = [];
  const errors: string[] = [];
  const watch = watchTransfers(chain, {
    tokens: [chain.usdc],
    fromBlock: (await chain.publicClient.getBlockNumber({ cacheTime: 0 })) + 1n,
    pollingIntervalMs: 50,
    onError: (e) => void errors.push(e.message),
    onTransfer: (t) => {
      seen.push(t.txHash);
      if (seen.length === 1) throw new Error('consumer bug');
    },
  });
  const to = freshAddress();
  await payTransfer(chain, { to, amountAtomic: 1n });
  await payTransfer(chain, { to, amountAtomic: 2n });
  await expect.poll(() => seen.length, { timeout: 5000 }).toBe(2);
  expect(errors).toEqual(['consumer bug']);
  watch.stop();
  await payTransfer(chain, { to, amountAtomic: 3n });
  await new Promise((r) => setTimeout(r, 300));
  expect(seen).toHaveLength(2);
});

test('an EIP-3009 authorization signed by the agent and sent by the relayer moves the agent funds', async () => {
  const to = freshAddress();
  const agentUsdcBefore = await usdcBalance(chain, chain.agent.address);
  const agentEthBefore = await chain.publicClient.getBalance({ address: chain.agent.address });
  const relayerUsdcBefore = await usdcBalance(chain, chain.relayer.address);

  const hash = await payWithAuthorization(chain, { to, amountAtomic: 12_340_000n });

  const tx = await chain.publicClient.getTransaction({ hash });
  expect(getAddress(tx.from)).toBe(chain.relayer.address);
  expect(getAddress(tx.to ?? '0x')).toBe(BASE_USDC_ADDRESS);
  expect(await usdcBalance(chain, to)).toBe(12_340_000n);
  expect(await usdcBalance(chain, chain.agent.address)).toBe(agentUsdcBefore - 12_340_000n);
  expect(await usdcBalance(chain, chain.relayer.address)).toBe(relayerUsdcBefore);
  expect(await chain.publicClient.getBalance({ address: chain.agent.address })).toBe(agentEthBefore);
});

test('a replayed authorization is rejected and moves nothing', async () => {
  const to = freshAddress();
  const auth = await signTransferAuthorization(chain, { to, amountAtomic: 1_000_000n });
  expect(await authorizationUsed(chain, auth)).toBe(false);
  await submitTransferAuthorization(chain, auth);
  expect(await authorizationUsed(chain, auth)).toBe(true);
  expect(await revertReason(submitTransferAuthorization(chain, auth))).toBe('AuthorizationAlreadyUsed');
  expect(await usdcBalance(chain, to)).toBe(1_000_000n);
});

test('the packed-signature form of transferWithAuthorization is accepted too', async () => {
  const to = freshAddress();
  const auth = await signTransferAuthorization(chain, { to, amountAtomic: 3n });
  const packedAbi = parseAbi([
    'function transferWithAuthorization(address from, address to, uint256 value, uint256 validAfter, uint256 validBefore, bytes32 nonce, bytes signature)',
  ]);
  const hash = await chain.relayer.wallet.sendTransaction({
    account: chain.relayer.wallet.account ?? null,
    chain: chain.relayer.wallet.chain ?? null,
    to: chain.usdc,
    data: encodeFunctionData({
      abi: packedAbi,
      functionName: 'transferWithAuthorization',
      args: [auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, auth.signature],
    }),
  });
  expect((await chain.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');
  expect(await usdcBalance(chain, to)).toBe(3n);
  expect(await authorizationUsed(chain, auth)).toBe(true);
});

test('a signature for the other token does not move USDC', async () => {
  const to = freshAddress();
  const auth = await signTransferAuthorization(chain, { to, amountAtomic: 1n, token: chain.otherToken });
  expect(await revertReason(submitTransferAuthorization(chain, { ...auth, token: chain.usdc }))).toBe('InvalidSignature');
  await submitTransferAuthorization(chain, auth);
  expect(await tokenBalance(chain.publicClient, chain.otherToken, to)).toBe(1n);
  expect(await usdcBalance(chain, to)).toBe(0n);
});

test('the validity window is checked against the chain clock', async () => {
  const to = freshAddress();
  const now = await latestBlockTimestamp(chain);
  const shortLived = await signTransferAuthorization(chain, { to, amountAtomic: 1n, validBefore: now + 60n });
  const notYet = await signTransferAuthorization(chain, { to, amountAtomic: 2n, validAfter: now + 1000n, validBefore: now + 5000n });
  expect(await revertReason(submitTransferAuthorization(chain, notYet))).toBe('AuthorizationNotYetValid');

  await increaseTime(chain, 2000);
  expect(await latestBlockTimestamp(chain)).toBeGreaterThanOrEqual(now + 2000n);
  expect(await revertReason(submitTransferAuthorization(chain, shortLived))).toBe('AuthorizationExpired');
  await submitTransferAuthorization(chain, notYet);
  // The x402 default window still covers a chain clock that runs ahead of the wall clock.
  await increaseTime(chain, 3 * 24 * 3600);
  await payWithAuthorization(chain, { to, amountAtomic: 4n });
  expect(await usdcBalance(chain, to)).toBe(6n);
});

test('snapshot and revert restore balances', async () => {
  const to = freshAddress();
  const id = await snapshot(chain);
  await payTransfer(chain, { to, amountAtomic: 9n });
  expect(await usdcBalance(chain, to)).toBe(9n);
  await revert(chain, id);
  expect(await usdcBalance(chain, to)).toBe(0n);
});

// TestUSDC's FiatToken minter surface: roles, allowances, pause.
test.describe('FiatToken minter surface', () => {
type Call = Parameters<typeof encodeFunctionData<typeof fiatTokenMinterAbi>>[0];

  /** In local mode the relayer is USDC's master minter; the agent holds no role. */
  function send(as: 'relayer' | 'agent', call: Call) {
    return sendAndWait(chain.publicClient, chain[as].wallet, { to: chain.usdc, data: encodeFunctionData(call), what: `${as} ${call.functionName}` });
  }

  async function errorName(promise: Promise<unknown>): Promise<string | undefined> {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ChainRevertError);
    return (error as ChainRevertError).errorName;
  }

  const read = <F extends 'masterMinter' | 'paused'>(functionName: F) => chain.publicClient.readContract({ address: chain.usdc, abi: fiatTokenMinterAbi, functionName });
  const allowanceOf = (minter: Address) => chain.publicClient.readContract({ address: chain.usdc, abi: fiatTokenMinterAbi, functionName: 'minterAllowance', args: [minter] });

  test('only the master minter configures minters; a minter mints within its allowance, which counts down', async () => {
    expect(await read('masterMinter')).toBe(chain.relayer.address);
    expect(await errorName(send('agent', { abi: fiatTokenMinterAbi, functionName: 'configureMinter', args: [chain.agent.address, 10n] }))).toBe('NotMasterMinter');
    expect(await errorName(send('agent', { abi: fiatTokenMinterAbi, functionName: 'mint', args: [chain.agent.address, 1n] }))).toBe('NotMinter');

    await send('relayer', { abi: fiatTokenMinterAbi, functionName: 'configureMinter', args: [chain.agent.address, 10n] });
    expect(await chain.publicClient.readContract({ address: chain.usdc, abi: fiatTokenMinterAbi, functionName: 'isMinter', args: [chain.agent.address] })).toBe(true);
    const to = freshAddress();
    const supplyBefore = await chain.publicClient.readContract({ address: chain.usdc, abi: erc20Abi, functionName: 'totalSupply' });
    await send('agent', { abi: fiatTokenMinterAbi, functionName: 'mint', args: [to, 7n] });
    expect(await allowanceOf(chain.agent.address)).toBe(3n);
    expect(await tokenBalance(chain.publicClient, chain.usdc, to)).toBe(7n);
    expect(await chain.publicClient.readContract({ address: chain.usdc, abi: erc20Abi, functionName: 'totalSupply' })).toBe(supplyBefore + 7n);
    expect(await errorName(send('agent', { abi: fiatTokenMinterAbi, functionName: 'mint', args: [to, 4n] }))).toBe('MintExceedsAllowance');
  });

  test('pause stops configureMinter and mint, not transfers; unpause restores them', async () => {
    const to = freshAddress();
    await send('relayer', { abi: fiatTokenMinterAbi, functionName: 'pause' });
    try {
      expect(await read('paused')).toBe(true);
      expect(await errorName(send('relayer', { abi: fiatTokenMinterAbi, functionName: 'mint', args: [to, 1n] }))).toBe('Paused');
      expect(await errorName(send('relayer', { abi: fiatTokenMinterAbi, functionName: 'configureMinter', args: [to, 1n] }))).toBe('Paused');
      await sendAndWait(chain.publicClient, chain.agent.wallet, {
        to: chain.usdc,
        data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, 2n] }),
        what: 'transfer while paused',
      });
      expect(await tokenBalance(chain.publicClient, chain.usdc, to)).toBe(2n);
    } finally {
      await send('relayer', { abi: fiatTokenMinterAbi, functionName: 'unpause' });
    }
    await send('relayer', { abi: fiatTokenMinterAbi, functionName: 'mint', args: [to, 1n] });
    expect(await tokenBalance(chain.publicClient, chain.usdc, to)).toBe(3n);
  });
});
