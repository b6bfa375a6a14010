import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Journal, JournalEntry } from '../../harness/fake/types.js';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { createSandbox, type Sandbox } from '../../harness/runner/sandbox.js';
import { describeInvocationProblems, formatTranscript, transcriptToJson } from '../../harness/runner/transcript.js';
import { resolveTarget } from '../../harness/target/resolve.js';
import { offlineTarget } from '../fixtures/clis/offline.js';

const CLIS = path.resolve('tests/fixtures/clis');
const script = (name: string) => resolveTarget(`cmd:node ${path.join(CLIS, name)}`);

/** Stand-in for the fake service: a loopback server with a journal, 404 on /v2/*. */
async function startMiniFake() {
  const entries: JournalEntry[] = [];
  let active: string | null = null;
  const journal: Journal = {
    entries: () => entries,
    forInvocation: (id) => entries.filter((e) => e.invocationId === id),
    setActiveInvocation: (id) => {
      active = id;
    },
    clear: () => entries.splice(0),
  };
  const server = http.createServer((req, res) => {
    const unknownRoute = !req.url?.startsWith('/healthz');
    const status = unknownRoute ? 404 : 200;
    entries.push({
      seq: entries.length + 1, at: new Date().toISOString(), method: req.method ?? 'GET', path: req.url ?? '/', query: {}, headers: {},
      rawAuthorization: null, body: null, bodyText: '', status, invocationId: active, unknownRoute, telemetry: false, admin: false, override: null, created: {},
    });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: !unknownRoute }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, journal, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Dead or a zombie (PID 1 here does not reap orphans). */
function isGone(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(' ')[2] === 'Z';
  } catch {
    return true;
  }
}

let sandbox: Sandbox;
test.beforeEach(async () => {
  sandbox = await createSandbox({ label: 'runner-test' });
});
test.afterEach(async () => {
  await sandbox.dispose();
});

test('a well-behaved CLI: one JSON document, requests attributed, 0600 config file seen', async () => {
  const fake = await startMiniFake();
  try {
    const target = await resolveTarget(path.join(CLIS, 'ok-json'));
    const seen: string[] = [];
    const runner = createCliRunner({ target, sandbox, fakeUrl: fake.url, journal: fake.journal, onInvocation: (inv) => void seen.push(inv.id) });
    const inv = await runner.run(['whoami', '--fetch', '/healthz', '--write-config', '--json']);
    expect(inv.exitCode).toBe(0);
    expect(inv.jsonError).toBeNull();
    const json = inv.json as { data: { args: string[]; cwd: string; fetched: { status: number } } };
    expect(json.data.args).toEqual(['whoami', '--fetch', '/healthz', '--write-config', '--json']);
    expect(json.data.cwd).toBe(sandbox.work);
    expect(json.data.fetched.status).toBe(200);
    expect(inv.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['GET /healthz 200']);
    expect(inv.argv).toEqual([...target.command, ...inv.args]);
    expect(inv.networkAttempts).toEqual([]);
    expect(inv.fsChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'home/.config/image-skill', kind: 'added', mode: '0700', size: null }),
        expect.objectContaining({ path: 'home/.config/image-skill/config.json', kind: 'added', mode: '0600' }),
      ]),
    );
    expect(inv.fsChanges).toHaveLength(2);
    expect(describeInvocationProblems(inv)).toEqual([]);
    expect(seen).toEqual([inv.id]);
    expect(runner.invocations).toEqual([inv]);

    const text = formatTranscript(inv, []);
    expect(text).toContain('GET /healthz 200');
    expect(text).toContain('added home/.config/image-skill/config.json mode 0600');
    const attached = transcriptToJson(inv, [sandbox.work]) as { stdout: string; requests: Array<Record<string, unknown>> };
    expect(attached.stdout).toContain('"cwd":"[redacted]"');
    expect(attached.requests[0]).not.toHaveProperty('rawAuthorization');
  } finally {
    await fake.close();
  }
});

test('unknown routes are reported', async () => {
  const fake = await startMiniFake();
  try {
    const runner = createCliRunner({ target: await resolveTarget(path.join(CLIS, 'ok-json')), sandbox, fakeUrl: fake.url, journal: fake.journal });
    const inv = await runner.run(['x', '--fetch', '/v2/x']);
    expect(describeInvocationProblems(inv)).toEqual(['unknown route requested: GET /v2/x']);
  } finally {
    await fake.close();
  }
});

