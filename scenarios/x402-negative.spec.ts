/**
 * x402 payments that must not be credited as-is: one atomic unit short, one too many, the
 * right amount in the wrong token, the right amount after expires_at, and a second exact
 * payment after a successful one. For each, `credits status` must show the transfer (its tx
 * hash and verdict) and the credits must not move (or move exactly once). Every case attaches
 * a small JSON with the tx hash and the status data, so nothing disappears unreported.
 */
import { getAddress, type Address, type Hash } from 'viem';
import { test, expect } from '../fixtures/test.js';
import type { Cli } from '../fixtures/test.js';
import { signupSaved } from '../fixtures/scenario-helpers.js';
import {
  attachCase,
  grantEvents,
  payDeposit,
  pollStatus,
  readQuota,
  settlementEntryFor,
  startX402Purchase,
  type Json,
  type PaymentVariant,
  type QuotaLimits,
  type SettlementEntry,
  type X402Purchase,
} from '../fixtures/x402-agent.js';
import { latestBlockTimestamp, revert, setNextBlockTimestamp, snapshot, tokenBalance, usdcBalance } from '../harness/chain/index.js';
import type { ChainHandle } from '../harness/chain/types.js';

test.use({ withChain: true });

const TAGS = { tag: ['@x402', '@credits'] };

interface Setup {
  purchase: X402Purchase;
  quotaAtStart: QuotaLimits;
  amount: bigint;
  deposit: Address;
}

async function setUp(cli: Cli, keyPrefix: string): Promise<Setup> {
  await signupSaved(cli);
  const quotaAtStart = await readQuota(cli);
  const purchase = await startX402Purchase(cli, { keyPrefix });
  expect(purchase.buy.state).toBe('action_required');
  return { purchase, quotaAtStart, amount: BigInt(purchase.instructions.token_amount_atomic), deposit: purchase.instructions.deposit_address };
}

/** Pays, then polls status until the transfer shows up in settlement; attaches the evidence. */
async function payAndObserve(
  ctx: { cli: Cli; chain: ChainHandle; testInfo: Parameters<typeof attachCase>[0] },
  setup: Setup,
  name: string,
  payment: { via: PaymentVariant; amountAtomic: bigint; token?: Address },
): Promise<{ txHash: Hash; data: Json; entry: SettlementEntry | undefined }> {
  const txHash = await payDeposit(ctx.chain, payment.via, { to: setup.deposit, amountAtomic: payment.amountAtomic, token: payment.token });
  const seen = await pollStatus(ctx.cli, setup.purchase.attemptId, (d) => settlementEntryFor(d, txHash) !== undefined);
  const entry = settlementEntryFor(seen.data, txHash);
  await attachCase(ctx.testInfo, name, {
    tx_hash: txHash,
    paid_atomic: payment.amountAtomic,
    required_atomic: setup.purchase.instructions.token_amount_atomic,
    token: payment.token ?? ctx.chain.usdc,
    polls: seen.polls,
    state: seen.data.state,
    settlement_entry: entry?.raw ?? null,
    status: seen.data,
  });
  expect(entry, `transfer ${txHash} listed in settlement.transfers after ${seen.polls} polls`).toBeTruthy();
  return { txHash, data: seen.data, entry };
}

async function expectNothingGranted(cli: Cli, setup: Setup, data: Json): Promise<void> {
  expect(data.receipt).toBeNull();
  expect(data.credit_event).toBeNull();
  expect(await readQuota(cli), 'no credits granted').toEqual(setup.quotaAtStart);
  expect(await grantEvents(cli), 'no grant in activity').toHaveLength(0);
}

function expectReview(data: Json, entry: SettlementEntry | undefined, txHash: Hash, outcome: string): void {
  expect(entry?.outcome).toBe(outcome);
  expect(entry?.tx_hash.toLowerCase()).toBe(txHash.toLowerCase());
  expect(data.state, 'a payment that cannot be credited as-is needs review').toBe('requires_review');
}

test('x402: paying one atomic unit less than required is not credited', TAGS, async ({ cli, chain }, testInfo) => {
  const setup = await setUp(cli, 'x402-under');
  const paid = setup.amount - 1n;
  const { txHash, data, entry } = await payAndObserve({ cli, chain, testInfo }, setup, 'underpaid', { via: 'transfer', amountAtomic: paid });
  expectReview(data, entry, txHash, 'underpaid');
  expect(entry?.value_atomic).toBe(paid.toString());
  await expectNothingGranted(cli, setup, data);
  expect(await usdcBalance(chain, setup.deposit)).toBe(paid);
});

