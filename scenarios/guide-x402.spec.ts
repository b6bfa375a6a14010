/**
 * When the browserless x402 rail is available and agent-settleable, the guide prefers it:
 * at quota_required its next_command quotes stripe_x402.exact.usdc, and its payment
 * commands list the x402 quote/buy/status before the Checkout fallback. The documents tell
 * agents to prefer that rail, not the CLI, so the preference is observed; that the guide
 * reaches quota_required and that its next_command runs are rules.
 */
import { test, expect } from '../fixtures/test.js';
import { needed } from '../fixtures/needed.js';
import { dataOf, printedFlagValue, signedIn } from '../fixtures/scenario-helpers.js';
import type { GuideData, MethodsData, QuoteData } from '../fixtures/shapes.js';

test.use({ withChain: true });

test('the guide prefers the agent-settleable x402 rail at quota_required', { tag: ['@guide', '@x402', '@credits'] }, async ({ cli, fake, contract }) => {
  fake.preset('quota-exhausted');
  cli = await signedIn(cli);
  const methods = dataOf<MethodsData>(await cli.run(['credits', 'methods', '--json'])).methods;
  await contract.observe('credits methods relays the fake\'s agent-settleable x402 row', () => {
    const x402 = methods.find((m) => m.method_id === 'stripe_x402.exact.usdc');
    expect(x402).toMatchObject({ available: true, quoteable: true, purchasable: true, requires_browser: false, agent_settleable: true });
  });

  const guide = await cli.run(['create', '--guide', '--prompt', 'a lighthouse at dusk', '--json']);
  const g = needed(await contract.rule('guide.stage.quota-required', () => {
    const data = dataOf<GuideData>(guide);
    expect(data.stage).toBe('quota_required');
    expect(Array.isArray(data.checks?.payments?.suggested_commands), 'data.checks.payments.suggested_commands is a list').toBe(true);
    return data;
  }), 'the guide with a prompt did not reach quota_required');
  await contract.rule('guide.prefers-x402', () => {
    expect(printedFlagValue(g.next_command, '--payment-method')).toBe('stripe_x402.exact.usdc');
    const commands = g.checks.payments.suggested_commands;
    const firstX402 = commands.findIndex((c) => c.includes('stripe_x402'));
    const firstCheckout = commands.findIndex((c) => c.includes('stripe_checkout') || printedFlagValue(c, '--provider') === 'stripe');
    expect(firstX402).toBeGreaterThanOrEqual(0);
    if (firstCheckout >= 0) expect(firstX402, 'x402 commands come before the Checkout fallback').toBeLessThan(firstCheckout);
  });

  const quote = await cli.runPrinted(g.next_command);
  await contract.rule('guide.next-command-runs', () => {
    expect(quote, `exit of ${g.next_command}`).toExitWith(0);
    dataOf<QuoteData>(quote);
  });
  await contract.rule('guide.prefers-x402', () => expect(dataOf<QuoteData>(quote).accepted_payment_method).toBe('stripe_x402.exact.usdc'));
});
