import { test, expect } from '@playwright/test';
import { payTransfer, payWithAuthorization, startChain, watchTransfers, type StartedChain } from '../../harness/chain/index.js';
import { startPaymentHarness, type PaymentHarness } from '../../harness/fake/payments/test-support.js';

// One anvil for the file; each test gets its own fake.
let chain: StartedChain;
let h: PaymentHarness | undefined;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  chain = await startChain({ forkUrl: null });
});
test.afterAll(async () => chain?.stop());
test.afterEach(async () => h?.close());

type Json = Record<string, unknown>;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('an exact USDC payment on the local chain settles through the signed webhook; a decoy token does not', async () => {
  test.setTimeout(60_000);
  h = await startPaymentHarness({ chain, deps: { watchTransfers } });
  const harness = h;
  const { agent, token } = harness.ctx.addAgent('wallet-agent');
  const q = (await harness.call('POST', '/v1/credit-quotes', {
    token, body: { pack_id: 'starter-500', payment_method: 'stripe_x402.exact.usdc', idempotency_key: 'q' },
  })).json?.data as Json;
  const buy = (await harness.call('POST', '/v1/credit-purchases/stripe-x402-deposits', { token, body: { quote_id: q.quote_id, idempotency_key: 'b' } }))
    .json?.data as Json;
  const instr = (buy.stripe_x402 as Json).payable_instructions as { deposit_address: `0x${string}`; token_amount_atomic: string };

  await payTransfer(chain, { to: instr.deposit_address, amountAtomic: BigInt(instr.token_amount_atomic), token: chain.otherToken });
  await payWithAuthorization(chain, { to: instr.deposit_address, amountAtomic: BigInt(instr.token_amount_atomic) });

  const readStatus = async () =>
    (await harness.call('GET', `/v1/credit-purchases/status?payment_attempt_id=${String(buy.payment_attempt_id)}`, { token })).json?.data as Json;
  const final = await waitFor(readStatus, (s) => s.state === 'succeeded');
  expect(final.state).toBe('succeeded');
  const transfers = (final.settlement as { transfers: Json[] }).transfers;
  expect(transfers.map((t) => t.outcome)).toEqual(['wrong_token', 'exact']);
  expect(harness.ctx.grants).toEqual([{ agentId: agent.agent_id, credits: 500 }]);
  expect(final.receipt).toMatchObject({ credits: 500 });
});
