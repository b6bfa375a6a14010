/**
 * Reference CLI, offline: argument validation (exit 2 before any request), --version,
 * auth and network failures, and the OUTPUT_EXISTS guard. The API base points at a
 * closed loopback port, so a request that should not happen shows up as exit 7.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../fixtures/reference-cli/bin/image-skill.mjs', import.meta.url));
const CLOSED = 'http://127.0.0.1:9';
const TOKEN = `isk_r_${'ab12'.repeat(8)}`;

interface Envelope {
  ok: boolean;
  command: string;
  trace_id: string;
  data: Record<string, unknown> | null;
  warnings: unknown[];
  error: { code: string; message: string; retryable: boolean; recovery?: Record<string, unknown> } | null;
}

let home = '';
test.beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'refcli-args-'));
});
test.afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}, input = '') {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, IMAGE_SKILL_API_BASE_URL: CLOSED, IMAGE_SKILL_NO_TELEMETRY: '1', ...env },
    input,
    encoding: 'utf8',
    timeout: 15_000,
  });
  const json = JSON.parse(r.stdout) as Envelope;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json };
}

function expectInvalid(args: string[], env: Record<string, string> = {}) {
  const r = run(args, env);
  expect(r.code, r.stdout).toBe(2);
  expect(r.json.ok).toBe(false);
  expect(r.json.data).toBeNull();
  expect(r.json.error?.code).toBe('INVALID_ARGUMENT');
  expect(r.json.trace_id).toMatch(/^trace_[0-9a-f]{24}$/);
  return r.json;
}

test('--version answers locally with name and version', () => {
  const r = run(['--version']);
  expect(r.code).toBe(0);
  expect(r.json).toMatchObject({ ok: true, data: { name: 'image-skill', version: '0.1.25' }, warnings: [], error: null });
  expect(r.stderr).toBe('');
});

test('an unknown flag exits 2 with a corrected command', () => {
  const typo = expectInvalid(['signup', '--agent', '--agent-contct', 'ops@example.invalid', '--agent-name', 'a b', '--runtime', 'r']);
  expect(typo.error?.recovery?.suggested_command).toBe("image-skill signup --agent --agent-contact ops@example.invalid --agent-name 'a b' --runtime r --json");
  const extra = expectInvalid(['whoami', '--verbose', '--json']);
  expect(extra.error?.recovery?.suggested_command).toBe('image-skill whoami --json');
  expectInvalid(['frobnicate']);
  expectInvalid(['create', '--prompt']);
});

test('credits commands validate their flags before any request', () => {
  const env = { IMAGE_SKILL_TOKEN: TOKEN };
  const buy = expectInvalid(['credits', 'buy', '--provider', 'stripe', '--quote-id', 'quote_1'], env);
  expect(buy.error?.recovery?.suggested_command).toContain('--idempotency-key KEY');
  expectInvalid(['credits', 'buy', '--provider', 'paypal', '--quote-id', 'quote_1', '--idempotency-key', 'k'], env);
  expectInvalid(['credits', 'status'], env);
  expectInvalid(['credits', 'status', '--quote-id', 'quote_1', '--receipt-id', 'rcpt_1'], env);
  expectInvalid(['credits', 'quote', '--credits', '10', '--pack', 'starter-500'], env);
  expectInvalid(['credits', 'quote', '--credits', 'ten'], env);
});

test('signup rejects a contact that is not email-shaped, suggesting a runnable signup', () => {
  const bad = expectInvalid(['signup', '--agent', '--agent-contact', 'nobody', '--agent-name', 'my agent', '--runtime', 'codex']);
  expect(bad.error?.recovery?.suggested_command).toBe(
    "image-skill signup --agent --agent-contact AGENT_OR_OPERATOR_INBOX --agent-name 'my agent' --runtime codex --json",
  );
  expectInvalid(['signup', '--agent-contact', 'ops@example.invalid', '--agent-name', 'a', '--runtime', 'r']);
  expectInvalid(['signup', '--agent', '--agent-contact', 'ops@example.invalid']);
});

test('create, feedback, assets and jobs validate locally', () => {
  const env = { IMAGE_SKILL_TOKEN: TOKEN };
  expectInvalid(['create'], env);
  expectInvalid(['create', '--prompt', 'p', '--model-parameters-json', '{nope'], env);
  expectInvalid(['create', '--prompt', 'p', '--output-count', '0'], env);
  expectInvalid(['feedback', 'create', '--title', 'only a title'], env);
  expectInvalid(['assets', 'get', 'image_1'], env);
  expectInvalid(['assets', 'get', 'https://example.com/a.png', '--output', join(home, 'x.png')], env);
  expectInvalid(['jobs', 'wait', 'job_1', '--timeout-ms', 'soon'], env);
});

test('missing auth exits 3 and an unreachable service exits 7, never leaking the token', () => {
  const noToken = run(['whoami']);
  expect(noToken.code).toBe(3);
  expect(noToken.json.error?.code).toBe('AUTH_REQUIRED');

  const viaStdin = run(['usage', 'quota', '--token-stdin'], {}, `${TOKEN}\n`);
  expect(viaStdin.code).toBe(7);
  expect(viaStdin.json.error?.code).toBe('NETWORK_ERROR');
  expect(viaStdin.json.error?.retryable).toBe(true);
  for (const out of [viaStdin.stdout, viaStdin.stderr]) expect(out).not.toContain(TOKEN);
});

test('assets get refuses an existing output before any request and leaves it untouched', () => {
  const out = join(home, 'taken.png');
  writeFileSync(out, 'keep me');
  const r = run(['assets', 'get', `${CLOSED}/media/a/image_1.png`, '--output', out]);
  expect(r.code).toBe(9);
  expect(r.json.error?.code).toBe('OUTPUT_EXISTS');
  expect(readFileSync(out, 'utf8')).toBe('keep me');
});

test('the guide without a prompt still prints a guide envelope and a runnable next command', () => {
  const r = run(['create', '--guide', '--json']);
  expect(r.code).toBe(0);
  expect(r.json.data).toMatchObject({
    schema: 'image-skill.create-guide.v1',
    stage: 'prompt_required',
    next_command: 'npx -y image-skill@latest create --guide --prompt PROMPT --json',
  });
  const mutation = (r.json.data as { mutation: Record<string, boolean> }).mutation;
  expect(Object.values(mutation).every((v) => v === false)).toBe(true);
});
