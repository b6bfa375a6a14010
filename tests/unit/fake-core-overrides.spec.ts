import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake, dataOf, signupAgent, type SignedUpAgent } from '../../harness/fake/client.js';

let fake: RunningFake;
let agent: SignedUpAgent;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 21 });
  agent = await signupAgent(fake.url);
});
test.afterEach(async () => {
  await fake.close();
});

const quota = () => callFake(fake.url, 'GET', '/v1/quota', { token: agent.token });

test('status alone answers the matching error envelope with its exit header', async () => {
  fake.override({ method: 'GET', path: '/v1/quota', status: 504 });
  const call = await quota();
  expect(call.status).toBe(504);
  expect(call.headers.get('x-image-skill-exit-code')).toBe('8');
  expect(call.body).toMatchObject({ ok: false, command: 'usage quota', error: { code: 'PROVIDER_TIMEOUT', retryable: true } });
  expect(fake.journal.entries().at(-1)).toMatchObject({ override: 'GET /v1/quota', status: 504 });
});

test('body replaces the answer; times limits how often', async () => {
  fake.override({ name: 'custom', method: 'GET', path: '/v1/quota', status: 200, body: { hello: 'world' }, times: 1 });
  const first = await quota();
  expect(first.body).toEqual({ hello: 'world' });
  const second = await quota();
  expect(dataOf(second)).toHaveProperty('limits');
  expect(fake.journal.entries().slice(-2).map((e) => e.override)).toEqual(['custom', null]);
});

test('dataPatch, removePaths, setPaths and headers edit the real envelope', async () => {
  fake.override({
    method: 'GET',
    path: '/v1/quota',
    dataPatch: { extra: 1 },
    removePaths: ['data.limits.remaining_credits', 'trace_id'],
    setPaths: { 'data.daily_jobs.remaining': 0, warnings: ['patched'] },
    headers: { 'x-fake-test': 'yes' },
  });
  const call = await quota();
  expect(call.status).toBe(200);
  expect(call.headers.get('x-fake-test')).toBe('yes');
  const body = call.body as Record<string, unknown>;
  expect(body).not.toHaveProperty('trace_id');
  expect(body.warnings).toEqual(['patched']);
  const data = dataOf(call);
  expect(data.extra).toBe(1);
  expect(data.limits).toEqual({ payment_backed_remaining_credits: 0, free_preview_remaining_credits: 40 });
  expect(data.daily_jobs).toMatchObject({ remaining: 0, limit: 4 });
});

test('delayMs holds the answer back', async () => {
  fake.override({ method: 'GET', path: '/healthz', delayMs: 400 });
  const started = Date.now();
  const call = await callFake(fake.url, 'GET', '/healthz');
  expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  expect(dataOf(call)).toMatchObject({ status: 'ok' });
});

test('each malformed kind', async () => {
  const expected: Record<string, (text: string, type: string | null) => void> = {
    'truncated-json': (text, type) => {
      expect(type).toContain('application/json');
      expect(text.startsWith('{"ok":true')).toBe(true);
      expect(() => JSON.parse(text)).toThrow();
    },
    html: (text, type) => {
      expect(type).toContain('text/html');
      expect(text).toContain('<html>');
    },
    empty: (text) => expect(text).toBe(''),
    'not-json-text': (text, type) => {
      expect(type).toContain('text/plain');
      expect(() => JSON.parse(text)).toThrow();
    },
  };
  for (const [kind, check] of Object.entries(expected)) {
    fake.clearOverrides();
    fake.override({ method: 'GET', path: '/v1/models', malformed: kind as 'html' });
    const res = await fetch(`${fake.url}/v1/models`);
    check(await res.text(), res.headers.get('content-type'));
  }
});

test('drop destroys the socket without an answer', async () => {
  fake.override({ method: 'GET', path: '/healthz', drop: true, times: 1 });
  await expect(fetch(`${fake.url}/healthz`)).rejects.toThrow();
  expect(fake.journal.entries().at(-1)).toMatchObject({ path: '/healthz', status: 0 });
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(200);
});

test('afterHandler runs the real create (credits reserved) and then answers 502 with retry recovery', async () => {
  fake.override({ method: 'POST', path: '/v1/create', status: 502, afterHandler: true, times: 1 });
  const failed = await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'x', idempotency_key: 'k-1' } });
  expect(failed.status).toBe(502);
  expect(failed.body).toMatchObject({ error: { code: 'PROVIDER_FAILURE', retryable: true, recovery: { idempotency_key: 'k-1' } } });
  expect(fake.state.reservations()).toHaveLength(1);
  const retry = await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'x', idempotency_key: 'k-1' } });
  expect(retry.status).toBe(200);
  expect(fake.state.reservations()).toHaveLength(1);
  expect(fake.state.quotaFor(agent.agentId).remaining_credits).toBe(28);
});

test('afterHandler with drop loses the answer after the side effect', async () => {
  fake.override({ method: 'POST', path: '/v1/create', drop: true, afterHandler: true, times: 1 });
  await expect(fetch(`${fake.url}/v1/create`, { method: 'POST', headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ prompt: 'x', idempotency_key: 'k-2' }) })).rejects.toThrow();
  expect(fake.state.reservations()).toHaveLength(1);
});

test('truncateBodyBytes announces the full length but sends fewer bytes', async () => {
  const created = dataOf(await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'x' } }));
  const asset = (created.assets as Array<{ url: string; content_length: number }>)[0];
  fake.override({ method: 'GET', path: '/media/a/:file', truncateBodyBytes: 10, times: 1 });
  const res = await fetch(asset.url);
  expect(res.status).toBe(200);
  expect(Number(res.headers.get('content-length'))).toBe(asset.content_length);
  await expect(res.arrayBuffer()).rejects.toThrow();
  const again = await fetch(asset.url);
  expect((await again.arrayBuffer()).byteLength).toBe(asset.content_length);
});

test('wildcard paths and the newest override wins; clearOverrides removes them', async () => {
  fake.override({ name: 'all', method: '*', path: '*', status: 500 });
  fake.override({ name: 'health', method: 'GET', path: '/healthz', status: 200, body: { ok: true, special: true } });
  expect((await callFake(fake.url, 'GET', '/healthz')).body).toMatchObject({ special: true });
  expect((await quota()).status).toBe(500);
  expect((await quota()).headers.get('x-image-skill-exit-code')).toBe('9');
  fake.clearOverrides();
  expect((await quota()).status).toBe(200);
});

test('an override with a misspelt or internal field is refused, naming the field, and nothing is added', async () => {
  const misspelt = await callFake(fake.url, 'POST', '/__admin/overrides', { body: { method: 'GET', path: '/v1/quota', statsu: 503 } });
  expect(misspelt.status).toBe(400);
  expect(misspelt.body).toMatchObject({ error: { code: 'INVALID_ARGUMENT', message: 'unknown field "statsu"' } });
  const internal = await callFake(fake.url, 'POST', '/__admin/overrides', { body: { method: 'GET', path: '/v1/quota', status: 503, priority: 1 } });
  expect(internal.status).toBe(400);
  expect(JSON.stringify(internal.body)).toContain('unknown field \\"priority\\"');
  expect(dataOf(await callFake(fake.url, 'GET', '/__admin/overrides')).active).toEqual([]);
  expect((await quota()).status).toBe(200);
});