test('stdout that is not exactly one JSON document is described with its first bytes', async () => {
  const notJson = await createCliRunner({ target: await script('not-json.mjs'), sandbox, fakeUrl: 'http://127.0.0.1:9' }).run([]);
  expect(notJson.json).toBeUndefined();
  expect(notJson.jsonError?.message).toBe('stdout is not JSON');
  expect(notJson.jsonError?.firstBytes).toContain('Hello! Your image');
  expect(describeInvocationProblems(notJson)[0]).toMatch(/^stdout is not JSON: "Hello!/);

  const two = await createCliRunner({ target: await script('two-json.mjs'), sandbox, fakeUrl: 'http://127.0.0.1:9' }).run([]);
  expect(two.jsonError?.message).toBe('stdout holds more than one JSON document');
  expect(two.exitCode).toBe(0);
});

test('death by signal is recorded', async () => {
  const inv = await createCliRunner({ target: await script('segfault.mjs'), sandbox, fakeUrl: 'http://127.0.0.1:9' }).run([]);
  expect(inv.signal).toBe('SIGSEGV');
  expect(inv.exitCode).toBeNull();
  expect(inv.timedOut).toBe(false);
  expect(describeInvocationProblems(inv)).toContain('exited by signal SIGSEGV');
});

test('a hanging CLI is killed at the time limit together with its grandchild', async () => {
  const pidFile = path.join(sandbox.tmp, 'grandchild.pid');
  const runner = createCliRunner({ target: await script('hang-with-grandchild.mjs'), sandbox, fakeUrl: 'http://127.0.0.1:9', defaultTimeoutMs: 800 });
  const inv = await runner.run([pidFile]);
  expect(inv.timedOut).toBe(true);
  expect(inv.signal).toBe('SIGKILL');
  expect(inv.durationMs).toBeGreaterThanOrEqual(800);
  expect(inv.durationMs).toBeLessThan(5000);
  expect(describeInvocationProblems(inv)).toContain('timed out after 800 ms and was killed');
  const grandchild = Number(readFileSync(pidFile, 'utf8'));
  expect(grandchild).toBeGreaterThan(0);
  await expect.poll(() => isGone(grandchild), { timeout: 2000 }).toBe(true);
});

test('a CLI that exits leaving a process on its stdout is not waited for', async () => {
  const pidFile = path.join(sandbox.tmp, 'bg.pid');
  const inv = await createCliRunner({ target: await script('leave-background.mjs'), sandbox, fakeUrl: 'http://127.0.0.1:9', defaultTimeoutMs: 10_000 }).run([pidFile]);
  expect(inv.timedOut).toBe(false);
  expect(inv.exitCode).toBe(0);
  expect(inv.durationMs).toBeLessThan(5000);
  await expect.poll(() => isGone(Number(readFileSync(pidFile, 'utf8'))), { timeout: 2000 }).toBe(true);
});

test('a CLI ignoring IMAGE_SKILL_API_BASE_URL is stopped by the network guard before any DNS lookup', async () => {
  const target = await offlineTarget(await script('phone-home.mjs'));
  test.skip(target === null, 'needs network namespaces (unshare -n) as a safety net');
  const inv = await createCliRunner({ target: target!, sandbox, fakeUrl: 'http://127.0.0.1:9' }).run([]);
  expect(inv.networkAttempts).toEqual([{ host: 'api.image-skill.com', port: 443, outcome: 'blocked', api: 'fetch' }]);
  const data = (inv.json as { data: { error: { code: string; message: string }; lookups: number } }).data;
  expect(data.error.code).toBe('ENETUNREACH');
  expect(data.error.message).toBe('blocked by image-skill-conformance network guard: api.image-skill.com:443');
  expect(data.lookups).toBe(0);
  expect(describeInvocationProblems(inv)).toEqual(['network guard blocked a connection to api.image-skill.com:443 (fetch)']);
  expect(formatTranscript(inv, [])).toContain('api.image-skill.com:443 via fetch');
});

test('ambient IMAGE_SKILL_*, npm_config_* and NODE_OPTIONS do not reach the CLI unless the test sets them', async () => {
  const saved = { ...process.env };
  process.env.IMAGE_SKILL_TOKEN = 'isk_r_00000000000000000000000000000000';
  process.env.IMAGE_SKILL_CONFIG_PATH = '/root/should-not-leak.json';
  process.env.npm_config_x = 'ambient';
  process.env.NODE_OPTIONS = '--max-old-space-size=100';
  try {
    const runner = createCliRunner({ target: await resolveTarget(path.join(CLIS, 'ok-json')), sandbox, fakeUrl: 'http://127.0.0.1:9' });
    const plain = await runner.run(['env']);
    const env = (plain.json as { data: { env: Record<string, string> } }).data.env;
    expect(env.IMAGE_SKILL_TOKEN).toBeUndefined();
    expect(env.IMAGE_SKILL_CONFIG_PATH).toBeUndefined();
    expect(env.npm_config_x).toBeUndefined();
    expect(env.NODE_OPTIONS).toMatch(/^--require .*network-guard\.cjs$/);
    expect(env.HOME).toBe(sandbox.home);
    expect(env.XDG_CONFIG_HOME).toBe(sandbox.configHome);
    expect(env.TMPDIR).toBe(sandbox.tmp);
    expect(env.IMAGE_SKILL_API_BASE_URL).toBe('http://127.0.0.1:9');
    expect(env.NO_COLOR).toBe('1');
    expect(plain.envChanges.IMAGE_SKILL_TOKEN).toBeNull();
    expect(plain.envChanges.npm_config_x).toBeNull();

    const token = 'isk_r_11111111111111111111111111111111';
    const withToken = await runner.run(['env', '--read-stdin'], { env: { IMAGE_SKILL_TOKEN: token }, stdin: `${token}\n` });
    expect((withToken.json as { data: { env: Record<string, string>; stdin: string } }).data.env.IMAGE_SKILL_TOKEN).toBe(token);
    expect(withToken.envChanges.IMAGE_SKILL_TOKEN).toBe('[redacted]');
    expect(withToken.stdin).not.toContain(token);
    expect(formatTranscript(withToken, [token])).not.toContain(token);
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
});

test('a program that cannot be started is reported, not thrown', async () => {
  const target = await resolveTarget(path.join(CLIS, 'ok-json'));
  const broken = { ...target, command: [path.join(sandbox.root, 'missing-program')] };
  const inv = await createCliRunner({ target: broken, sandbox, fakeUrl: 'http://127.0.0.1:9' }).run([]);
  expect(inv.exitCode).toBeNull();
  expect(describeInvocationProblems(inv)[0]).toMatch(/^could not be started: .*ENOENT/);
});
