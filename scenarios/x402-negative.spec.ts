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
 * overpaid, wrong_token, after_expiry, duplicate), the `requires_review` state, `credit_events`,
 * usage quota's payment-backed credits.
 * The plain `expect`s left check the chain (balances, block times): harness preconditions.
 */
import type { Address, Hash } from 'viem';
import { signedIn } from '../fixtures/scenario-helpers.js';
import { test, expect } from '../fixtures/test.js';
import { needed } from '../fixtures/needed.js';
import { quotaBalance, type Balance } from '../fixtures/quota-balance.js';
import type { Cli, X402Agent } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import type { Json, PaymentVariant, SettlementEntry, X402Purchase } from '../fixtures/x402-agent.js';
import type { ChainHandle } from '../harness/chain/types.js';

test.use({ withChain: true });

const TAGS = { tag: ['@x402', '@credits'] };

interface Setup {
  purchase: X402Purchase;
  quotaAtStart: Balance;
  amount: bigint;
  deposit: Address;
}

/** What the helpers below work with: the signed-in CLI, the scenario's checks, the x402 agent. */
interface Agent {
  cli: Cli;
  contract: ContractChecks;
  x402: X402Agent;
}

function quota({ cli, contract }: Agent): Promise<Balance> {
  return quotaBalance(cli, contract);
}

async function setUp(agent: Agent, keyPrefix: string): Promise<Setup> {
  const { cli, contract, x402 } = agent;
  const quotaAtStart = await quota(agent);
  // Quote and buy, read as their examples show them (the payable instructions included).
  const purchase = needed(await contract.rule('shape.credits-buy.x402', () => x402.startX402Purchase(cli, { keyPrefix })), 'the x402 quote and buy gave no payable instructions');
  await contract.rule('credits.buy-action-required', () => expect(purchase.buy.state).toBe('action_required'));
  await contract.rule('credits.x402-payable-instructions', () => expect(purchase.instructions.amount_cents, 'the exact amount of the buy').toBe(purchase.buy.amount_cents));
  return { purchase, quotaAtStart, amount: BigInt(purchase.instructions.token_amount_atomic), deposit: purchase.instructions.deposit_address };
}

