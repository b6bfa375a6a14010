/**
 * The x402 exact-amount rail, end to end, with the harness as the wallet-equipped agent:
 * credits methods → quote → buy (all through the CLI) → pay exactly token_amount_atomic to
 * deposit_address on the local Base chain → credits status until succeeded. Every value the
 * agent pays with is read from the CLI's own JSON. Two wallets: a plain ERC-20 transfer, and
 * an EIP-3009 authorization signed by the agent and submitted by a relayer.
 *
 * Every check on CLI output cites its rule (harness/rules/catalogue/payments.ts; the fields and
 * values of the documented examples: catalogue/shapes.ts). Values the documents do not name
 * (credits status `settlement.transfers`, receipt/credit_event fields, activity grant links to
 * the attempt, usage quota's payment-backed credits) are only observed. The plain `expect`s left check the
 * chain (what the wallet sent and where the USDC went): harness preconditions, not CLI output.
 */
import { signedIn } from '../fixtures/scenario-helpers.js';
import { test, expect } from '../fixtures/test.js';
import { needed } from '../fixtures/needed.js';
import { quotaBalance } from '../fixtures/quota-balance.js';
import type { PaymentVariant } from '../fixtures/x402-agent.js';

test.use({ withChain: true });

const VARIANTS: Array<{ via: PaymentVariant; title: string }> = [
  { via: 'transfer', title: 'a plain ERC-20 transfer from the agent' },
  { via: 'authorization', title: 'an EIP-3009 authorization signed by the agent and relayed' },
];

