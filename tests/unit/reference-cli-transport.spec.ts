/**
 * The reference CLI's HTTP exchange (node:http, not fetch): what it reads of an answer, a body
 * shorter than its content-length, and an abort while the body is still coming.
 */
import { test, expect } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// Plain JavaScript module of the reference CLI; its JSDoc types are not checked here.
const transport = '../../fixtures/reference-cli/lib/transport.mjs';
type Send = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }, signal: AbortSignal) => Promise<{
  status: number; ok: boolean; headers: { get(name: string): string | null }; body: AsyncIterable<Buffer>; text(): Promise<string>; arrayBuffer(): Promise<Buffer>;
}>;
let send: Send;
let server: Server;
let base = '';
const seen: { method?: string; headers: Record<string, unknown>; body: string }[] = [];

test.beforeAll(async () => {
  ({ send } = (await import(transport)) as { send: Send });
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/bom') {
        res.writeHead(201, { 'content-type': 'application/json', 'x-two': ['a', 'b'] });
        res.end('\ufeff{"ok":true}');
      } else if (req.url === '/short') {
        res.writeHead(200, { 'content-length': '100' });
        res.write('only a part');
        setTimeout(() => res.socket?.destroy(), 20);
      } else if (req.url === '/stall') {
        res.writeHead(200);
        res.write('first');
      } else {
        res.writeHead(404);
        res.end('nope');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

test('an answer: status, ok, headers, and text without its byte order mark; the body is sent with its length', async () => {
  const res = await send(`${base}/bom`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, new AbortController().signal);
  expect([res.status, res.ok]).toEqual([201, true]);
  expect(res.headers.get('Content-Type')).toBe('application/json');
  expect(res.headers.get('x-two')).toBe('a, b');
  expect(res.headers.get('x-missing')).toBeNull();
  expect(await res.text()).toBe('{"ok":true}');
  expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"a":1}', headers: { 'content-length': '7' } });
  const missing = await send(`${base}/none`, {}, new AbortController().signal);
  expect([missing.status, missing.ok, (await missing.arrayBuffer()).toString()]).toEqual([404, false, 'nope']);
});

test('a body shorter than its content-length fails when read', async () => {
  const res = await send(`${base}/short`, {}, new AbortController().signal);
  await expect(res.text()).rejects.toThrow();
});

test('an abort while the body is still coming ends its reading', async () => {
  const controller = new AbortController();
  const res = await send(`${base}/stall`, {}, controller.signal);
  setTimeout(() => controller.abort(), 50);
  await expect(res.text()).rejects.toThrow(/abort/i);
  await expect(send(`${base}/stall`, {}, AbortSignal.abort())).rejects.toThrow(/abort/i);
  await expect(send('http://127.0.0.1:9/', {}, new AbortController().signal)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
});
