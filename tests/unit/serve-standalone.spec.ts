/**
 * `serve --payments --chain` as a separate process, driven only over HTTP (and, for the x402
 * deposit, the printed RPC URL): stubs, verification, scenario sequences, validation, the
 * payment verbs, an on-chain deposit, and a clean stop on SIGINT.
 */
import { test, expect } from '@playwright/test';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPublicClient, createWalletClient, defineChain, erc20Abi, http, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

type Json = Record<string, unknown>;

interface Served {
  child: ChildProcess;
  lines: string[];
  env: Record<string, string>;
  anvilPid: number;
  exited: Promise<number | null>;
}

// Made in beforeAll, not when the file loads: Playwright also loads it to list the tests, in a
// process that runs no hook and would leave the folder behind.
let dir = '';
let stateFile = '';
let served: Served;

function startServe(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, ['bin/image-skill-conformance.mjs', 'serve', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise<Served>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no "ready" in 90 s:\n${lines.join('\n')}\n${stderr}`)), 90_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        lines.push(line);
        if (line === 'ready') {
          clearTimeout(timer);
          const env = Object.fromEntries(lines.filter((l) => l.startsWith('export ')).map((l) => l.slice(7).split(/=(.*)/s).slice(0, 2)));
          const pidLine = lines.find((l) => l.startsWith('chain: ')) ?? '';
          resolve({ child, lines, env, anvilPid: Number(/anvil pid (\d+)/.exec(pidLine)?.[1]), exited });
        }
      }
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code} before ready:\n${lines.join('\n')}\n${stderr}`)));
  });
}

