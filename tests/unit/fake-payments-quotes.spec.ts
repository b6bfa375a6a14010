import { test, expect } from '@playwright/test';
import type { Address } from 'viem';
import type { ChainHandle } from '../../harness/chain/types.js';
import { startPaymentHarness, type PaymentHarness } from '../../harness/fake/payments/test-support.js';

const standInChain = {
  usdc: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' as Address,
  otherToken: '0x1111111111111111111111111111111111111111' as Address,
} as unknown as ChainHandle;

let h: PaymentHarness;
test.afterEach(async () => h?.close());

/** Turn `image-skill credits quote --pack X --payment-method M --idempotency-key K --json` into a request body. */
function quoteBodyFromCommand(command: string): Record<string, unknown> {
  const args = command.split(' ');
  expect(args.slice(0, 3)).toEqual(['image-skill', 'credits', 'quote']);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const credits = flag('--credits');
  return {
    ...(credits ? { credits: Number(credits) } : {}),
    ...(flag('--pack') ? { pack_id: flag('--pack') } : {}),
    payment_method: flag('--payment-method'),
    idempotency_key: flag('--idempotency-key'),
  };
}

test('payment methods need no auth and list both rails with every field', async () => {
  h = await startPaymentHarness();
  const res = await h.call('GET', '/v1/payment-methods', { headers: { authorization: 'Bearer garbage' } });
  expect(res.status).toBe(200);
  const data = res.json?.data as Record<string, unknown>;
  expect(data).toMatchObject({
    contract_version: 'image-skill.payment-methods.v1',
    credit_unit_cents: 1,
    currency: 'USD',
    quote_endpoint: '/v1/credit-quotes',
    packs_endpoint: '/v1/credit-packs',
    status_endpoint: '/v1/credit-purchases/status',
  });
  const methods = data.methods as Array<Record<string, unknown>>;
  expect(methods.map((m) => m.method_id)).toEqual(['stripe_checkout', 'stripe_x402.exact.usdc']);
  for (const m of methods) {
    for (const key of ['status', 'available', 'quoteable', 'purchasable', 'live_money', 'buyer_modes', 'requires_browser',
      'agent_initiated', 'agent_settleable', 'settlement_blocker', 'default_pack_id', 'purchase_endpoint', 'unavailable_reason', 'recovery']) {
      expect(m, `${String(m.method_id)}.${key}`).toHaveProperty(key);
    }
    const recovery = m.recovery as Record<string, string>;
    for (const cmd of Object.values(recovery)) expect(cmd.startsWith('image-skill ')).toBe(true);
  }
  expect(methods[0]).toMatchObject({ available: true, unavailable_reason: null, requires_browser: true, agent_settleable: false });
  // No chain attached: x402 is listed but cannot be used.
  expect(methods[1]).toMatchObject({ available: false, quoteable: false, purchasable: false, agent_settleable: false, status: 'unavailable' });
  expect(typeof methods[1].unavailable_reason).toBe('string');
});

test('x402 is available with a chain and can be switched off', async () => {
  h = await startPaymentHarness({ chain: standInChain });
  const x402 = async () => ((await h.call('GET', '/v1/payment-methods')).json?.data as { methods: Array<Record<string, unknown>> }).methods[1];
  expect(await x402()).toMatchObject({
    method_id: 'stripe_x402.exact.usdc', available: true, agent_settleable: true, settlement_blocker: null, unavailable_reason: null,
    purchase_endpoint: '/v1/credit-purchases/stripe-x402-deposits', buyer_modes: ['agent_only', 'hybrid'],
  });
  h.area.setX402Unavailable(true);
  expect(await x402()).toMatchObject({ available: false, purchasable: false });
  const { token } = h.ctx.addAgent('a');
  const refused = await h.call('POST', '/v1/credit-quotes', { token, body: { pack_id: 'starter-500', payment_method: 'stripe_x402.exact.usdc' } });
  expect(refused.status).toBe(400);
});

