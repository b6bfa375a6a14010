import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fenceToLoopback, findChromium, withChromium } from '../../fixtures/browser.js';
import { CHECKOUT_ORIGIN, checkoutStandin, type StandinBackend } from '../../fixtures/checkout-standin/serve.js';

const SESSION = 'cs_test_abc123';

function recordingBackend(status = 'open') {
  const paid: string[] = [];
  const backend: StandinBackend = {
    session: async (id) => (id === SESSION ? { id, amount_total: 500, currency: 'usd', status } : null),
    pay: async (id) => {
      paid.push(id);
      return { status: 200, body: { delivery_status: 200, payment_attempt_id: 'payatt_1' } };
    },
  };
  return { backend, paid };
}

test('the stand-in serves its page, session lookups and Pay, and nothing else', async () => {
  const { backend, paid } = recordingBackend();
  const standin = await checkoutStandin(backend);
  const page = await standin.handle({ url: `${CHECKOUT_ORIGIN}/c/pay/${SESSION}`, method: 'GET' });
  expect(page.status).toBe(200);
  expect(page.contentType).toContain('text/html');
  expect(page.body).toContain('data-testid="pay"');

  const session = await standin.handle({ url: `${CHECKOUT_ORIGIN}/__standin/sessions/${SESSION}`, method: 'GET' });
  expect(JSON.parse(session.body)).toMatchObject({ id: SESSION, amount_total: 500 });
  expect((await standin.handle({ url: `${CHECKOUT_ORIGIN}/__standin/sessions/cs_other`, method: 'GET' })).status).toBe(404);
  expect((await standin.handle({ url: `${CHECKOUT_ORIGIN}/__standin/sessions/${SESSION}/pay`, method: 'GET' })).status).toBe(405);
  expect(paid).toEqual([]);

  const pay = await standin.handle({ url: `${CHECKOUT_ORIGIN}/__standin/sessions/${SESSION}/pay`, method: 'POST' });
  expect(pay.status).toBe(200);
  expect(paid).toEqual([SESSION]);
  expect(standin.payments).toEqual([SESSION]);
  expect((await standin.handle({ url: `${CHECKOUT_ORIGIN}/favicon.ico`, method: 'GET' })).status).toBe(404);
  expect(standin.requests).toHaveLength(6);
});

test.describe('in Chromium', () => {
  let server: Server;
  let origin = '';
  test.beforeAll(async () => {
    server = createServer((req, res) => {
      const target = req.url === '/pay/trimmed' ? `${CHECKOUT_ORIGIN}/c/pay/${SESSION}` : `${CHECKOUT_ORIGIN}/c/pay/${SESSION}#fidQUJDREVGRw`;
      if (req.url === '/elsewhere') res.writeHead(302, { location: 'https://example.com/' });
      else res.writeHead(302, { location: target });
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  test.afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('a redirect reaches the stand-in with its fragment; Pay calls the backend; other hosts are blocked', async () => {
    const chromium = findChromium();
    test.skip(!chromium, 'no Chromium on this machine');
    const { backend, paid } = recordingBackend();
    await withChromium(chromium as string, async (browser) => {
      const page = await browser.newPage();
      const standin = await checkoutStandin(backend);
      const fence = await fenceToLoopback(page, { [CHECKOUT_ORIGIN]: standin.handle });

      await page.goto(`${origin}/pay/ok`);
      expect(page.url()).toBe(`${CHECKOUT_ORIGIN}/c/pay/${SESSION}#fidQUJDREVGRw`);
      await expect(page.getByTestId('amount')).toHaveText('$5.00 USD');
      await page.getByTestId('pay').click();
      await expect(page.getByTestId('message')).toContainText('Payment complete');
      expect(paid).toEqual([SESSION]);

      await page.goto(`${origin}/pay/trimmed`);
      await expect(page.getByTestId('fragment')).toHaveText('missing');
      await expect(page.getByTestId('pay')).toBeDisabled();

      await page.goto(`${origin}/elsewhere`).catch(() => undefined);
      expect(fence.blocked).toEqual(['https://example.com/']);
      expect(fence.errors).toEqual([]);
    });
  });
});
