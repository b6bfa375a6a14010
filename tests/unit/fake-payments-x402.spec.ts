import { test, expect } from '@playwright/test';
import type { Address, Hash } from 'viem';
import type { ChainHandle, ObservedTransfer } from '../../harness/chain/types.js';
import { classifyTransfer } from '../../harness/fake/payments/index.js';
import { newAttemptRow } from '../../harness/fake/payments/store.js';
import { startPaymentHarness, type PaymentHarness } from '../../harness/fake/payments/test-support.js';

const USDC = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' as Address;
const OTHER = '0x1111111111111111111111111111111111111111' as Address;
const standInChain = { usdc: USDC, otherToken: OTHER } as unknown as ChainHandle;

let h: PaymentHarness;
test.afterEach(async () => h?.close());

type Json = Record<string, unknown>;
let txCounter = 0;

function transfer(to: string, value: bigint, opts: { token?: Address; at?: number } = {}): ObservedTransfer {
  txCounter += 1;
  return {
    token: opts.token ?? USDC,
    from: '0x2222222222222222222222222222222222222222',
    to: to as Address,
    value,
    txHash: `0x${txCounter.toString(16).padStart(64, '0')}` as Hash,
    blockNumber: BigInt(txCounter),
    blockTimestamp: BigInt(opts.at ?? Math.floor(Date.now() / 1000)),
  };
}

async function x402Buy(token: string, body: Json, key: string): Promise<Json> {
  const q = (await h.call('POST', '/v1/credit-quotes', { token, body: { ...body, payment_method: 'stripe_x402.exact.usdc', idempotency_key: `q-${key}` } })).json?.data as Json;
  expect(q.accepted_payment_method).toBe('stripe_x402.exact.usdc');
  const res = await h.call('POST', '/v1/credit-purchases/stripe-x402-deposits', { token, body: { quote_id: q.quote_id, idempotency_key: key } });
  expect(res.status).toBe(200);
  return res.json?.data as Json;
}

