/**
 * Fork mode: gives the agent USDC from the real Base USDC contract without
 * touching its code or storage layout. We impersonate USDC's masterMinter,
 * make the relayer a minter with exactly the needed allowance, and let the
 * relayer mint to the agent, so balances and totalSupply stay consistent.
 */
import { encodeFunctionData, parseEther, type Address, type PublicClient, type TestClient } from 'viem';
import { fiatTokenMinterAbi } from './abis.js';
import type { HarnessAccount } from './accounts.js';
import { tokenBalance } from './balances.js';
import { sendAndWait, waitForSuccess } from './transactions.js';

interface ForkContext {
  publicClient: PublicClient;
  testClient: TestClient;
}

export async function fundAgentFromRealUsdc(
  ctx: ForkContext,
  usdc: Address,
  relayer: HarnessAccount,
  agent: Address,
  amountAtomic: bigint,
): Promise<void> {
  const masterMinter = await ctx.publicClient.readContract({
    address: usdc,
    abi: fiatTokenMinterAbi,
    functionName: 'masterMinter',
  });
  await ctx.testClient.setBalance({ address: masterMinter, value: parseEther('1') });
  await ctx.testClient.impersonateAccount({ address: masterMinter });
  try {
    const hash = await ctx.testClient.sendUnsignedTransaction({
      from: masterMinter,
      to: usdc,
      data: encodeFunctionData({
        abi: fiatTokenMinterAbi,
        functionName: 'configureMinter',
        args: [relayer.address, amountAtomic],
      }),
    });
    await waitForSuccess(ctx.publicClient, hash, 'USDC configureMinter (impersonated masterMinter)');
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
  if (after - before !== amountAtomic) throw new Error(`fork funding moved ${after - before}, expected ${amountAtomic}`);
}
