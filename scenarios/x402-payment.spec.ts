/**
 * The x402 exact-amount rail, end to end, with the harness as the wallet-equipped agent:
 * credits methods → quote → buy (all through the CLI) → pay exactly token_amount_atomic to
 * deposit_address on the local Base chain → credits status until succeeded. Every value the
 * agent pays with is read from the CLI's own JSON. Two wallets: a plain ERC-20 transfer, and
 * an EIP-3009 authorization signed by the agent and submitted by a relayer.
 */
import { getAddress } from 'viem';
import { test, expect } from '../fixtures/test.js';
import { signupSaved } from '../fixtures/scenario-helpers.js';
import {
  X402_METHOD_ID,
  atomicFromCents,
  attachCase,
  grantEvents,
  okData,
  payDeposit,
  payableInstructionsOf,
  pollStatus,
  readQuota,
  settlementEntryFor,
  x402MethodOf,
  type PaymentVariant,
} from '../fixtures/x402-agent.js';
import { BASE_USDC_ADDRESS, usdcBalance } from '../harness/chain/index.js';

test.use({ withChain: true });

const VARIANTS: Array<{ via: PaymentVariant; title: string }> = [
  { via: 'transfer', title: 'a plain ERC-20 transfer from the agent' },
  { via: 'authorization', title: 'an EIP-3009 authorization signed by the agent and relayed' },
];

for (const { via, title } of VARIANTS) {
  test(`x402 exact payment by ${title} is credited exactly once`, { tag: ['@x402', '@credits'] }, async ({ cli, chain }, testInfo) => {
    await signupSaved(cli);
    const quotaAtStart = await readQuota(cli);

    const x402 = x402MethodOf(okData(await cli.run(['credits', 'methods', '--json'])));
    expect(x402, `${X402_METHOD_ID} in credits methods`).toMatchObject({
      available: true,
      quoteable: true,
      purchasable: true,
      requires_browser: false,
      agent_settleable: true,
    });

    const key = `x402-${via}-${testInfo.testId.slice(0, 8)}`;
    const quote = okData(
      await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', X402_METHOD_ID, '--idempotency-key', `${key}-quote`, '--json']),
    );
    expect(quote.accepted_payment_method).toBe(X402_METHOD_ID);
    expect(typeof quote.quote_id).toBe('string');
    expect(typeof quote.credits).toBe('number');
    expect(await readQuota(cli), 'a quote grants nothing').toEqual(quotaAtStart);

    const buy = okData(
      await cli.run(['credits', 'buy', '--provider', 'stripe_x402', '--quote-id', String(quote.quote_id), '--idempotency-key', `${key}-buy`, '--json']),
    );
    expect(buy).toMatchObject({ state: 'action_required', quote_id: quote.quote_id, accepted_payment_method: X402_METHOD_ID, credits: quote.credits });
    const attemptId = String(buy.payment_attempt_id);
    expect(attemptId).toMatch(/^payatt_/);
    const instructions = payableInstructionsOf(buy);
    expect(instructions.token_contract_address).toBe(getAddress(BASE_USDC_ADDRESS));
    expect(instructions.amount_cents).toBe(buy.amount_cents);
    expect(instructions.token_amount_atomic, 'amount_cents × 10^4, as a decimal string').toBe(atomicFromCents(instructions.amount_cents));
    expect(instructions.exact_amount_required).toBe(true);
    expect(Date.parse(instructions.expires_at)).toBeGreaterThan(Date.now());
    const x402Block = buy.stripe_x402 as Record<string, unknown>;
    expect(x402Block).toMatchObject({ method_id: X402_METHOD_ID, scheme: 'exact', network: 'base', deposit_address_present: true });
    expect(x402Block.redacted).toEqual({
      payment_intent_id: '[redacted-stripe-payment-intent]',
      deposit_address: '[redacted-stripe-crypto-deposit-address]',
      client_secret: '[redacted-stripe-client-secret]',
    });
    expect(await readQuota(cli), 'creating the deposit challenge grants nothing').toEqual(quotaAtStart);

    const before = okData(await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']));
    expect(before.state).toBe('action_required');
    expect(before.receipt).toBeNull();
    expect(before.credit_event).toBeNull();
    expect(await readQuota(cli), 'an unpaid attempt grants nothing').toEqual(quotaAtStart);
    expect(await usdcBalance(chain, instructions.deposit_address)).toBe(0n);

    const amount = BigInt(instructions.token_amount_atomic);
    const paidAt = Date.now();
    const txHash = await payDeposit(chain, via, { to: instructions.deposit_address, amountAtomic: amount });
    const tx = await chain.publicClient.getTransaction({ hash: txHash });
    expect(getAddress(tx.from), 'who sent the transaction').toBe(getAddress(via === 'transfer' ? chain.agent.address : chain.relayer.address));

    const settled = await pollStatus(cli, attemptId, (d) => d.state === 'succeeded');
    await attachCase(testInfo, `exact-${via}`, {
      tx_hash: txHash,
      paid_atomic: amount,
      polls: settled.polls,
      ms_to_succeeded: Date.now() - paidAt,
      state: settled.data.state,
      settlement_entry: settlementEntryFor(settled.data, txHash)?.raw ?? null,
      status: settled.data,
    });
    expect(settled.data.state, `state after ${settled.polls} polls`).toBe('succeeded');
    expect(settled.data.receipt).toMatchObject({ credits: quote.credits, payment_attempt_id: attemptId });
    expect(settled.data.credit_event).toMatchObject({ credits: quote.credits, payment_attempt_id: attemptId });
    const entry = settlementEntryFor(settled.data, txHash);
    expect(entry, 'the payment appears in settlement.transfers').toBeTruthy();
    expect(entry?.outcome).toBe('exact');
    expect(getAddress(String(entry?.raw.from))).toBe(getAddress(chain.agent.address));

    const quotaAfter = await readQuota(cli);
    const credits = Number(quote.credits);
    expect(quotaAfter.remaining_credits - quotaAtStart.remaining_credits, 'quota grows by the quoted credits').toBe(credits);
    expect(quotaAfter.payment_backed_remaining_credits - quotaAtStart.payment_backed_remaining_credits).toBe(credits);
    const grants = await grantEvents(cli);
    expect(grants, 'exactly one grant in activity').toHaveLength(1);
    expect(grants[0].links, 'the grant links back to this attempt').toMatchObject({ payment_attempt_id: attemptId });
    expect(await usdcBalance(chain, instructions.deposit_address), 'deposit address holds exactly the amount').toBe(amount);
  });
}
