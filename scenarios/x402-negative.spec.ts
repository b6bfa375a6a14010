/**
 * x402 payments that must not be credited as-is: one atomic unit short, one too many, the
 * right amount in the wrong token, the right amount after expires_at, and a second exact
 * payment after a successful one. For each, `credits status` must show the transfer (its tx
 * hash and verdict) and the credits must not move (or move exactly once). Every case attaches
 * a small JSON with the tx hash and the status data, so nothing disappears unreported.
 *
 * What the documents state, and cite (harness/rules/catalogue/payments.ts): credits come only
 * after verified settlement, once; credits status shows the durable state. What they do not
 * name is only observed: the `settlement.transfers` block and its verdicts (underpaid,
 * overpaid, wrong_token, after_expiry, duplicate), the `requires_review` state, `credit_events`.
 * The plain `expect`s left check the chain (balances, block times): harness preconditions.
 */
import { getAddress, type Address, type Hash } from 'viem';
import { signedIn } from '../fixtures/scenario-helpers.js';
import { test, expect } from '../fixtures/test.js';
import type { Cli } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
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

async function quota(cli: Cli, contract: ContractChecks): Promise<QuotaLimits> {
  return (await contract.rule('usage.quota-relayed', () => readQuota(cli)))!;
}

async function setUp(cli: Cli, contract: ContractChecks, keyPrefix: string): Promise<Setup> {
  const quotaAtStart = await quota(cli, contract);
  const purchase = (await contract.rule('credits.x402-payable-instructions', () => startX402Purchase(cli, { keyPrefix })))!;
  await contract.rule('credits.buy-action-required', () => expect(purchase.buy.state).toBe('action_required'));
  return { purchase, quotaAtStart, amount: BigInt(purchase.instructions.token_amount_atomic), deposit: purchase.instructions.deposit_address };
}

/** Pays, then polls status until the transfer shows up in settlement; attaches the evidence. */
async function payAndObserve(
  ctx: { cli: Cli; contract: ContractChecks; chain: ChainHandle; testInfo: Parameters<typeof attachCase>[0] },
  setup: Setup,
  name: string,
  payment: { via: PaymentVariant; amountAtomic: bigint; token?: Address },
): Promise<{ txHash: Hash; data: Json; entry: SettlementEntry | undefined }> {
  const txHash = await payDeposit(ctx.chain, payment.via, { to: setup.deposit, amountAtomic: payment.amountAtomic, token: payment.token });
  const seen = (await ctx.contract.rule('credits.status-durable-state', () =>
    pollStatus(ctx.cli, setup.purchase.attemptId, (d) => settlementEntryFor(d, txHash) !== undefined),
  ))!;
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
  await ctx.contract.observe('credits status lists the transfer in settlement.transfers', () =>
    expect(entry, `transfer ${txHash} listed in settlement.transfers after ${seen.polls} polls`).toBeTruthy(),
  );
  return { txHash, data: seen.data, entry };
}

async function expectNothingGranted(cli: Cli, contract: ContractChecks, setup: Setup, data: Json): Promise<void> {
  await contract.rule('credits.status-durable-state', () => {
    expect(data.receipt ?? null, 'no receipt').toBeNull();
    expect(data.credit_event ?? null, 'no credit event').toBeNull();
  });
  const now = await quota(cli, contract);
  await contract.rule('credits.granted-only-after-fulfillment', () => expect(now, 'no credits granted').toEqual(setup.quotaAtStart));
  const grants = (await contract.rule('media.activity.list', () => grantEvents(cli))) ?? [];
  await contract.rule('credits.granted-only-after-fulfillment', () => expect(grants, 'no grant in activity').toHaveLength(0));
}

/** The verdict and the review state are the fake's words; no sentence names them. */
async function expectReview(contract: ContractChecks, data: Json, entry: SettlementEntry | undefined, txHash: Hash, outcome: string): Promise<void> {
  await contract.observe(`the transfer's verdict is ${outcome} and the attempt is requires_review`, () => {
    expect(entry?.outcome).toBe(outcome);
    expect(entry?.tx_hash.toLowerCase()).toBe(txHash.toLowerCase());
    expect(data.state, 'a payment that cannot be credited as-is needs review').toBe('requires_review');
  });
}

test('x402: paying one atomic unit less than required is not credited', TAGS, async ({ cli: anonymous, chain, contract }, testInfo) => {
  const cli = await signedIn(anonymous);
  const setup = await setUp(cli, contract, 'x402-under');
  const paid = setup.amount - 1n;
  const { txHash, data, entry } = await payAndObserve({ cli, contract, chain, testInfo }, setup, 'underpaid', { via: 'transfer', amountAtomic: paid });
  await expectReview(contract, data, entry, txHash, 'underpaid');
  await contract.observe('settlement.transfers shows the value paid', () => expect(entry?.value_atomic).toBe(paid.toString()));
  await expectNothingGranted(cli, contract, setup, data);
  expect(await usdcBalance(chain, setup.deposit)).toBe(paid);
});

