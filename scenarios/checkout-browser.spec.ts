/**
 * The human Stripe Checkout path in a real Chromium: the CLI quotes and buys, the browser opens
 * the handoff URL, the fake's redirect lands on the Checkout URL with its `#` fragment intact,
 * a local stand-in plays Checkout, Pay completes the session, and the signed webhook makes the
 * purchase succeed as the CLI reports it. The browser is fenced to loopback.
 *
 * Checks on CLI output cite their rules (harness/rules/catalogue/payments.ts). The plain
 * `expect`s left are harness preconditions: what the fake issued, the fake's redirect, the
 * Checkout stand-in page and the network fence (the CLI takes no part there).
 */
import { test, expect, notRun } from '../fixtures/test.js';
import { needed } from '../fixtures/needed.js';
import type { Cli } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import { dataOf, signedIn } from '../fixtures/scenario-helpers.js';
import type { CheckoutBuyData, QuotaData, QuoteData, StatusData } from '../fixtures/shapes.js';
import { fenceToLoopback, findChromium, NO_BROWSER_REASON, withChromium } from '../fixtures/browser.js';
import { CHECKOUT_ORIGIN, checkoutStandin } from '../fixtures/checkout-standin/serve.js';
import { fakeCheckoutBackend } from '../fixtures/checkout-standin/backend.js';

interface CheckoutUrls {
  checkout_url?: unknown;
  checkout_handoff_url?: unknown;
  checkout_compact_url?: unknown;
}

/** The URLs a CLI prints must be the ones the service issued, byte for byte. */
async function expectIssuedUrls(contract: ContractChecks, where: string, urls: CheckoutUrls | undefined, issuedCheckoutUrl: string, handoffUrl: string): Promise<void> {
  await contract.rule('checkout.urls-untrimmed', () => {
    expect(urls?.checkout_url, `${where}: checkout_url keeps its # fragment`).toContain('#');
    expect(urls?.checkout_url, `${where}: checkout_url is exactly what the service issued`).toBe(issuedCheckoutUrl);
  });
  await contract.rule('checkout.handoff-url', () => expect(urls?.checkout_handoff_url, `${where}: checkout_handoff_url`).toBe(handoffUrl));
  if (urls?.checkout_compact_url !== undefined && urls.checkout_compact_url !== null) {
    await contract.rule('checkout.compact-equals-handoff', () => expect(urls.checkout_compact_url, `${where}: checkout_compact_url equals the handoff URL`).toBe(handoffUrl));
  }
}

async function balance(cli: Cli, contract: ContractChecks): Promise<number> {
  const inv = await cli.run(['usage', 'quota', '--json']);
  return (await contract.rule('usage.quota-relayed', () => dataOf<QuotaData>(inv).limits.remaining_credits))!;
}