test('credit packs catalog', async () => {
  h = await startPaymentHarness();
  const data = (await h.call('GET', '/v1/credit-packs')).json?.data as Record<string, unknown>;
  expect(data).toMatchObject({
    credit_unit_cents: 1, credit_unit_usd: 0.01, currency: 'USD', default_pack_id: 'starter-500',
    custom_quotes: { supported: true, min_credits: 1, max_credits: 5000 },
  });
  const packs = data.packs as Array<Record<string, unknown>>;
  expect(packs.map((p) => [p.pack_id, p.credits, p.amount_cents])).toEqual([
    ['starter-500', 500, 500], ['builder-2000', 2000, 2000], ['studio-5000', 5000, 5000],
  ]);
  for (const p of packs) expect(p).toMatchObject({ currency: 'USD', name: expect.any(String) });
});

test('quotes are idempotent per agent and key; other terms conflict with a runnable recovery', async () => {
  h = await startPaymentHarness();
  const a = h.ctx.addAgent('a');
  const b = h.ctx.addAgent('b');
  const first = await h.call('POST', '/v1/credit-quotes', { token: a.token, body: { credits: 10, idempotency_key: 'quote-run-001' } });
  expect(first.status).toBe(200);
  const quote = first.json?.data as Record<string, unknown>;
  expect(quote).toMatchObject({
    state: 'created', credits: 10, price_amount_cents: 10, currency: 'USD', accepted_payment_method: 'stripe_checkout',
    idempotency_key: 'quote-run-001', pack_id: null, pack: null, live_money: true,
  });
  expect(String(quote.quote_id)).toMatch(/^quote_/);
  expect(Date.parse(String(quote.expires_at))).toBeGreaterThan(Date.now());

  const again = await h.call('POST', '/v1/credit-quotes', { token: a.token, body: { credits: 10, idempotency_key: 'quote-run-001' } });
  expect((again.json?.data as Record<string, unknown>).quote_id).toBe(quote.quote_id);

  // The same key belongs to agent a only.
  const other = await h.call('POST', '/v1/credit-quotes', { token: b.token, body: { credits: 20, idempotency_key: 'quote-run-001' } });
  expect(other.status).toBe(200);

  const clash = await h.call('POST', '/v1/credit-quotes', {
    token: a.token, body: { pack_id: 'starter-500', payment_method: 'stripe_checkout', idempotency_key: 'quote-run-001' },
  });
  expect(clash.status).toBe(409);
  expect(clash.headers.get('x-image-skill-exit-code')).toBe('1');
  const error = clash.json?.error as { code: string; recovery: { suggested_command: string; idempotency_key: string } };
  expect(error.code).toBe('CREDIT_QUOTE_CONFLICT');
  const cmd = error.recovery.suggested_command;
  expect(cmd).toContain('--pack starter-500');
  expect(cmd).toContain(`--idempotency-key ${error.recovery.idempotency_key} --json`);
  expect(error.recovery.idempotency_key).not.toBe('quote-run-001');

  const rerun = await h.call('POST', '/v1/credit-quotes', { token: a.token, body: quoteBodyFromCommand(cmd) });
  expect(rerun.status).toBe(200);
  expect(rerun.json?.data).toMatchObject({ pack_id: 'starter-500', credits: 500, idempotency_key: error.recovery.idempotency_key });
  expect(h.ctx.grants).toEqual([]);
  expect(h.ctx.balances.get(a.agent.agent_id)).toBe(0);
});

test('quote validation errors are 400 INVALID_ARGUMENT with exit header 2; no token is 401', async () => {
  h = await startPaymentHarness();
  const { token } = h.ctx.addAgent('a');
  const bad = [
    {},
    { credits: 0 },
    { credits: 5001 },
    { credits: 1.5 },
    { credits: '10' },
    { pack_id: 'mega-9000' },
    { pack_id: 'starter-500', credits: 7 },
    { credits: 10, payment_method: 'paypal' },
    { credits: 10, idempotency_key: 'has space' },
    { credits: 10, payment_method: 'stripe_x402.exact.usdc' }, // no chain attached
  ];
  for (const body of bad) {
    const res = await h.call('POST', '/v1/credit-quotes', { token, body });
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(res.headers.get('x-image-skill-exit-code')).toBe('2');
    expect((res.json?.error as { code: string }).code).toBe('INVALID_ARGUMENT');
  }
  const anonymous = await h.call('POST', '/v1/credit-quotes', { body: { credits: 10 } });
  expect(anonymous.status).toBe(401);
});
