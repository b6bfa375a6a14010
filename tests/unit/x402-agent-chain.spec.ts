import { test, expect } from '@playwright/test';
import { getAddress } from 'viem';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { payDeposit } from '../../fixtures/x402-agent.js';
import { startChain, tokenBalance, usdcBalance, type StartedChain } from '../../harness/chain/index.js';

let chain: StartedChain | undefined;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  chain = await startChain({ forkUrl: null });
});
test.afterAll(async () => chain?.stop());

const freshAddress = () => privateKeyToAccount(generatePrivateKey()).address;

test('both payment variants move exactly the amount, from the agent, sent by the right account', async () => {
  const c = chain!;
  for (const via of ['transfer', 'authorization'] as const) {
    const to = freshAddress();
    const hash = await payDeposit(c, via, { to, amountAtomic: 5_000_001n });
    expect(await usdcBalance(c, to), via).toBe(5_000_001n);
    const tx = await c.publicClient.getTransaction({ hash });
    expect(getAddress(tx.from), via).toBe(getAddress(via === 'transfer' ? c.agent.address : c.relayer.address));
  }
});

test('a payment in another token leaves the USDC balance untouched', async () => {
  const c = chain!;
  const to = freshAddress();
  await payDeposit(c, 'transfer', { to, amountAtomic: 7n, token: c.otherToken });
  expect(await usdcBalance(c, to)).toBe(0n);
  expect(await tokenBalance(c.publicClient, c.otherToken, to)).toBe(7n);
});