test('Stripe Checkout human path in a real browser', { tag: ['@checkout'] }, async ({ cli: anonymous, fake, stripeBackend, contract }, testInfo) => {
  const chromiumPath = findChromium();
  if (!chromiumPath) return notRun(testInfo, NO_BROWSER_REASON);

  const cli = await signedIn(anonymous);
  const before = await balance(cli, contract);
  const quoteInv = await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', 'browser-quote-1', '--json']);
  const quote = needed(await contract.rule('credits.quote-grants-nothing', () => dataOf<QuoteData>(quoteInv)), 'credits quote gave no quote');
  const buyInv = await cli.run(['credits', 'buy', '--provider', 'stripe', '--quote-id', quote.quote_id, '--idempotency-key', 'browser-buy-1', '--json']);
  const buy = needed(await contract.rule('credits.buy-action-required', () => {
    const b = dataOf<CheckoutBuyData>(buyInv);
    expect(b.state).toBe('action_required');
    return b;
  }), 'credits buy gave no action_required purchase');
  const attemptId: string = buy.payment_attempt_id;
  const sessionId: string = buy.checkout_session_id;

  const issued = fake.state.paymentAttempt(attemptId);
  await contract.rule('credits.buy-action-required', () => expect(issued, 'the fake knows the attempt the CLI printed').toBeTruthy());
  const issuedCheckoutUrl = String(issued?.checkout_url);
  const handoffUrl = `${fake.url}/pay/${attemptId}`;
  expect(issuedCheckoutUrl.split('#')[1]?.length ?? 0, 'harness: the fake issued a long fragment').toBeGreaterThan(20);
  await expectIssuedUrls(contract, 'credits buy', buy, issuedCheckoutUrl, handoffUrl);
  if (buy.next?.fallback_checkout_url !== undefined && buy.next.fallback_checkout_url !== null) {
    await contract.rule('checkout.urls-untrimmed', () => expect(buy.next!.fallback_checkout_url, 'next.fallback_checkout_url').toBe(issuedCheckoutUrl));
  }
  if (buy.next?.checkout_compact_url !== undefined && buy.next.checkout_compact_url !== null) {
    await contract.rule('checkout.compact-equals-handoff', () => expect(buy.next!.checkout_compact_url, 'next.checkout_compact_url').toBe(handoffUrl));
  }

  const pendingInv = await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']);
  const pending = needed(await contract.rule('credits.status-durable-state', () => dataOf<StatusData>(pendingInv)), 'credits status gave no status');
  await contract.rule('shape.credits-status.action-required', () => expect(pending.state).toBe('action_required'));
  await expectIssuedUrls(contract, 'credits status (pending)', pending.payment_attempt ?? undefined, issuedCheckoutUrl, handoffUrl);

  await withChromium(chromiumPath, async (browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const standin = await checkoutStandin(fakeCheckoutBackend(fake.url, stripeBackend));
    const fence = await fenceToLoopback(page, { [CHECKOUT_ORIGIN]: standin.handle });

    const response = await page.goto(buy.checkout_handoff_url);
    await contract.rule('checkout.handoff-url', () => {
      expect(response?.request().redirectedFrom()?.url(), 'the browser went through the handoff redirect').toBe(handoffUrl);
      expect(page.url(), 'the redirect lands on the Checkout URL the CLI printed, fragment included').toBe(buy.checkout_url);
    });

    await expect(page.getByTestId('session-id')).toHaveText(sessionId);
    await expect(page.getByTestId('fragment')).toContainText('present');
    await expect(page.getByTestId('pay')).toBeEnabled();
    const amount = page.getByTestId('amount');
    if (stripeBackend.kind === 'embedded') await expect(amount).toHaveText(`$${(quote.price_amount_cents / 100).toFixed(2)} USD`);
    else await expect(amount).toHaveText(/^\$\d+\.\d\d/);
    await testInfo.attach('checkout-page', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    await page.getByTestId('pay').click();
    await expect(page.getByTestId('message')).toContainText('Payment complete (webhook answered 200)');
    await testInfo.attach('checkout-page-paid', { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });

    expect(standin.payments, 'Pay completed this session, once').toEqual([sessionId]);
    expect(fence.blocked, 'the browser tried to reach no host beyond loopback').toEqual([]);
    expect(fence.errors, 'the stand-in answered every request').toEqual([]);
    await context.close();
  });

  const doneInv = await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']);
  const done = needed(await contract.rule('shape.credits-status.succeeded', () => {
    const d = dataOf<StatusData>(doneInv);
    expect(d.state).toBe('succeeded');
    expect(d.receipt ?? null, 'receipt').not.toBeNull();
    expect(d.credit_event ?? null, 'credit_event').not.toBeNull();
    return d;
  }), 'credits status gave no succeeded purchase');
  await contract.observe('credits status names the receipt id and the credits of the credit event', () => {
    expect(done.receipt?.receipt_id).toBeTruthy();
    expect(done.credit_event?.credits).toBe(quote.credits);
  });
  await expectIssuedUrls(contract, 'credits status (paid)', done.payment_attempt ?? undefined, issuedCheckoutUrl, handoffUrl);
  const after = await balance(cli, contract);
  await contract.rule('credits.granted-once', () => expect(after - before, 'the webhook granted the quoted credits').toBe(quote.credits));
});
