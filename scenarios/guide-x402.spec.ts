/**
 * When the browserless x402 rail is available and agent-settleable, the guide prefers it:
 * at quota_required its next_command quotes stripe_x402.exact.usdc, and its payment
 * commands list the x402 quote/buy/status before the Checkout fallback.
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf, signupSaved } from '../fixtures/scenario-helpers.js';
import type { GuideData, MethodsData, QuoteData } from '../fixtures/shapes.js';

test.use({ withChain: true });

test('the guide prefers the agent-settleable x402 rail at quota_required', { tag: ['@guide', '@x402', '@credits'] }, async ({ cli, fake }) => {
  fake.preset('quota-exhausted');
  await signupSaved(cli);
  const methods = dataOf<MethodsData>(await cli.run(['credits', 'methods', '--json'])).methods;
  const x402 = methods.find((m) => m.method_id === 'stripe_x402.exact.usdc');
  expect(x402).toMatchObject({ available: true, quoteable: true, purchasable: true, requires_browser: false, agent_settleable: true });

  const g = dataOf<GuideData>(await cli.run(['create', '--guide', '--prompt', 'a lighthouse at dusk', '--json']));
  expect(g.stage).toBe('quota_required');
  expect(g.next_command).toContain('stripe_x402.exact.usdc');
  const commands = g.checks.payments.suggested_commands as string[];
  const firstX402 = commands.findIndex((c) => c.includes('stripe_x402'));
  const firstCheckout = commands.findIndex((c) => c.includes('stripe_checkout') || c.includes('--provider stripe '));
  expect(firstX402).toBeGreaterThanOrEqual(0);
  if (firstCheckout >= 0) expect(firstX402, 'x402 commands come before the Checkout fallback').toBeLessThan(firstCheckout);

  const quote = await cli.runPrinted(g.next_command);
  expect(dataOf<QuoteData>(quote).accepted_payment_method).toBe('stripe_x402.exact.usdc');
});