async function call(method: string, path: string, opts: { body?: unknown; token?: string } = {}): Promise<{ status: number; json: Json; text: string }> {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const res = await fetch(`${served.env.IMAGE_SKILL_API_BASE_URL}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // not JSON
  }
  return { status: res.status, json, text };
}

const data = (r: { json: Json }): Json => r.json.data as Json;

async function signup(): Promise<string> {
  const r = await call('POST', '/v1/agent-signups', { body: { agent_contact: 'serve-test@example.invalid', agent_name: 'serve-test', runtime: 'unit', return_token: true } });
  expect(r.status).toBe(200);
  return String(data(r).token);
}

async function paidCredits(token: string): Promise<number> {
  const r = await call('GET', '/v1/quota', { token });
  return Number((data(r).limits as Json).payment_backed_remaining_credits);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isc-serve-'));
  stateFile = join(dir, 'state.json');
  writeFileSync(join(dir, 'boot.json'), JSON.stringify([{ id: 'file-stub', request: { method: 'GET', path: '/v1/capabilities' }, response: { status: 418, jsonBody: { from: 'file' } }, times: 1 }]));
  served = await startServe(['--port', '0', '--payments', '--chain', '--stubs', dir, '--state', stateFile]);
});

test.afterAll(async () => {
  if (served?.child.exitCode === null) {
    served.child.kill('SIGTERM');
    await served.exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('prints the backend, the webhook secret, the chain and the env lines; writes the state file', async () => {
  expect(served.lines.some((l) => /^stripe backend: (embedded|stripe-mock)/.test(l))).toBe(true);
  expect(served.env.IMAGE_SKILL_API_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(served.env.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_/);
  expect(served.env.ISC_CHAIN_RPC_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(served.env.ISC_CHAIN_ID).toBe('8453');
  expect(served.env.ISC_USDC_ADDRESS).toMatch(/^0x[0-9a-fA-F]{40}$/);
  expect(served.anvilPid).toBeGreaterThan(0);
  expect(served.lines).toContain(`stubs: 1 loaded from ${dir}`);
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as Json;
  expect(state).toMatchObject({ url: served.env.IMAGE_SKILL_API_BASE_URL, chain: { chain_id: 8453, rpc_url: served.env.ISC_CHAIN_RPC_URL } });
  // The stub file is live: one answer, then the real route.
  expect((await call('GET', '/v1/capabilities')).status).toBe(418);
  expect((await call('GET', '/v1/capabilities')).status).toBe(200);
  // Payments are attached: the methods list has no "no Stripe backend" reason.
  const methods = await call('GET', '/v1/payment-methods');
  expect(methods.text).not.toContain('no Stripe backend');
});

test('a 503 stub with times: 1 answers once; verification counts both requests', async () => {
  const added = await call('POST', '/__admin/stubs', { body: { request: { method: 'GET', path: '/v1/models', query: { available: 'true' } }, response: { status: 503 }, times: 1 } });
  expect(added.status).toBe(201);
  const id = String(added.json.id);
  expect((await call('GET', `/__admin/stubs/${id}`)).json).toMatchObject({ id, remaining: 1 });
  expect((await call('GET', '/v1/models?available=true')).status).toBe(503);
  expect((await call('GET', '/v1/models?available=true')).status).toBe(200);
  expect((await call('GET', `/__admin/stubs/${id}`)).status).toBe(404);
  expect((await call('POST', '/__admin/requests/count', { body: { method: 'GET', path: '/v1/models', query: { available: 'true' } } })).json).toEqual({ count: 2 });
  const found = await call('POST', '/__admin/requests/find', { body: { method: 'GET', path: '/v1/models' } });
  expect((found.json.requests as Json[]).map((r) => r.status)).toEqual([503, 200]);
  await call('GET', '/v1/not-a-route');
  const unmatched = (await call('GET', '/__admin/requests/unmatched')).json.requests as Json[];
  expect(unmatched.map((r) => r.path)).toContain('/v1/not-a-route');
  const ndjson = (await call('GET', '/__admin/requests?format=ndjson')).text.trim().split('\n').map((l) => JSON.parse(l) as Json);
  expect(ndjson.filter((e) => e.path === '/v1/models')).toHaveLength(2);
});

test('a scenario sequence: 502, then 502, then the real answer', async () => {
  const seq = [
    { request: { method: 'GET', path: '/v1/whoami' }, response: { status: 502 }, scenario: { name: 'flaky', requiredState: 'Started', newState: 'second' } },
    { request: { method: 'GET', path: '/v1/whoami' }, response: { status: 502 }, scenario: { name: 'flaky', requiredState: 'second', newState: 'healthy' } },
  ];
  for (const stub of seq) expect((await call('POST', '/__admin/stubs', { body: stub })).status).toBe(201);
  const token = await signup();
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await call('GET', '/v1/whoami', { token })).status);
  expect(statuses).toEqual([502, 502, 200, 200]);
  expect((await call('GET', '/__admin/scenarios')).json.scenarios).toContainEqual({ name: 'flaky', state: 'healthy' });
  await call('POST', '/__admin/scenarios/reset');
  expect((await call('GET', '/v1/whoami', { token })).status).toBe(502);
  expect((await call('DELETE', '/__admin/stubs')).json).toEqual({ removed: 2 });
  expect((await call('GET', '/v1/whoami', { token })).status).toBe(200);
});

test('a misspelt field is refused with 400 naming it, for stubs, matchers and overrides', async () => {
  const stub = await call('POST', '/__admin/stubs', { body: { request: { method: 'GET', path: '/v1/models' }, response: { statsu: 503 } } });
  expect(stub.status).toBe(400);
  expect(stub.json.error).toMatchObject({ code: 'INVALID_STUB', problems: [{ field: 'response.statsu', message: 'unknown field "statsu"' }] });
  const bad = await call('POST', '/__admin/stubs', { body: { request: { path: 'v1/models' }, response: { status: 99 } } });
  expect(bad.status).toBe(400);
  expect((bad.json.error as Json).problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'request.path' }), expect.objectContaining({ field: 'response.status' })]));
  const matcher = await call('POST', '/__admin/requests/count', { body: { methd: 'GET' } });
  expect(matcher.status).toBe(400);
  expect(matcher.text).toContain('methd');
  const override = await call('POST', '/__admin/overrides', { body: { method: 'GET', path: '/v1/models', statsu: 503 } });
  expect(override.status).toBe(400);
  expect(override.text).toContain('statsu');
  expect((await call('GET', '/__admin/stubs')).json).toEqual({ stubs: [] });
});

test('a Checkout purchase completed through trigger, replayed with resend, is granted once', async () => {
  const token = await signup();
  const before = await paidCredits(token);
  const quote = await call('POST', '/v1/credit-quotes', { token, body: { pack_id: 'starter-500', payment_method: 'stripe_checkout', idempotency_key: 'serve-q1' } });
  expect(quote.status).toBe(200);
  const buy = await call('POST', '/v1/credit-purchases/stripe-checkout-sessions', { token, body: { quote_id: data(quote).quote_id, idempotency_key: 'serve-buy-1' } });
  expect(buy.status).toBe(200);
  const attemptId = String(data(buy).payment_attempt_id);

  const triggered = await call('POST', '/__admin/payments/trigger', { body: { event: 'checkout.session.completed', attempt_id: attemptId } });
  expect(triggered.status).toBe(200);
  expect(triggered.json).toMatchObject({ type: 'checkout.session.completed', payment_attempt_id: attemptId, delivery_status: 200 });
  const eventId = String(triggered.json.event_id);
  const resent = await call('POST', '/__admin/payments/resend', { body: { event_id: eventId } });
  expect(resent.status).toBe(200);
  expect(resent.json).toMatchObject({ event_id: eventId, delivery_status: 200 });
  expect(JSON.stringify(resent.json.body)).toContain('"duplicate":true');

  const status = await call('GET', `/v1/credit-purchases/status?payment_attempt_id=${attemptId}`, { token });
  expect(data(status).state).toBe('succeeded');
  expect(await paidCredits(token)).toBe(before + 500);
  expect((await call('POST', '/__admin/requests/count', { body: { method: 'POST', path: '/v1/webhooks/stripe', bodyPointers: { '/id': eventId } } })).json).toEqual({ count: 2 });

  expect((await call('POST', '/__admin/payments/resend', { body: { event_id: 'evt_unknown' } })).status).toBe(404);
  expect((await call('POST', '/__admin/payments/trigger', { body: { event: 'charge.captured', attempt_id: attemptId } })).status).toBe(400);
  const refund = await call('POST', '/__admin/payments/trigger', { body: { event: 'charge.refunded', attempt_id: attemptId } });
  expect(refund.json).toMatchObject({ type: 'charge.refunded', delivery_status: 200 });
  expect(await paidCredits(token)).toBe(before);
});

test('an x402 deposit paid on the printed RPC URL is credited', async () => {
  const token = await signup();
  const quote = await call('POST', '/v1/credit-quotes', { token, body: { credits: 250, payment_method: 'stripe_x402.exact.usdc', idempotency_key: 'serve-x402-q' } });
  expect(quote.status).toBe(200);
  const buy = await call('POST', '/v1/credit-purchases/stripe-x402-deposits', { token, body: { quote_id: data(quote).quote_id, idempotency_key: 'serve-x402-buy' } });
  expect(buy.status).toBe(200);
  const attemptId = String(data(buy).payment_attempt_id);
  const instructions = ((data(buy).stripe_x402 as Json).payable_instructions as Json);
  const depositAddress = instructions.deposit_address as Address;
  expect(depositAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
  expect(instructions.token_contract_address).toBe(served.env.ISC_USDC_ADDRESS);

  const chain = defineChain({
    id: Number(served.env.ISC_CHAIN_ID),
    name: 'local base',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [served.env.ISC_CHAIN_RPC_URL] } },
  });
  const transport = http(served.env.ISC_CHAIN_RPC_URL);
  const account = privateKeyToAccount(served.env.ISC_AGENT_PRIVATE_KEY as Hex);
  const wallet = createWalletClient({ account, chain, transport });
  const reader = createPublicClient({ chain, transport });
  const hash = await wallet.writeContract({
    address: served.env.ISC_USDC_ADDRESS as Address,
    abi: erc20Abi,
    functionName: 'transfer',
    args: [depositAddress, BigInt(String(instructions.token_amount_atomic))],
  });
  expect((await reader.waitForTransactionReceipt({ hash })).status).toBe('success');

  let state = '';
  for (let i = 0; i < 120 && state !== 'succeeded'; i++) {
    const status = await call('GET', `/v1/credit-purchases/status?payment_attempt_id=${attemptId}`, { token });
    state = String(data(status).state);
    if (state !== 'succeeded') await new Promise((r) => setTimeout(r, 250));
  }
  expect(state).toBe('succeeded');
  expect(await paidCredits(token)).toBe(250);
});

test('SIGINT stops the service, anvil and the state file; nothing is left running', async () => {
  const rpcPort = new URL(served.env.ISC_CHAIN_RPC_URL).port;
  expect(isAlive(served.anvilPid)).toBe(true);
  served.child.kill('SIGINT');
  expect(await served.exited).toBe(0);
  expect(served.lines).toContain('fake image-skill service stopped');
  for (let i = 0; i < 40 && isAlive(served.anvilPid); i++) await new Promise((r) => setTimeout(r, 100));
  expect(isAlive(served.anvilPid)).toBe(false);
  // Other engineers may run their own anvils; ours is the one on our RPC port.
  let ours = '';
  try {
    ours = execFileSync('pgrep', ['-f', `anvil.*--port ${rpcPort}`], { encoding: 'utf8' });
  } catch {
    ours = ''; // pgrep exits 1 when nothing matches
  }
  expect(ours.trim()).toBe('');
  expect(existsSync(stateFile)).toBe(false);
  await expect(fetch(`${served.env.IMAGE_SKILL_API_BASE_URL}/healthz`)).rejects.toThrow();
});
