import { test, expect } from '@playwright/test';
import { request as httpRequest, Agent } from 'node:http';
import { startFakeService } from '../../harness/fake/index.js';
import { runServe } from '../../harness/fake/serve.js';

// Present in Node 20 but missing from the pinned @types/node.
const activeResources = (): string[] => (process as unknown as { getActiveResourcesInfo(): string[] }).getActiveResourcesInfo();

function countResources(kind: string): number {
  return activeResources().filter((r) => r === kind).length;
}

function get(url: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

test('close() drops keep-alive and pending connections, cancels delays, and is idempotent', async () => {
  const servers = countResources('TCPServerWrap');
  const sockets = countResources('TCPSocketWrap');
  const timeouts = countResources('Timeout');
  const fake = await startFakeService();
  const keepAlive = new Agent({ keepAlive: true });
  expect(await get(`${fake.url}/healthz`, keepAlive)).toBe(200);
  fake.override({ method: 'GET', path: '/v1/models', delayMs: 60_000 });
  const pending = get(`${fake.url}/v1/models`, keepAlive).catch((err: Error) => err);
  await new Promise((r) => setTimeout(r, 100));

  const started = Date.now();
  await Promise.all([fake.close(), fake.close()]);
  await fake.close();
  expect(Date.now() - started).toBeLessThan(2000);
  expect(await pending).toBeInstanceOf(Error);
  keepAlive.destroy();
  await expect(get(`${fake.url}/healthz`, new Agent())).rejects.toThrow(/ECONNREFUSED/);

  // Counted after a finished sleep, so no polling timer of our own is alive.
  await new Promise((r) => setTimeout(r, 300));
  expect(countResources('TCPServerWrap')).toBe(servers);
  expect(countResources('TCPSocketWrap')).toBe(sockets);
  expect(countResources('Timeout')).toBeLessThanOrEqual(timeouts);
});

test('serve prints the URL and exports, answers, and stops cleanly', async () => {
  const lines: string[] = [];
  const stop = new AbortController();
  const running = runServe(['--port', '0'], { print: (l) => lines.push(l), error: (l) => lines.push(`ERR ${l}`), stop: stop.signal });
  await expect.poll(() => lines.length).toBeGreaterThanOrEqual(3);
  const url = lines.find((l) => l.startsWith('export IMAGE_SKILL_API_BASE_URL='))?.split('=')[1];
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(lines).toContain('export IMAGE_SKILL_NO_TELEMETRY=1');
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  stop.abort();
  expect(await running).toBe(0);
  await expect(fetch(`${url}/healthz`)).rejects.toThrow();
});

test('serve refuses hosts other than loopback and bad ports', async () => {
  const errors: string[] = [];
  const io = { print: () => {}, error: (l: string) => errors.push(l) };
  expect(await runServe(['--host', '0.0.0.0'], io)).toBe(2);
  expect(await runServe(['--port', 'abc'], io)).toBe(2);
  expect(await runServe(['--bogus'], io)).toBe(2);
  expect(errors).toHaveLength(3);
});