async function status(token: string, attemptId: unknown): Promise<Json> {
  return (await h.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${String(attemptId)}`, { token })).json?.data as Json;
}

test('x402 buy returns exact payable instructions and a fresh address per attempt', async () => {
  h = await startPaymentHarness({ chain: standInChain });
  const { agent, token } = h.ctx.addAgent('wallet-agent');
  const data = await x402Buy(token, { pack_id: 'starter-500' }, 'agent-x402-buy-run-001');
  expect(data).toMatchObject({
    state: 'action_required', provider: 'stripe', accepted_payment_method: 'stripe_x402.exact.usdc', credits: 500,
    amount_cents: 500, currency: 'USD', live_money: true,
    stripe_x402: {
      method_id: 'stripe_x402.exact.usdc', scheme: 'exact', network: 'base', token_currency: 'usdc', deposit_address_present: true,
      payable_instructions: {
        kind: 'stripe_crypto_deposit', network: 'base', token_currency: 'usdc', token_decimals: 6, token_amount: '5.00',
        token_amount_atomic: '5000000', amount_cents: 500, amount_usd: '5.00', token_contract_address: USDC,
        supported_token_currencies: ['usdc'], exact_amount_required: true,
      },
      redacted: {
        payment_intent_id: '[redacted-stripe-payment-intent]',
        deposit_address: '[redacted-stripe-crypto-deposit-address]',
        client_secret: '[redacted-stripe-client-secret]',
      },
    },
    next: { agent_action: 'pay_stripe_crypto_deposit' },
  });
  const instructions = (data.stripe_x402 as Json).payable_instructions as Json;
  expect(String(instructions.deposit_address)).toMatch(/^0x[0-9a-fA-F]{40}$/);
  const expires = Date.parse(String(instructions.expires_at)) - Date.now();
  expect(expires).toBeGreaterThan(29 * 60 * 1000);
  expect(expires).toBeLessThanOrEqual(30 * 60 * 1000);
  expect((data.next as { suggested_commands: string[] }).suggested_commands[0]).toBe(
    `image-skill credits status --payment-attempt-id ${String(data.payment_attempt_id)} --json`,
  );

  // The PaymentIntent was created through the SDK with our metadata.
  const attempt = h.area.state.paymentAttempt(String(data.payment_attempt_id));
  const intent = await h.ctx.stripe!.client.paymentIntents.retrieve(String(attempt?.payment_intent_id));
  expect(intent.metadata.payment_attempt_id).toBe(data.payment_attempt_id);
  expect(intent.amount).toBe(500);

  const custom = await x402Buy(token, { credits: 137 }, 'custom');
  const customInstr = (custom.stripe_x402 as Json).payable_instructions as Json;
  expect(customInstr).toMatchObject({ token_amount_atomic: '1370000', token_amount: '1.37', amount_usd: '1.37' });
  expect(customInstr.deposit_address).not.toBe(instructions.deposit_address);

  const replay = (await h.call('POST', '/v1/credit-purchases/stripe-x402-deposits', {
    token, body: { quote_id: data.quote_id, idempotency_key: 'agent-x402-buy-run-001' },
  })).json?.data as Json;
  expect(((replay.stripe_x402 as Json).payable_instructions as Json).deposit_address).toBe(instructions.deposit_address);

  expect(h.ctx.grants).toEqual([]);
  expect(h.ctx.balances.get(agent.agent_id)).toBe(0);
  expect(h.ctx.activity).toEqual([]);
  const s = await status(token, data.payment_attempt_id);
  expect(s).toMatchObject({ state: 'action_required', settlement: { transfers: [], required_atomic: '5000000' }, next: { agent_action: 'pay_stripe_crypto_deposit' } });
  expect(((s.quote as Json).x402 as Json).payable_instructions).toMatchObject({ token_amount_atomic: '5000000' });
});

test('settlement: every transfer gets a verdict and only an exact timely one grants, through the webhook', async () => {
  h = await startPaymentHarness({ chain: standInChain });
  const { agent, token } = h.ctx.addAgent('wallet-agent');
  const data = await x402Buy(token, { pack_id: 'starter-500' }, 'k');
  const address = String(((data.stripe_x402 as Json).payable_instructions as Json).deposit_address);

  await h.area.observeTransfer(transfer(address, 4_999_999n));
  expect((await status(token, data.payment_attempt_id)).state).toBe('requires_review');
  await h.area.observeTransfer(transfer(address, 5_000_000n, { token: OTHER }));
  await h.area.observeTransfer(transfer('0x3333333333333333333333333333333333333333', 5_000_000n)); // not ours: ignored
  expect(h.ctx.grants).toEqual([]);

  const exact = transfer(address, 5_000_000n);
  await h.area.observeTransfer(exact);
  await h.area.observeTransfer(exact); // the same log seen twice is not a second payment
  await h.area.observeTransfer(transfer(address, 5_000_000n));
  await h.area.observeTransfer(transfer(address, 6_000_000n));

  expect(h.ctx.grants).toEqual([{ agentId: agent.agent_id, credits: 500 }]);
  const s = await status(token, data.payment_attempt_id);
  expect(s.state).toBe('succeeded');
  const transfers = (s.settlement as { transfers: Json[] }).transfers;
  expect(transfers.map((t) => t.outcome)).toEqual(['underpaid', 'wrong_token', 'exact', 'duplicate', 'duplicate']);
  expect(transfers[2]).toMatchObject({ tx_hash: exact.txHash, value_atomic: '5000000', webhook_status: 200 });
  expect(s.provider_event).toMatchObject({ type: 'payment_intent.succeeded', event_id: transfers[2].webhook_event_id });
  expect(h.area.state.webhookEvents()).toEqual([expect.objectContaining({ type: 'payment_intent.succeeded', outcome: 'granted' })]);
});

test('settlement: overpaid and after-expiry transfers are recorded without a grant', async () => {
  h = await startPaymentHarness({ chain: standInChain });
  const { token } = h.ctx.addAgent('wallet-agent');
  const over = await x402Buy(token, { credits: 10 }, 'over');
  const late = await x402Buy(token, { credits: 10 }, 'late');
  const addr = (d: Json) => String(((d.stripe_x402 as Json).payable_instructions as Json).deposit_address);
  await h.area.observeTransfer(transfer(addr(over), 100_001n));
  await h.area.observeTransfer(transfer(addr(late), 100_000n, { at: Math.floor(Date.now() / 1000) + 31 * 60 }));
  expect(((await status(token, over.payment_attempt_id)).settlement as { transfers: Json[] }).transfers[0].outcome).toBe('overpaid');
  const lateStatus = await status(token, late.payment_attempt_id);
  expect((lateStatus.settlement as { transfers: Json[] }).transfers[0].outcome).toBe('after_expiry');
  expect(lateStatus.state).toBe('requires_review');
  expect(h.ctx.grants).toEqual([]);
});

test('classifyTransfer compares token, amount and block time', () => {
  const attempt = newAttemptRow({
    id: 'payatt_1', agent_id: 'agt', quote_id: 'quote_1', idempotency_key: 'k', method: 'stripe_x402.exact.usdc', credits: 500,
    amount_cents: 500, currency: 'USD', created_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-01-01T00:30:00.000Z',
    token_contract_address: USDC.toLowerCase(), token_amount_atomic: '5000000',
  });
  const inTime = Date.parse('2026-01-01T00:10:00.000Z') / 1000;
  const at = (value: bigint, o: { token?: Address; at?: number } = {}) => classifyTransfer(attempt, transfer('0x0', value, { at: inTime, ...o }), []);
  expect(at(5_000_000n)).toBe('exact');
  expect(at(4_000_000n)).toBe('underpaid');
  expect(at(5_000_001n)).toBe('overpaid');
  expect(at(5_000_000n, { token: OTHER })).toBe('wrong_token');
  expect(at(5_000_000n, { at: inTime + 21 * 60 })).toBe('after_expiry');
  expect(classifyTransfer(attempt, transfer('0x0', 5_000_000n, { at: inTime }), ['exact'])).toBe('duplicate');
});
