/**
 * The human Stripe Checkout path in a real Chromium: the CLI quotes and buys, the browser opens
 * the handoff URL, the fake's redirect lands on the Checkout URL with its `#` fragment intact,
 * a local stand-in plays Checkout, Pay completes the session, and the signed webhook makes the
 * purchase succeed as the CLI reports it. The browser is fenced to loopback.
 */
import { test, expect, notRun } from '../fixtures/test.js';
import type { Cli } from '../fixtures/test.js';
import { dataOf, signupSaved } from '../fixtures/scenario-helpers.js';
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
function expectIssuedUrls(where: string, urls: CheckoutUrls, issuedCheckoutUrl: string, handoffUrl: string): void {
  expect(urls.checkout_url, `${where}: checkout_url keeps its # fragment`).toContain('#');
  expect(urls.checkout_url, `${where}: checkout_url is exactly what the service issued`).toBe(issuedCheckoutUrl);
  expect(urls.checkout_handoff_url, `${where}: checkout_handoff_url`).toBe(handoffUrl);
  if (urls.checkout_compact_url !== undefined && urls.checkout_compact_url !== null) {
    expect(urls.checkout_compact_url, `${where}: checkout_compact_url equals the handoff URL`).toBe(handoffUrl);
  }
}

async function balance(cli: Cli): Promise<number> {
  return dataOf<QuotaData>(await cli.run(['usage', 'quota', '--json'])).limits.remaining_credits;
}

test('Stripe Checkout human path in a real browser', { tag: ['@checkout'] }, async ({ cli, fake, stripeBackend }, testInfo) => {
  const chromiumPath = findChromium();
  if (!chromiumPath) return notRun(testInfo, NO_BROWSER_REASON);

  await signupSaved(cli);
  const before = await balance(cli);
  const quote = dataOf<QuoteData>(await cli.run(['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', 'browser-quote-1', '--json']));
  const buy = dataOf<CheckoutBuyData>(await cli.run(['credits', 'buy', '--provider', 'stripe', '--quote-id', quote.quote_id, '--idempotency-key', 'browser-buy-1', '--json']));
  expect(buy.state).toBe('action_required');
  const attemptId: string = buy.payment_attempt_id;
  const sessionId: string = buy.checkout_session_id;

  const issued = fake.state.paymentAttempt(attemptId);
  expect(issued, 'the fake knows the attempt the CLI printed').toBeTruthy();
  const issuedCheckoutUrl = String(issued?.checkout_url);
  const handoffUrl = `${fake.url}/pay/${attemptId}`;
  expect(issuedCheckoutUrl.split('#')[1]?.length ?? 0, 'the fake issued a long fragment').toBeGreaterThan(20);
  expectIssuedUrls('credits buy', buy, issuedCheckoutUrl, handoffUrl);
  if (buy.next?.fallback_checkout_url !== undefined) expect(buy.next.fallback_checkout_url, 'next.fallback_checkout_url').toBe(issuedCheckoutUrl);
  if (buy.next?.checkout_compact_url !== undefined) expect(buy.next.checkout_compact_url, 'next.checkout_compact_url').toBe(handoffUrl);

  const pending = dataOf<StatusData>(await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']));
  expect(pending.state).toBe('action_required');
  expectIssuedUrls('credits status (pending)', pending.payment_attempt!, issuedCheckoutUrl, handoffUrl);

  await withChromium(chromiumPath, async (browser) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const standin = await checkoutStandin(fakeCheckoutBackend(fake.url, stripeBackend));
    const fence = await fenceToLoopback(page, { [CHECKOUT_ORIGIN]: standin.handle });

    const response = await page.goto(buy.checkout_handoff_url);
    expect(response?.request().redirectedFrom()?.url(), 'the browser went through the handoff redirect').toBe(handoffUrl);
    expect(page.url(), 'the redirect lands on the Checkout URL, fragment included').toBe(buy.checkout_url);

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

  const done = dataOf<StatusData>(await cli.run(['credits', 'status', '--payment-attempt-id', attemptId, '--json']));
  expect(done.state).toBe('succeeded');
  expect(done.receipt?.receipt_id).toBeTruthy();
  expect(done.credit_event?.credits).toBe(quote.credits);
  expectIssuedUrls('credits status (paid)', done.payment_attempt!, issuedCheckoutUrl, handoffUrl);
  expect((await balance(cli)) - before, 'the webhook granted the quoted credits').toBe(quote.credits);
});