for (const { via, title } of VARIANTS) {
  test(`x402 exact payment by ${title} is credited exactly once`, { tag: ['@x402', '@credits'] }, async ({ cli: anonymous, chain, contract, x402 }, testInfo) => {
    const { X402_METHOD_ID, BASE_USDC_ADDRESS, atomicFromCents, attachCase, getAddress, grantEvents, okData, payDeposit, payableInstructionsOf, pollStatus, settlementEntryFor, usdcBalance, x402MethodOf } = x402;
    const cli = await signedIn(anonymous);
    // usage quota's remaining credits; its payment-backed credits (no sentence names them) ride along, observed only.
    const quota = () => quotaBalance(cli, contract);
    const quotaAtStart = await quota();

    const methods = await cli.run(['credits', 'methods', '--json']);
    await contract.rule('credits.methods-relayed', () => expect(JSON.stringify(okData(methods)), 'the rails the service listed').toContain(X402_METHOD_ID));
    await contract.rule('shape.credits-methods', () => {
      const method = x402MethodOf(okData(methods));
      expect(method, `${X402_METHOD_ID} in credits methods, with the flags the service gave`).toMatchObject({
        available: true,
        quoteable: true,
        purchasable: true,
        requires_browser: false,
        agent_settleable: true,
      });
    });

    const key = `x402-${via}-${testInfo.testId.slice(0, 8)}`;
    const quoteInv = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', X402_METHOD_ID, '--idempotency-key', `${key}-quote`, '--json']);
    await contract.rule('credits.quote-grants-nothing', () => okData(quoteInv));
    const quote = needed(await contract.rule('shape.credits-quote', () => {
      const q = okData(quoteInv);
      expect(q.accepted_payment_method).toBe(X402_METHOD_ID);
      expect(typeof q.quote_id).toBe('string');
      expect(typeof q.credits).toBe('number');
      return q;
    }), 'credits quote gave no x402 quote');
    const afterQuote = await quota();
    await contract.rule('credits.quote-grants-nothing', () => expect(afterQuote.remaining, 'a quote grants nothing').toBe(quotaAtStart.remaining));

    const buyInv = await cli.run(['credits', 'buy', '--provider', 'stripe_x402', '--quote-id', String(quote.quote_id), '--idempotency-key', `${key}-buy`, '--json']);
    await contract.rule('credits.buy-action-required', () => expect(okData(buyInv).state).toBe('action_required'));
    const buy = needed(await contract.rule('shape.credits-buy.x402', () => {
      const b = okData(buyInv);
      expect(b, 'the quote the buy is for').toMatchObject({ quote_id: quote.quote_id, accepted_payment_method: X402_METHOD_ID, credits: quote.credits });
      expect(typeof b.payment_attempt_id, 'payment_attempt_id').toBe('string');
      return b;
    }), 'credits buy gave no x402 purchase');
    const attemptId = String(buy.payment_attempt_id);
    await contract.observe('payment_attempt_id starts with payatt_ (the example shows the prefix; no sentence requires it)', () => expect(attemptId).toMatch(/^payatt_/));
    // The payable instructions as the example shows them (fields, types, and its fixed values), then what the sentence says of them.
    const instructions = needed(await contract.rule('shape.credits-buy.x402', () => {
      const ins = payableInstructionsOf(buy);
      expect(ins.token_amount_atomic, 'amount_cents × 10^4 (token_decimals 6), as a decimal string').toBe(atomicFromCents(ins.amount_cents));
      expect(ins.exact_amount_required).toBe(true);
      expect(Date.parse(ins.expires_at)).toBeGreaterThan(Date.now());
      const x402Block = buy.stripe_x402 as Record<string, unknown>;
      expect(x402Block).toMatchObject({ method_id: X402_METHOD_ID, scheme: 'exact', network: 'base', deposit_address_present: true });
      expect(x402Block.redacted).toEqual({
        payment_intent_id: '[redacted-stripe-payment-intent]',
        deposit_address: '[redacted-stripe-crypto-deposit-address]',
        client_secret: '[redacted-stripe-client-secret]',
      });
      return ins;
    }), 'credits buy gave no payable instructions');
    await contract.rule('credits.x402-payable-instructions', () => {
      expect(instructions.token_contract_address, 'the USDC contract on Base').toBe(getAddress(BASE_USDC_ADDRESS));
      expect(instructions.amount_cents, 'the exact amount of the buy').toBe(buy.amount_cents);
    });
    const afterBuy = await quota();
    await contract.rule('credits.granted-only-after-fulfillment', () => expect(afterBuy.remaining, 'creating the deposit challenge grants nothing').toBe(quotaAtStart.remaining));

    const beforeInv = await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']);
    await contract.rule('credits.status-durable-state', () => okData(beforeInv));
    await contract.rule('shape.credits-status.action-required', () => expect(okData(beforeInv).state).toBe('action_required'));
    await contract.rule('credits.granted-only-after-fulfillment', () => {
      const before = okData(beforeInv);
      expect(before.receipt ?? null, 'no receipt before payment').toBeNull();
      expect(before.credit_event ?? null, 'no credit event before payment').toBeNull();
    });
    const unpaid = await quota();
    await contract.rule('credits.granted-only-after-fulfillment', () => expect(unpaid.remaining, 'an unpaid attempt grants nothing').toBe(quotaAtStart.remaining));
    expect(await usdcBalance(chain, instructions.deposit_address), 'harness: the fresh deposit address holds no USDC').toBe(0n);

    const amount = BigInt(instructions.token_amount_atomic);
    const paidAt = Date.now();
    const txHash = await payDeposit(chain, via, { to: instructions.deposit_address, amountAtomic: amount });
    const tx = await chain.publicClient.getTransaction({ hash: txHash });
    expect(getAddress(tx.from), 'harness: who sent the transaction').toBe(getAddress(via === 'transfer' ? chain.agent.address : chain.relayer.address));

    const settled = needed(await contract.rule('credits.status-durable-state', () => pollStatus(cli, attemptId, (d) => d.state === 'succeeded')), 'credits status never showed the purchase succeeded');
    await attachCase(testInfo, `exact-${via}`, {
      tx_hash: txHash,
      paid_atomic: amount,
      polls: settled.polls,
      ms_to_succeeded: Date.now() - paidAt,
      state: settled.data.state,
      settlement_entry: settlementEntryFor(settled.data, txHash)?.raw ?? null,
      status: settled.data,
    });
    await contract.rule('shape.credits-status.succeeded', () => {
      expect(settled.data.state, `state after ${settled.polls} polls`).toBe('succeeded');
      expect(settled.data.receipt ?? null, 'receipt').not.toBeNull();
      expect(settled.data.credit_event ?? null, 'credit_event').not.toBeNull();
    });
    await contract.observe('receipt and credit_event name the credits and the attempt', () => {
      expect(settled.data.receipt).toMatchObject({ credits: quote.credits, payment_attempt_id: attemptId });
      expect(settled.data.credit_event).toMatchObject({ credits: quote.credits, payment_attempt_id: attemptId });
    });
    await contract.observe('credits status lists the payment in settlement.transfers as exact, from the agent', () => {
      const entry = settlementEntryFor(settled.data, txHash);
      expect(entry, 'the payment appears in settlement.transfers').toBeTruthy();
      expect(entry?.outcome).toBe('exact');
      expect(getAddress(String(entry?.raw.from))).toBe(getAddress(chain.agent.address));
    });

    const quotaAfter = await quota();
    const credits = Number(quote.credits);
    await contract.rule('credits.granted-once', () => expect(quotaAfter.remaining - quotaAtStart.remaining, 'quota grows by the quoted credits').toBe(credits));
    await contract.observe('usage quota\'s payment-backed credits grow by the quoted credits', () =>
      expect(Number(quotaAfter.paymentBacked) - Number(quotaAtStart.paymentBacked)).toBe(credits),
    );
    const grants = (await contract.rule('media.activity.list', () => grantEvents(cli))) ?? [];
    await contract.rule('credits.granted-once', () => expect(grants, 'exactly one grant in activity').toHaveLength(1));
    await contract.observe('the grant event links back to this payment attempt (the registry lists no payment_attempt_id link)', () =>
      expect(grants[0]?.links, 'the grant links back to this attempt').toMatchObject({ payment_attempt_id: attemptId }),
    );
    expect(await usdcBalance(chain, instructions.deposit_address), 'harness: the deposit address holds exactly the amount').toBe(amount);
  });
}
