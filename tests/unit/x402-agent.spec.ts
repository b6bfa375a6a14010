import { test, expect } from '@playwright/test';
import type { CheckedInvocation, Cli } from '../../fixtures/test.js';
import {
  atomicFromCents,
  limitsOf,
  payableInstructionsOf,
  pollStatus,
  settlementEntriesOf,
  settlementEntryFor,
  x402MethodOf,
  type Json,
} from '../../fixtures/x402-agent.js';

const DEPOSIT = '0x1111111111111111111111111111111111111111';
const USDC = '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913';

function buyData(patch: Json = {}): Json {
  return {
    state: 'action_required',
    payment_attempt_id: 'payatt_1',
    stripe_x402: {
      method_id: 'stripe_x402.exact.usdc',
      payable_instructions: {
        token_amount_atomic: '5000000',
        amount_cents: 500,
        deposit_address: DEPOSIT,
        token_contract_address: USDC.toLowerCase(),
        expires_at: '2030-01-01T00:00:00.000Z',
        exact_amount_required: true,
        ...patch,
      },
    },
  };
}

test('payable instructions are read with checksummed addresses and the atomic amount kept as printed', () => {
  const p = payableInstructionsOf(buyData());
  expect(p.token_amount_atomic).toBe('5000000');
  expect(p.token_contract_address).toBe(USDC);
  expect(p.deposit_address).toBe(DEPOSIT);
  expect(p.exact_amount_required).toBe(true);
});

test('payable instructions with wrong types are rejected, not coerced', () => {
  expect(() => payableInstructionsOf(buyData({ token_amount_atomic: 5000000 }))).toThrow(/decimal string/);
  expect(() => payableInstructionsOf(buyData({ token_amount_atomic: '5.00' }))).toThrow(/decimal string/);
  expect(() => payableInstructionsOf(buyData({ exact_amount_required: undefined }))).toThrow(/exact_amount_required/);
  expect(() => payableInstructionsOf(buyData({ deposit_address: '0x1234' }))).toThrow(/not an EVM address/);
  expect(() => payableInstructionsOf(buyData({ expires_at: 'soon' }))).toThrow(/not a timestamp/);
  expect(() => payableInstructionsOf({ stripe_x402: { payable_instructions: null } })).toThrow(/should be an object/);
});

test('atomic amounts are cents × 10^4 and refuse fractional cents', () => {
  expect(atomicFromCents(500)).toBe('5000000');
  expect(atomicFromCents(1)).toBe('10000');
  expect(atomicFromCents(0)).toBe('0');
  expect(() => atomicFromCents(1.5)).toThrow();
});

test('the x402 method row is found by id and a missing one is an error', () => {
  const row = x402MethodOf({ methods: [{ method_id: 'stripe_checkout' }, { method_id: 'stripe_x402.exact.usdc', agent_settleable: true }] });
  expect(row.agent_settleable).toBe(true);
  expect(() => x402MethodOf({ methods: [{ method_id: 'stripe_checkout' }] })).toThrow(/lists no/);
  expect(() => x402MethodOf({})).toThrow(/no methods array/);
});

test('settlement entries are validated and looked up by tx hash case-insensitively', () => {
  const status = {
    state: 'requires_review',
    settlement: { transfers: [{ tx_hash: '0xABC', outcome: 'underpaid', token: USDC, value_atomic: '4999999' }] },
  };
  expect(settlementEntriesOf(status)).toHaveLength(1);
  expect(settlementEntryFor(status, '0xabc')?.outcome).toBe('underpaid');
  expect(settlementEntryFor(status, '0xdef')).toBeUndefined();
  expect(() => settlementEntriesOf({ settlement: { transfers: [{ tx_hash: '0x1' }] } })).toThrow(/outcome/);
  expect(() => settlementEntriesOf({ settlement: null })).toThrow(/settlement/);
});

test('limits must be numbers', () => {
  expect(limitsOf({ limits: { remaining_credits: 3, payment_backed_remaining_credits: 0 } })).toEqual({ remaining_credits: 3, payment_backed_remaining_credits: 0 });
  expect(() => limitsOf({ limits: { remaining_credits: '3', payment_backed_remaining_credits: 0 } })).toThrow(/should be a number/);
});

/** A Cli stand-in whose status answers come from a list (the last one repeats). */
function scriptedCli(states: string[], problems: string[] = []): Cli & { calls: number } {
  let calls = 0;
  const answer = async (args: string[]): Promise<CheckedInvocation> => {
    const state = states[Math.min(calls, states.length - 1)];
    calls += 1;
    const json = { ok: true, data: { state } };
    return { args, json, problems, schema: null, exitCode: 0, stdout: JSON.stringify(json) } as unknown as CheckedInvocation;
  };
  return {
    get calls() {
      return calls;
    },
    // Like the real fixture: `run` throws when an automatic check found a problem.
    run: async (args: string[]) => {
      const inv = await answer(args);
      if (inv.problems.length) throw new Error(inv.problems.join('\n'));
      return inv;
    },
    runUnchecked: answer,
    runPrinted: () => Promise.reject(new Error('not used')),
    invocations: [],
    placeholders: {},
  };
}

test('status polling stops at the first matching answer', async () => {
  const cli = scriptedCli(['action_required', 'action_required', 'succeeded']);
  const poll = await pollStatus(cli, 'payatt_1', (d) => d.state === 'succeeded', { polls: 10, intervalMs: 1 });
  expect(poll.polls).toBe(3);
  expect(poll.data.state).toBe('succeeded');
  expect(cli.calls).toBe(3);
});

test('status polling is bounded and returns the last answer when nothing matches', async () => {
  const cli = scriptedCli(['action_required']);
  const poll = await pollStatus(cli, 'payatt_1', (d) => d.state === 'succeeded', { polls: 4, intervalMs: 1 });
  expect(poll.polls).toBe(4);
  expect(poll.data.state).toBe('action_required');
  expect(cli.calls).toBe(4);
});

test('status polling throws on any automatic-check problem', async () => {
  const cli = scriptedCli(['succeeded'], ['token leaked in stdout: …']);
  await expect(pollStatus(cli, 'payatt_1', () => true, { polls: 2, intervalMs: 1 })).rejects.toThrow(/token leaked/);
});
