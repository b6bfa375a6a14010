/**
 * Fork mode: gives the agent USDC on a fork of Base. First through USDC's own minting rules
 * (no storage layout assumed): impersonate USDC's masterMinter, make the relayer a minter with
 * exactly the needed allowance, let the relayer mint to the agent; balances and totalSupply
 * stay consistent. When that path is unavailable (no masterMinter(), paused, a revert), fall
 * back to writing the agent's balance with anvil_setStorageAt: the balance mapping's slot is
 * found by probing, checked through balanceOf, and totalSupply is then not adjusted.
 */
import { encodeAbiParameters, encodeFunctionData, keccak256, numberToHex, parseEther, type Address, type Hex, type PublicClient, type TestClient } from 'viem';
import { fiatTokenMinterAbi } from './abis.js';
import type { HarnessAccount } from './accounts.js';
import { tokenBalance } from './balances.js';
import { describeRevert } from './revert-errors.js';
import { sendAndWait, waitForSuccess } from './transactions.js';

interface ForkContext {
  publicClient: PublicClient;
  testClient: TestClient;
}

export type FundingPath = 'master-minter' | 'storage-slot';

export interface ForkFunding {
  path: FundingPath;
  /** Why the master-minter path was not used (only for 'storage-slot'). */
  masterMinterProblem?: string;
  /** The storage slot of the balance mapping (only for 'storage-slot'). */
  balanceSlot?: bigint;
}

/** Mapping slots probed for the balance (FiatToken v2.2 uses 9, OpenZeppelin's ERC20 0). */
const MAX_BALANCE_SLOT = 32n;

function firstLine(error: unknown): string {
  const text = error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error);
  return text.split('\n')[0];
}

export async function fundViaMasterMinter(
  ctx: ForkContext,
  usdc: Address,
  relayer: HarnessAccount,
  agent: Address,
  amountAtomic: bigint,
): Promise<void> {
  const masterMinter = await ctx.publicClient.readContract({ address: usdc, abi: fiatTokenMinterAbi, functionName: 'masterMinter' });
  await ctx.testClient.setBalance({ address: masterMinter, value: parseEther('1') });
  await ctx.testClient.impersonateAccount({ address: masterMinter });
  try {
    const data = encodeFunctionData({ abi: fiatTokenMinterAbi, functionName: 'configureMinter', args: [relayer.address, amountAtomic] });
    const what = 'USDC configureMinter (impersonated masterMinter)';
    // A dry run first, so a refusal names its reason (e.g. Paused) instead of a bare "reverted".
    await ctx.publicClient.call({ account: masterMinter, to: usdc, data }).catch((error: unknown) => {
      throw describeRevert(error, what);
    });
    const hash = await ctx.testClient.sendUnsignedTransaction({ from: masterMinter, to: usdc, data });
    await waitForSuccess(ctx.publicClient, hash, what);
  } finally {
    await ctx.testClient.stopImpersonatingAccount({ address: masterMinter });
  }
  const before = await tokenBalance(ctx.publicClient, usdc, agent);
  await sendAndWait(ctx.publicClient, relayer.wallet, {
    to: usdc,
    data: encodeFunctionData({ abi: fiatTokenMinterAbi, functionName: 'mint', args: [agent, amountAtomic] }),
    what: 'USDC mint to agent',
  });
  const after = await tokenBalance(ctx.publicClient, usdc, agent);
  if (after - before !== amountAtomic) throw new Error(`master-minter funding moved ${after - before}, expected ${amountAtomic}`);
}

/** Storage key of `holder` in a Solidity mapping(address => …) declared at `slot`. */
export function mappingKey(holder: Address, slot: bigint): Hex {
  return keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [holder, slot]));
}

/** Adds `amountAtomic` to the holder's balance by writing the balance slot; returns the slot found. */
export async function fundViaStorageSlot(ctx: ForkContext, token: Address, holder: Address, amountAtomic: bigint): Promise<bigint> {
  const before = await tokenBalance(ctx.publicClient, token, holder);
  const wanted = before + amountAtomic;
  const value = numberToHex(wanted, { size: 32 });
  for (let slot = 0n; slot <= MAX_BALANCE_SLOT; slot += 1n) {
    const key = mappingKey(holder, slot);
    const original = (await ctx.publicClient.getStorageAt({ address: token, slot: key })) ?? numberToHex(0, { size: 32 });
    await ctx.testClient.setStorageAt({ address: token, index: key, value });
    if ((await tokenBalance(ctx.publicClient, token, holder)) === wanted) return slot;
    await ctx.testClient.setStorageAt({ address: token, index: key, value: original });
  }
  throw new Error(`no balance mapping slot in 0..${MAX_BALANCE_SLOT} of ${token} moved balanceOf(${holder})`);
}

/** Funds the agent on a fork; `prefer: 'storage-slot'` skips the master-minter attempt. */
export async function fundAgentOnFork(
  ctx: ForkContext,
  usdc: Address,
  relayer: HarnessAccount,
  agent: Address,
  amountAtomic: bigint,
  opts: { prefer?: FundingPath } = {},
): Promise<ForkFunding> {
  let masterMinterProblem = 'skipped on request';
  if (opts.prefer !== 'storage-slot') {
    try {
      await fundViaMasterMinter(ctx, usdc, relayer, agent, amountAtomic);
      return { path: 'master-minter' };
    } catch (error) {
      masterMinterProblem = firstLine(error);
    }
  }
  try {
    const balanceSlot = await fundViaStorageSlot(ctx, usdc, agent, amountAtomic);
    return { path: 'storage-slot', masterMinterProblem, balanceSlot };
  } catch (error) {
    throw new Error(`could not fund the agent with USDC on the fork: master-minter path: ${masterMinterProblem}; storage-slot path: ${firstLine(error)}`, {
      cause: error,
    });
  }
}