test('x402: paying one atomic unit more than required is not credited', TAGS, async ({ cli, chain }, testInfo) => {
  const setup = await setUp(cli, 'x402-over');
  const paid = setup.amount + 1n;
  const { txHash, data, entry } = await payAndObserve({ cli, chain, testInfo }, setup, 'overpaid', { via: 'authorization', amountAtomic: paid });
  expectReview(data, entry, txHash, 'overpaid');
  expect(entry?.value_atomic).toBe(paid.toString());
  await expectNothingGranted(cli, setup, data);
  expect(await usdcBalance(chain, setup.deposit)).toBe(paid);
});

test('x402: the exact amount in another token contract is not credited', TAGS, async ({ cli, chain }, testInfo) => {
  const setup = await setUp(cli, 'x402-token');
  const { txHash, data, entry } = await payAndObserve({ cli, chain, testInfo }, setup, 'wrong-token', {
    via: 'transfer',
    amountAtomic: setup.amount,
    token: chain.otherToken,
  });
  expectReview(data, entry, txHash, 'wrong_token');
  expect(getAddress(entry?.token ?? '0x')).toBe(getAddress(chain.otherToken));
  await expectNothingGranted(cli, setup, data);
  expect(await usdcBalance(chain, setup.deposit)).toBe(0n);
  expect(await tokenBalance(chain.publicClient, chain.otherToken, setup.deposit)).toBe(setup.amount);
});

test('x402: the exact amount mined after expires_at is not credited', TAGS, async ({ cli, chain }, testInfo) => {
  const setup = await setUp(cli, 'x402-late');
  const expiresAtSec = BigInt(Math.floor(Date.parse(setup.purchase.instructions.expires_at) / 1000) + 1);
  expect(await latestBlockTimestamp(chain), 'the chain clock starts before expires_at').toBeLessThan(expiresAtSec);
  // The chain is shared by the worker's tests: put its clock back afterwards.
  const restore = await snapshot(chain);
  try {
    await setNextBlockTimestamp(chain, expiresAtSec);
    const { txHash, data, entry } = await payAndObserve({ cli, chain, testInfo }, setup, 'after-expiry', { via: 'transfer', amountAtomic: setup.amount });
    const block = await chain.publicClient.getTransactionReceipt({ hash: txHash });
    const mined = await chain.publicClient.getBlock({ blockNumber: block.blockNumber });
    expect(mined.timestamp * 1000n).toBeGreaterThan(BigInt(Date.parse(setup.purchase.instructions.expires_at)));
    expectReview(data, entry, txHash, 'after_expiry');
    await expectNothingGranted(cli, setup, data);
    expect(await usdcBalance(chain, setup.deposit)).toBe(setup.amount);
  } finally {
    await revert(chain, restore);
  }
});

test('x402: a second payment to a settled deposit address is recorded but granted once', TAGS, async ({ cli, chain }, testInfo) => {
  const setup = await setUp(cli, 'x402-twice');
  const first = await payAndObserve({ cli, chain, testInfo }, setup, 'first-exact', { via: 'transfer', amountAtomic: setup.amount });
  const settled = first.data.state === 'succeeded' ? first.data : (await pollStatus(cli, setup.purchase.attemptId, (d) => d.state === 'succeeded')).data;
  expect(settled.state).toBe('succeeded');
  expect(first.entry?.outcome).toBe('exact');

  const second = await payAndObserve({ cli, chain, testInfo }, setup, 'second-payment', { via: 'authorization', amountAtomic: setup.amount });
  expect(second.entry?.outcome).toBe('duplicate');
  expect(second.data.state, 'the attempt stays succeeded').toBe('succeeded');
  expect(second.data.receipt).toMatchObject({ credits: setup.purchase.credits });
  expect(second.data.credit_events, 'one credit event for the attempt').toHaveLength(1);

  const quota = await readQuota(cli);
  expect(quota.remaining_credits - setup.quotaAtStart.remaining_credits, 'credited exactly once').toBe(setup.purchase.credits);
  expect(quota.payment_backed_remaining_credits - setup.quotaAtStart.payment_backed_remaining_credits).toBe(setup.purchase.credits);
  expect(await grantEvents(cli), 'one grant in activity').toHaveLength(1);
  expect(await usdcBalance(chain, setup.deposit)).toBe(2n * setup.amount);
});
