/**
 * The first-run guide loop, run the way an agent would: every step executes the
 * data.next_command the CLI printed, exactly (placeholders filled from one table).
 * prompt_required → auth_required → quota_required → (pay through Checkout) → ready_to_create
 * → the create the guide baked, with its idempotency key, producing a job and an asset.
 */
import { test, expect } from '../fixtures/test.js';
import { needed } from '../fixtures/needed.js';
import { dataOf, printedFlagValue, signedIn, withEnv } from '../fixtures/scenario-helpers.js';
import type { CheckedInvocation, Cli } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import type { CheckoutBuyData, CreateData, GuideData, QuoteData, StatusData } from '../fixtures/shapes.js';
import { GUIDE_RULES, ruleInForce } from './rules-in-force.js';

const MUTATION_FLAGS = ['provider_call', 'hosted_create', 'hosted_signup', 'payment_object', 'credit_debit', 'media_write'];

async function assertGuideStep(contract: ContractChecks, inv: CheckedInvocation, token: boolean): Promise<GuideData> {
  const g = needed(await contract.rule('shape.create-guide', () => {
    expect(inv).toExitWith(0);
    const data = dataOf<GuideData>(inv);
    expect(data.schema).toBe('image-skill.create-guide.v1');
    expect(typeof data.stage, 'data.stage').toBe('string');
    expect(typeof data.next_command, 'data.next_command').toBe('string');
    return data;
  }), `${inv.shell?.original ?? inv.args.join(' ')} gave no guide data`);
  await contract.rule('shape.guide-mutation-flags', () => {
    for (const flag of MUTATION_FLAGS) expect(g.mutation?.[flag], `mutation.${flag} at ${g.stage}`).toBe(false);
  });
  const calls = inv.requests.filter((r) => !r.telemetry).map((r) => `${r.method} ${r.path}`);
  await contract.rule('guide.checks', () => {
    for (const call of ['GET /healthz', 'GET /v1/models', 'GET /v1/payment-methods']) expect(calls, 'guide requests').toContain(call);
    if (token) expect(calls.some((c) => c === 'GET /v1/quota' || c === 'GET /v1/whoami'), `a quota or identity check in ${JSON.stringify(calls)}`).toBe(true);
  });
  await contract.observe('the guide makes exactly the health, models, payment-methods (and quota) requests, in that order', () => {
    const expected = ['GET /healthz', 'GET /v1/models', 'GET /v1/payment-methods', ...(token ? ['GET /v1/quota'] : [])];
    expect(calls).toEqual(expected);
  });
  return g;
}

async function runGuide(cli: Cli, contract: ContractChecks, line: string, token: boolean) {
  const inv = await cli.runPrinted(line);
  return assertGuideStep(contract, inv, token);
}

