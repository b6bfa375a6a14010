/**
 * The first-run guide loop, run the way an agent would: every step executes the
 * data.next_command the CLI printed, exactly (placeholders filled from one table).
 * prompt_required → auth_required → quota_required → (pay through Checkout) → ready_to_create
 * → the create the guide baked, with its idempotency key, producing a job and an asset.
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf } from '../fixtures/scenario-helpers.js';
import type { CheckedInvocation, Cli } from '../fixtures/test.js';
import type { CheckoutBuyData, CreateData, GuideData, QuoteData, StatusData } from '../fixtures/shapes.js';

const MUTATION_FLAGS = ['provider_call', 'hosted_create', 'hosted_signup', 'payment_object', 'credit_debit', 'media_write'];

function assertGuideStep(inv: CheckedInvocation, token: boolean) {
  expect(inv.exitCode).toBe(0);
  const g = dataOf<GuideData>(inv);
  expect(g.schema).toBe('image-skill.create-guide.v1');
  for (const flag of MUTATION_FLAGS) expect(g.mutation?.[flag], `mutation.${flag} at ${g.stage}`).toBe(false);
  const calls = inv.requests.filter((r) => !r.telemetry).map((r) => `${r.method} ${r.path}`);
  const expected = ['GET /healthz', 'GET /v1/models', 'GET /v1/payment-methods', ...(token ? ['GET /v1/quota'] : [])];
  expect(calls, 'guide requests, in order').toEqual(expected);
  return g;
}

async function completeCheckout(fakeUrl: string, sessionId: string) {
  const res = await fetch(`${fakeUrl}/__admin/stripe/checkout-sessions/${sessionId}/complete`, { method: 'POST' });
  expect(res.status).toBeLessThan(300);
}

async function runGuide(cli: Cli, line: string, token: boolean) {
  return assertGuideStep(await cli.runPrinted(line), token);
}

test('guide loop from prompt_required to a first create', { tag: ['@guide', '@create', '@credits', '@checkout'] }, async ({ cli, fake }) => {
  fake.preset('quota-exhausted');

  const start = await cli.run(['create', '--guide', '--json']);
  const first = assertGuideStep(start, false);
  expect(first.stage).toBe('prompt_required');

  const withPrompt = first.next_command as string;
  let g = await runGuide(cli, withPrompt, false);
  expect(g.stage).toBe('auth_required');
  const guideLine = cli.invocations.at(-1)!.shell!.original;

  const signup = await cli.runPrinted(g.next_command);
  expect(signup.exitCode).toBe(0);

  g = await runGuide(cli, guideLine, true);
  expect(g.stage).toBe('quota_required');
  const payments = g.checks.payments.suggested_commands as string[];
  expect(payments.length).toBeGreaterThanOrEqual(3);

  const quote = await cli.runPrinted(g.next_command);
  const q = dataOf<QuoteData>(quote);
  expect(q.quote_id).toMatch(/^quote_/);
  cli.placeholders.QUOTE_ID = q.quote_id;
  const rail = q.accepted_payment_method as string;

  const buyLine = payments.find((c) => c.includes('credits buy') && c.includes(rail === 'stripe_checkout' ? '--provider stripe ' : '--provider stripe_x402'));
  expect(buyLine, `a buy command for ${rail} in ${JSON.stringify(payments)}`).toBeTruthy();
  const buy = await cli.runPrinted(buyLine!);
  const b = dataOf<CheckoutBuyData>(buy);
  expect(b.state).toBe('action_required');
  cli.placeholders.PAYMENT_ATTEMPT_ID = b.payment_attempt_id;
  expect(rail).toBe('stripe_checkout');
  await completeCheckout(fake.url, b.checkout_session_id);

  const statusLine = payments.find((c) => c.includes('credits status'))!;
  const status = await cli.runPrinted(statusLine);
  expect(dataOf<StatusData>(status).state).toBe('succeeded');

  g = await runGuide(cli, guideLine, true);
  expect(g.stage).toBe('ready_to_create');
  const createLine = g.next_command as string;
  const key = /--idempotency-key[= ]'?([^\s']+)/.exec(createLine)?.[1];
  expect(key, 'the guide bakes an idempotency key into its create command').toBeTruthy();

  const created = await cli.runPrinted(createLine);
  expect(created.exitCode).toBe(0);
  const c = dataOf<CreateData>(created);
  expect(c.job_id).toMatch(/^job_/);
  expect(c.assets.length).toBeGreaterThanOrEqual(1);
  const post = created.requests.find((r) => r.method === 'POST' && r.path === '/v1/create');
  expect((post?.body as { idempotency_key?: string }).idempotency_key).toBe(key);
  expect(fake.state.reservations()).toHaveLength(1);
});

test('guide with a token and credits goes straight to ready_to_create without mutating anything', { tag: ['@guide'] }, async ({ cli, fake }) => {
  const signup = await cli.run(['signup', '--agent', '--agent-contact', cli.placeholders.AGENT_OR_OPERATOR_INBOX, '--agent-name', 'a', '--runtime', 'r', '--json']);
  expect(signup.exitCode).toBe(0);
  const before = fake.state.reservations().length;
  const g = assertGuideStep(await cli.run(['create', '--guide', '--prompt', 'a lighthouse at dusk', '--json']), true);
  expect(g.stage).toBe('ready_to_create');
  expect(g.next_command).toMatch(/--idempotency-key/);
  expect(g.selected_model?.id).toBeTruthy();
  expect(fake.state.reservations().length).toBe(before);
});