test('x402: paying one atomic unit more than required is not credited', TAGS, async ({ cli: anonymous, chain, contract }, testInfo) => {
  const cli = await signedIn(anonymous);
  const setup = await setUp(cli, contract, 'x402-over');
  const paid = setup.amount + 1n;
  const { txHash, data, entry } = await payAndObserve({ cli, contract, chain, testInfo }, setup, 'overpaid', { via: 'authorization', amountAtomic: paid });
  await expectReview(contract, data, entry, txHash, 'overpaid');
  await contract.observe('settlement.transfers shows the value paid', () => expect(entry?.value_atomic).toBe(paid.toString()));
  await expectNothingGranted(cli, contract, setup, data);
  expect(await usdcBalance(chain, setup.deposit)).toBe(paid);
});

test('x402: the exact amount in another token contract is not credited', TAGS, async ({ cli: anonymous, chain, contract }, testInfo) => {
  const cli = await signedIn(anonymous);
  const setup = await setUp(cli, contract, 'x402-token');
  const { txHash, data, entry } = await payAndObserve({ cli, contract, chain, testInfo }, setup, 'wrong-token', {
    via: 'transfer',
    amountAtomic: setup.amount,
    token: chain.otherToken,
  });
  await expectReview(contract, data, entry, txHash, 'wrong_token');
  await contract.observe('settlement.transfers names the other token', () => expect(getAddress(entry?.token ?? '0x')).toBe(getAddress(chain.otherToken)));
  await expectNothingGranted(cli, contract, setup, data);
  expect(await usdcBalance(chain, setup.deposit)).toBe(0n);
  expect(await tokenBalance(chain.publicClient, chain.otherToken, setup.deposit)).toBe(setup.amount);
});

test('x402: the exact amount mined after expires_at is not credited', TAGS, async ({ cli: anonymous, chain, contract }, testInfo) => {
  const cli = await signedIn(anonymous);
  const setup = await setUp(cli, contract, 'x402-late');
  const expiresAtSec = BigInt(Math.floor(Date.parse(setup.purchase.instructions.expires_at) / 1000) + 1);
  expect(await latestBlockTimestamp(chain), 'the chain clock starts before expires_at').toBeLessThan(expiresAtSec);
  // The chain is shared by the worker's tests: put its clock back afterwards.
  const restore = await snapshot(chain);
  try {
    await setNextBlockTimestamp(chain, expiresAtSec);
    const { txHash, data, entry } = await payAndObserve({ cli, contract, chain, testInfo }, setup, 'after-expiry', { via: 'transfer', amountAtomic: setup.amount });
    const block = await chain.publicClient.getTransactionReceipt({ hash: txHash });
    const mined = await chain.publicClient.getBlock({ blockNumber: block.blockNumber });
    expect(mined.timestamp * 1000n).toBeGreaterThan(BigInt(Date.parse(setup.purchase.instructions.expires_at)));
    await expectReview(contract, data, entry, txHash, 'after_expiry');
    await expectNothingGranted(cli, contract, setup, data);
    expect(await usdcBalance(chain, setup.deposit)).toBe(setup.amount);
  } finally {
    await revert(chain, restore);
  }
});

test('x402: a second payment to a settled deposit address is recorded but granted once', TAGS, async ({ cli: anonymous, chain, contract }, testInfo) => {
  const cli = await signedIn(anonymous);
  const setup = await setUp(cli, contract, 'x402-twice');
  const first = await payAndObserve({ cli, contract, chain, testInfo }, setup, 'first-exact', { via: 'transfer', amountAtomic: setup.amount });
  const settled =
    first.data.state === 'succeeded'
      ? first.data
      : (await contract.rule('credits.status-durable-state', () => pollStatus(cli, setup.purchase.attemptId, (d) => d.state === 'succeeded')))!.data;
  await contract.rule('credits.status-durable-state', () => expect(settled.state, 'an exact payment succeeds').toBe('succeeded'));
  await contract.observe('settlement.transfers calls the first payment exact', () => expect(first.entry?.outcome).toBe('exact'));

  const second = await payAndObserve({ cli, contract, chain, testInfo }, setup, 'second-payment', { via: 'authorization', amountAtomic: setup.amount });
  await contract.observe('settlement.transfers calls the second payment duplicate', () => expect(second.entry?.outcome).toBe('duplicate'));
  await contract.rule('credits.status-durable-state', () => expect(second.data.state, 'the attempt stays succeeded').toBe('succeeded'));
  await contract.observe('the receipt names the credits, and credits status lists one credit event', () => {
    expect(second.data.receipt).toMatchObject({ credits: setup.purchase.credits });
    expect(second.data.credit_events, 'one credit event for the attempt').toHaveLength(1);
  });

  const now = await quota(cli, contract);
  await contract.rule('credits.granted-once', () => {
    expect(now.remaining_credits - setup.quotaAtStart.remaining_credits, 'credited exactly once').toBe(setup.purchase.credits);
    expect(now.payment_backed_remaining_credits - setup.quotaAtStart.payment_backed_remaining_credits).toBe(setup.purchase.credits);
  });
  const grants = (await contract.rule('media.activity.list', () => grantEvents(cli))) ?? [];
  await contract.rule('credits.granted-once', () => expect(grants, 'one grant in activity').toHaveLength(1));
  expect(await usdcBalance(chain, setup.deposit)).toBe(2n * setup.amount);
});