/** Pays, then polls status until the transfer shows up in settlement; attaches the evidence. */
async function payAndObserve(
  ctx: Agent & { chain: ChainHandle; testInfo: Parameters<X402Agent['attachCase']>[0] },
  setup: Setup,
  name: string,
  payment: { via: PaymentVariant; amountAtomic: bigint; token?: Address },
): Promise<{ txHash: Hash; data: Json; entry: SettlementEntry | undefined }> {
  const { payDeposit, pollStatus, settlementEntryFor, attachCase } = ctx.x402;
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

async function expectNothingGranted(agent: Agent, setup: Setup, data: Json): Promise<void> {
  const { cli, contract, x402 } = agent;
  await contract.rule('credits.granted-only-after-fulfillment', () => {
    expect(data.receipt ?? null, 'no receipt').toBeNull();
    expect(data.credit_event ?? null, 'no credit event').toBeNull();
  });
  const now = await quota(agent);
  await contract.rule('credits.granted-only-after-fulfillment', () => expect(now.remaining, 'no credits granted').toBe(setup.quotaAtStart.remaining));
  await contract.observe('usage quota\'s payment-backed credits do not move', () => expect(now.paymentBacked).toBe(setup.quotaAtStart.paymentBacked));
  const grants = (await contract.rule('media.activity.list', () => x402.grantEvents(cli))) ?? [];
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

test('x402: paying one atomic unit less than required is not credited', TAGS, async ({ cli: anonymous, chain, contract, x402 }, testInfo) => {
  const cli = await signedIn(anonymous);
  const agent: Agent = { cli, contract, x402 };
  const setup = await setUp(agent, 'x402-under');
  const paid = setup.amount - 1n;
  const { txHash, data, entry } = await payAndObserve({ ...agent, chain, testInfo }, setup, 'underpaid', { via: 'transfer', amountAtomic: paid });
  await expectReview(contract, data, entry, txHash, 'underpaid');
  await contract.observe('settlement.transfers shows the value paid', () => expect(entry?.value_atomic).toBe(paid.toString()));
  await expectNothingGranted(agent, setup, data);
  expect(await x402.usdcBalance(chain, setup.deposit)).toBe(paid);
});

test('x402: paying one atomic unit more than required is not credited', TAGS, async ({ cli: anonymous, chain, contract, x402 }, testInfo) => {
  const cli = await signedIn(anonymous);
  const agent: Agent = { cli, contract, x402 };
  const setup = await setUp(agent, 'x402-over');
  const paid = setup.amount + 1n;
  const { txHash, data, entry } = await payAndObserve({ ...agent, chain, testInfo }, setup, 'overpaid', { via: 'authorization', amountAtomic: paid });
  await expectReview(contract, data, entry, txHash, 'overpaid');
  await contract.observe('settlement.transfers shows the value paid', () => expect(entry?.value_atomic).toBe(paid.toString()));
  await expectNothingGranted(agent, setup, data);
  expect(await x402.usdcBalance(chain, setup.deposit)).toBe(paid);
});

test('x402: the exact amount in another token contract is not credited', TAGS, async ({ cli: anonymous, chain, contract, x402 }, testInfo) => {
  const cli = await signedIn(anonymous);
  const agent: Agent = { cli, contract, x402 };
  const setup = await setUp(agent, 'x402-token');
  const { txHash, data, entry } = await payAndObserve({ ...agent, chain, testInfo }, setup, 'wrong-token', {
    via: 'transfer',
    amountAtomic: setup.amount,
    token: chain.otherToken,
  });
  await expectReview(contract, data, entry, txHash, 'wrong_token');
  await contract.observe('settlement.transfers names the other token', () => expect(x402.getAddress(entry?.token ?? '0x')).toBe(x402.getAddress(chain.otherToken)));
  await expectNothingGranted(agent, setup, data);
  expect(await x402.usdcBalance(chain, setup.deposit)).toBe(0n);
  expect(await x402.tokenBalance(chain.publicClient, chain.otherToken, setup.deposit)).toBe(setup.amount);
});

test('x402: the exact amount mined after expires_at is not credited', TAGS, async ({ cli: anonymous, chain, contract, x402 }, testInfo) => {
  const cli = await signedIn(anonymous);
  const agent: Agent = { cli, contract, x402 };
  const setup = await setUp(agent, 'x402-late');
  const expiresAtSec = BigInt(Math.floor(Date.parse(setup.purchase.instructions.expires_at) / 1000) + 1);
  expect(await x402.latestBlockTimestamp(chain), 'the chain clock starts before expires_at').toBeLessThan(expiresAtSec);
  // The chain is shared by the worker's tests: put its clock back afterwards.
  const restore = await x402.snapshot(chain);
  try {
    await x402.setNextBlockTimestamp(chain, expiresAtSec);
    const { txHash, data, entry } = await payAndObserve({ ...agent, chain, testInfo }, setup, 'after-expiry', { via: 'transfer', amountAtomic: setup.amount });
    const block = await chain.publicClient.getTransactionReceipt({ hash: txHash });
    const mined = await chain.publicClient.getBlock({ blockNumber: block.blockNumber });
    expect(mined.timestamp * 1000n).toBeGreaterThan(BigInt(Date.parse(setup.purchase.instructions.expires_at)));
    await expectReview(contract, data, entry, txHash, 'after_expiry');
    await expectNothingGranted(agent, setup, data);
    expect(await x402.usdcBalance(chain, setup.deposit)).toBe(setup.amount);
  } finally {
    await x402.revert(chain, restore);
  }
});

test('x402: a second payment to a settled deposit address is recorded but granted once', TAGS, async ({ cli: anonymous, chain, contract, x402 }, testInfo) => {
  const cli = await signedIn(anonymous);
  const agent: Agent = { cli, contract, x402 };
  const setup = await setUp(agent, 'x402-twice');
  const first = await payAndObserve({ ...agent, chain, testInfo }, setup, 'first-exact', { via: 'transfer', amountAtomic: setup.amount });
  const settled =
    first.data.state === 'succeeded'
      ? first.data
      : needed(await contract.rule('credits.status-durable-state', () => x402.pollStatus(cli, setup.purchase.attemptId, (d) => d.state === 'succeeded')), 'credits status never showed the purchase succeeded').data;
  await contract.rule('shape.credits-status.succeeded', () => expect(settled.state, 'an exact payment succeeds').toBe('succeeded'));
  await contract.observe('settlement.transfers calls the first payment exact', () => expect(first.entry?.outcome).toBe('exact'));

  const second = await payAndObserve({ ...agent, chain, testInfo }, setup, 'second-payment', { via: 'authorization', amountAtomic: setup.amount });
  await contract.observe('settlement.transfers calls the second payment duplicate', () => expect(second.entry?.outcome).toBe('duplicate'));
  await contract.rule('credits.status-durable-state', () => expect(second.data.state, 'the attempt keeps its state').toBe(settled.state));
  await contract.observe('the receipt names the credits, and credits status lists one credit event', () => {
    expect(second.data.receipt).toMatchObject({ credits: setup.purchase.credits });
    expect(second.data.credit_events, 'one credit event for the attempt').toHaveLength(1);
  });

  const now = await quota(agent);
  await contract.rule('credits.granted-once', () => expect(now.remaining - setup.quotaAtStart.remaining, 'credited exactly once').toBe(setup.purchase.credits));
  await contract.observe('usage quota\'s payment-backed credits grow by the credits once', () =>
    expect(Number(now.paymentBacked) - Number(setup.quotaAtStart.paymentBacked)).toBe(setup.purchase.credits),
  );
  const grants = (await contract.rule('media.activity.list', () => x402.grantEvents(cli))) ?? [];
  await contract.rule('credits.granted-once', () => expect(grants, 'one grant in activity').toHaveLength(1));
  expect(await x402.usdcBalance(chain, setup.deposit)).toBe(2n * setup.amount);
});