test('guide loop from prompt_required to a first create', { tag: ['@guide', '@create', '@credits', '@checkout'] }, async ({ cli, fake, contract, stated }) => {
  fake.preset('quota-exhausted');

  // Each documented guide stage is one step; inside it, one boxed step per command the agent runs.
  const first = await test.step('stage prompt_required: create --guide without a prompt', async () => {
    const start = await cli.run(['create', '--guide', '--json']);
    const guide = await assertGuideStep(contract, start, false);
    await ruleInForce(contract, stated, GUIDE_RULES.promptRequired, () => expect(guide.stage).toBe('prompt_required'));
    return guide;
  });

  let g = await runGuide(cli, contract, first.next_command, false);
  const guideLine = cli.invocations.at(-1)!.shell!.original;
  await test.step('stage auth_required: the printed signup', async () => {
    await ruleInForce(contract, stated, GUIDE_RULES.authRequired, () => expect(g.stage).toBe('auth_required'));
    const signup = await cli.runPrinted(g.next_command);
    await ruleInForce(contract, stated, GUIDE_RULES.nextCommandRuns, () => expect(signup, `exit of ${g.next_command}`).toExitWith(0));
    // Where the signup returned the token (documents that do not save it), the agent keeps it in IMAGE_SKILL_TOKEN.
    const token = (signup.json as { data?: { token?: unknown } } | undefined)?.data?.token;
    if (typeof token === 'string') cli = withEnv(cli, { IMAGE_SKILL_TOKEN: token });
  });

  g = await runGuide(cli, contract, guideLine, true);
  await test.step('stage quota_required: quote, buy, pay, status', async () => {
    const payments = needed(await contract.rule('guide.stage.quota-required', () => {
      expect(g.stage).toBe('quota_required');
      const list = g.checks?.payments?.suggested_commands;
      expect(Array.isArray(list), 'data.checks.payments.suggested_commands is a list').toBe(true);
      return list as string[];
    }), 'the guide lists no payment commands at quota_required');
    await contract.observe('the guide lists at least three payment commands (quote, buy, status)', () => expect(payments.length).toBeGreaterThanOrEqual(3));

    const quote = await cli.runPrinted(g.next_command);
    await ruleInForce(contract, stated, GUIDE_RULES.nextCommandRuns, () => {
      expect(quote, `exit of ${g.next_command}`).toExitWith(0);
      dataOf<QuoteData>(quote);
    });
    const q = needed(await contract.rule('shape.credits-quote', () => {
      const data = dataOf<QuoteData>(quote);
      expect(data.quote_id, 'the quote the next_command made').toBeTruthy();
      return data;
    }), 'the quote command the guide printed gave no quote');
    cli.placeholders.QUOTE_ID = q.quote_id;
    const rail = q.accepted_payment_method as string;
    // The fake's quota-exhausted preset offers Checkout only, so the guide's quote is a Checkout quote.
    expect(rail, 'the fake offers Checkout only in this scenario').toBe('stripe_checkout');

    const buyLine = needed(await contract.rule('guide.stage.quota-required', () => {
      const line = payments.find((c) => c.includes('credits buy') && printedFlagValue(c, '--provider') === 'stripe');
      expect(line, `a Checkout buy command in ${JSON.stringify(payments)}`).toBeTruthy();
      return line as string;
    }), 'the guide lists no Checkout buy command');
    const buy = await cli.runPrinted(buyLine);
    await contract.rule('guide.stage.quota-required', () => expect(buy, `exit of ${buyLine}`).toExitWith(0));
    const b = needed(await contract.rule('credits.buy-action-required', () => {
      const data = dataOf<CheckoutBuyData>(buy);
      expect(data.state).toBe('action_required');
      return data;
    }), 'the Checkout buy gave no action_required purchase');
    cli.placeholders.PAYMENT_ATTEMPT_ID = b.payment_attempt_id;
    const paid = await fake.admin.completeCheckout(b.checkout_session_id);
    expect(paid.status, 'the fake completed the Checkout session and its webhook was acknowledged').toBeLessThan(300);

    // The status command the guide listed, else the documented form (the guide need not list one).
    const statusLine = payments.find((c) => c.includes('credits status')) ?? 'image-skill credits status --payment-attempt-id PAYMENT_ATTEMPT_ID --json';
    const status = await cli.runPrinted(statusLine);
    await contract.observe('credits status reports the completed Checkout as succeeded', () => expect(dataOf<StatusData>(status).state).toBe('succeeded'));
  });

  g = await runGuide(cli, contract, guideLine, true);
  await test.step('stage ready_to_create: the printed create', async () => {
    await ruleInForce(contract, stated, GUIDE_RULES.readyToCreate, () => expect(g.stage).toBe('ready_to_create'));
    const createLine = g.next_command;
    const key = (await contract.rule('guide.create-idempotency-key', () => {
      const value = printedFlagValue(createLine, '--idempotency-key');
      expect(value, `an --idempotency-key in ${createLine}`).toBeTruthy();
      return value as string;
    })) as string;

    const created = await cli.runPrinted(createLine);
    await ruleInForce(contract, stated, GUIDE_RULES.readyToCreate, () => {
      expect(created, `exit of ${createLine}`).toExitWith(0);
      dataOf<CreateData>(created);
    });
    await contract.rule('shape.create', () => {
      const c = dataOf<CreateData>(created);
      expect(c.job_id).toBeTruthy();
      expect(c.assets.length).toBeGreaterThanOrEqual(1);
    });
    await contract.rule('guide.create-idempotency-key', () => {
      const post = created.requests.find((r) => r.method === 'POST' && r.path === '/v1/create');
      expect((post?.body as { idempotency_key?: string } | undefined)?.idempotency_key, 'idempotency_key of the create request').toBe(key);
    });
    await contract.observe('one create, one reservation', () => expect(fake.state.reservations()).toHaveLength(1));
  });
});

test('guide with a token and credits goes straight to ready_to_create without mutating anything', { tag: ['@guide'] }, async ({ cli, fake, contract, stated }) => {
  cli = await signedIn(cli);
  const before = fake.state.reservations().length;
  const g = await assertGuideStep(contract, await cli.run(['create', '--guide', '--prompt', 'a lighthouse at dusk', '--json']), true);
  await ruleInForce(contract, stated, GUIDE_RULES.readyToCreate, () => expect(g.stage).toBe('ready_to_create'));
  await contract.rule('guide.create-idempotency-key', () => expect(printedFlagValue(g.next_command, '--idempotency-key')).toBeTruthy());
  await contract.observe('the guide names its selected model in data.selected_model.id', () => expect(g.selected_model?.id).toBeTruthy());
  await contract.rule('guide.no-mutation', () => expect(fake.state.reservations().length, 'reservations after the guide').toBe(before));
});
