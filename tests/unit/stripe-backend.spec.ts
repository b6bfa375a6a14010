import { test, expect } from '@playwright/test';
import { connect } from 'node:net';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerEngineHints, containerEngineHintsHere } from '../../harness/stripe/engine-hints.js';
import { completeCheckoutSession, startEmbeddedStripe, startStripeBackend, type StripeBackend } from '../../harness/stripe/index.js';

/** Run `body` with STRIPE_MOCK_URL set to `value` (or removed), restoring it afterwards. */
async function withStripeMockUrl<T>(value: string | undefined, body: () => Promise<T>): Promise<T> {
  const saved = process.env.STRIPE_MOCK_URL;
  if (value === undefined) delete process.env.STRIPE_MOCK_URL;
  else process.env.STRIPE_MOCK_URL = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.STRIPE_MOCK_URL;
    else process.env.STRIPE_MOCK_URL = saved;
  }
}

function portAccepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function sampleSession(backend: StripeBackend) {
  return backend.client.checkout.sessions.create({
    mode: 'payment',
    success_url: 'http://127.0.0.1/success',
    line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Starter' } } }],
  });
}

test('auto selection falls back to the embedded backend quickly and says why', async () => {
  const started = Date.now();
  const backend = await withStripeMockUrl(undefined, () => startStripeBackend());
  try {
    expect(Date.now() - started).toBeLessThan(5000);
    expect(backend.kind).toBe('embedded');
    expect(backend.notes.some((n) => n.startsWith('testcontainers skipped:'))).toBe(true);
    expect(backend.notes).toContain('STRIPE_MOCK_URL not set');
    expect(backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(backend.webhookSecret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    expect((await sampleSession(backend)).status).toBe('open');
  } finally {
    await backend.stop();
  }
});

test('each backend gets its own webhook secret', async () => {
  const [a, b] = await Promise.all([startStripeBackend({ mode: 'embedded' }), startStripeBackend({ mode: 'embedded' })]);
  try {
    expect(a.webhookSecret).not.toBe(b.webhookSecret);
    expect(a.url).not.toBe(b.url);
    expect(a.notes.join(' ')).toContain('detection skipped');
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('STRIPE_MOCK_URL is preferred over the embedded backend when it answers', async () => {
  const external = await startEmbeddedStripe();
  try {
    const backend = await withStripeMockUrl(external.url.replace('127.0.0.1', 'localhost'), () => startStripeBackend());
    expect(backend.kind).toBe('stripe-mock (STRIPE_MOCK_URL)');
    expect(backend.url).toBe(external.url);
    const session = await sampleSession(backend);
    expect((await external.client.checkout.sessions.retrieve(session.id)).id).toBe(session.id);

    // stripe-mock is stateless, so the neutral helper reports paid without changing anything there.
    const reported = await completeCheckoutSession(backend, session.id);
    expect(reported).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid' });
    expect((await external.client.checkout.sessions.retrieve(session.id)).status).toBe('open');

    await backend.stop();
    await backend.stop();
    expect(await portAccepts(external.url)).toBe(true); // not ours to stop
  } finally {
    await external.stop();
  }
});

test('STRIPE_MOCK_URL is ignored when it is not loopback or does not answer', async () => {
  const closed = await startEmbeddedStripe();
  await closed.stop();
  for (const value of ['http://192.0.2.10:12111', closed.url]) {
    const backend = await withStripeMockUrl(value, () => startStripeBackend({ detectTimeoutMs: 1000 }));
    try {
      expect(backend.kind).toBe('embedded');
      expect(backend.notes.some((n) => n.startsWith('STRIPE_MOCK_URL ignored'))).toBe(true);
    } finally {
      await backend.stop();
    }
  }
});

test('stop() closes the server and can be called twice', async () => {
  const backend = await startStripeBackend({ mode: 'embedded' });
  await sampleSession(backend); // leaves a keep-alive connection open
  expect(await portAccepts(backend.url)).toBe(true);
  await backend.stop();
  await backend.stop();
  expect(await portAccepts(backend.url)).toBe(false);
});

test('the container engine hints follow where testcontainers looks, without loading it', () => {
  const base = { env: {}, home: '/home/u', uid: 1000, platform: 'linux' as const };
  const none = containerEngineHints({ ...base, exists: () => false });
  expect(none.found).toBeNull();
  expect(none.found === null && none.looked).toEqual([
    'DOCKER_HOST', '/home/u/.testcontainers.properties', '/var/run/docker.sock',
    '/home/u/.docker/run/docker.sock', '/home/u/.docker/desktop/docker.sock', '/run/user/1000/docker.sock',
  ]);
  expect(containerEngineHints({ ...base, env: { XDG_RUNTIME_DIR: '/run/x' }, exists: (p) => p === '/run/x/docker.sock' }).found).toBe('/run/x/docker.sock');
  expect(containerEngineHints({ ...base, exists: (p) => p === '/home/u/.testcontainers.properties' }).found).toBe('/home/u/.testcontainers.properties');
  expect(containerEngineHints({ ...base, env: { DOCKER_HOST: 'unix:///x.sock' }, exists: () => false }).found).toBe('DOCKER_HOST=unix:///x.sock');
  expect(containerEngineHints({ ...base, platform: 'win32', exists: () => false }).found).not.toBeNull();
});

test('with a socket where testcontainers looks, detection asks testcontainers (and falls back when nothing answers)', async () => {
  const home = await mkdtemp(join(tmpdir(), 'isc-engine-home-'));
  const saved = process.env.HOME;
  try {
    await mkdir(join(home, '.docker', 'run'), { recursive: true });
    await writeFile(join(home, '.docker', 'run', 'docker.sock'), '');
    process.env.HOME = home;
    const asked = await withStripeMockUrl(undefined, () => startStripeBackend());
    await asked.stop();
    expect(asked.kind).toBe('embedded');
    expect(asked.notes.join('\n')).not.toContain('no container engine configured here');
    expect(asked.notes.some((n) => n.startsWith('testcontainers skipped:'))).toBe(true);
  } finally {
    process.env.HOME = saved;
    await rm(home, { recursive: true, force: true });
  }
  const none = await withStripeMockUrl(undefined, () => startStripeBackend());
  await none.stop();
  if (containerEngineHintsHere().found === null) expect(none.notes.join('\n')).toContain('testcontainers skipped: no container engine configured here (looked at DOCKER_HOST, ');
});
