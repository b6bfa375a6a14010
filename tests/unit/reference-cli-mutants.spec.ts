/**
 * Reference CLI mutants: the catalogue is complete and consistent with the code, the
 * selector rejects unknown names, and the mutants that can be observed offline differ
 * from the reference in exactly the documented way.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../../fixtures/reference-cli/', import.meta.url));
const BIN = join(DIR, 'bin', 'image-skill.mjs');
const TOKEN = `isk_r_${'cd34'.repeat(8)}`;
const AREAS = ['config', 'signup', 'token', 'guide', 'exit-codes', 'envelope', 'recovery', 'credits', 'x402', 'checkout', 'assets', 'create', 'activity', 'feedback', 'robustness', 'network'];
const REQUIRED = [
  'config-mode-0644', 'no-save-still-writes', 'token-printed-without-show-token', 'token-in-later-output', 'token-in-warnings',
  'guide-posts-request', 'guide-mutation-flag-true', 'guide-ignores-unwritable-config', 'auth-exit-code-1', 'quota-exit-code-1',
  'filesystem-exit-code-1', 'missing-trace-id', 'broken-suggested-command', 'buy-without-idempotency-key-accepted',
  'status-two-references-accepted', 'x402-drops-exact-amount-required', 'x402-rounds-token-amount-atomic',
  'checkout-url-fragment-trimmed', 'assets-get-overwrites', 'create-retry-new-key',
];

interface Row { name: string; area: string; rule: string }
const catalogue = JSON.parse(readFileSync(join(DIR, 'mutants.json'), 'utf8')) as Row[];

let work = '';
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'refcli-mutants-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[], mutant: string | null, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: work,
      IMAGE_SKILL_CONFIG_PATH: join(work, 'cfg', 'config.json'),
      IMAGE_SKILL_API_BASE_URL: 'http://127.0.0.1:9',
      IMAGE_SKILL_NO_TELEMETRY: '1',
      ...(mutant ? { ISC_REFERENCE_MUTANT: mutant } : {}),
      ...env,
    },
    input: '',
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: r.status, stdout: r.stdout, json: JSON.parse(r.stdout) as Record<string, unknown> };
}

/** Every isMutant('name') call in the implementation. */
function namesUsedInCode(): Set<string> {
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (p.endsWith('.mjs')) for (const m of readFileSync(p, 'utf8').matchAll(/isMutant\('([^']+)'\)/g)) used.add(m[1]);
    }
  };
  walk(join(DIR, 'lib'));
  return used;
}

test('the catalogue has at least 32 unique mutants with known areas, including the required ones', () => {
  const names = catalogue.map((m) => m.name);
  expect(names.length).toBeGreaterThanOrEqual(32);
  expect(new Set(names).size).toBe(names.length);
  for (const m of catalogue) {
    expect(AREAS, `${m.name} area`).toContain(m.area);
    expect(m.rule.length, `${m.name} rule`).toBeGreaterThan(10);
  }
  for (const name of REQUIRED) expect(names, 'required mutant').toContain(name);
});

test('every catalogued mutant is implemented and every implemented mutant is catalogued', () => {
  const used = namesUsedInCode();
  expect([...used].sort()).toEqual(catalogue.map((m) => m.name).sort());
});

test('an unknown mutant name exits 2 and names it', () => {
  const r = run(['--version'], 'no-such-mutant');
  expect(r.code).toBe(2);
  expect(JSON.stringify(r.json)).toContain('no-such-mutant');
  expect(r.json.ok).toBe(false);
});

test('envelope mutants change every printed document', () => {
  expect(run(['--version'], null).json.trace_id).toMatch(/^trace_/);
  expect('trace_id' in run(['--version'], 'missing-trace-id').json).toBe(false);
  expect(run(['--version'], 'warnings-not-array').json.warnings).toBeNull();
});

test('exit-code mutants change the documented exit codes', () => {
  const badContact = ['signup', '--agent', '--agent-contact', 'nobody', '--agent-name', 'a', '--runtime', 'r'];
  expect(run(badContact, null).code).toBe(2);
  expect(run(badContact, 'bad-contact-exit-0').code).toBe(0);
  expect(run(['whoami'], null).code).toBe(3);
  expect(run(['whoami'], 'auth-exit-code-1').code).toBe(1);
});

test('argument-rule mutants send what the reference refuses', () => {
  const env = { IMAGE_SKILL_TOKEN: TOKEN };
  const buy = ['credits', 'buy', '--provider', 'stripe', '--quote-id', 'quote_1'];
  expect(run(buy, null, env).code).toBe(2);
  expect(run(buy, 'buy-without-idempotency-key-accepted', env).code).toBe(7);
  const status = ['credits', 'status', '--quote-id', 'quote_1', '--receipt-id', 'rcpt_1'];
  expect(run(status, null, env).code).toBe(2);
  expect(run(status, 'status-two-references-accepted', env).code).toBe(7);
  const save = ['signup', '--agent', '--agent-contact', 'ops@example.invalid', '--agent-name', 'a', '--runtime', 'r', '--save'];
  expect(run(save, null).code).toBe(7);
  expect(run(save, 'save-flag-rejected').code).toBe(2);
  const alias = ['signup', '--agent', '--human-email', 'ops@example.invalid', '--agent-name', 'a', '--runtime', 'r', '--no-save', '--show-token'];
  expect(run(alias, null).code).toBe(7);
  expect(run(alias, 'human-email-alias-rejected').code).toBe(2);
});
