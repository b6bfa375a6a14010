/** TestUSDC's FiatToken minter surface on a local chain: roles, allowances, pause. */
import { test, expect } from '@playwright/test';
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { fiatTokenMinterAbi } from '../../harness/chain/abis.js';
import { sendAndWait } from '../../harness/chain/transactions.js';
import { ChainRevertError, startChain, tokenBalance, type StartedChain } from '../../harness/chain/index.js';

let chain: StartedChain;

test.beforeAll(async () => {
  chain = await startChain({ forkUrl: null });
});

test.afterAll(async () => {
  await chain?.stop();
});

const freshAddress = (): Address => privateKeyToAccount(generatePrivateKey()).address;

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
