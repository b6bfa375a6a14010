import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { createRequire } from 'node:module';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResults } from '../../harness/report/results.js';
import { expectationsExit } from '../../harness/report/expectations.js';
import { CLI_TIME_LOG_ENV } from '../../harness/runner/cli-time-log.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/image-skill-conformance.mjs');
const GATE_CONFIG = join(ROOT, 'tests/fixtures/report/pw/gate.config.ts');
const EXPECT_DIR = join(ROOT, 'tests/fixtures/report/expectations');

function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && (k === CLI_TIME_LOG_ENV || !/^(TEST_|PW_|PLAYWRIGHT_|ISC_|GITHUB_)/.test(k))) env[k] = v;
  return { ...env, ...extra };
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'isc-gate-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const front = (args: string[]) => execa(process.execPath, [BIN, ...args], { cwd: ROOT, reject: false, env: cleanEnv({}), extendEnv: false, timeout: 120_000 });

test('an unknown --contract is a usage error (exit 2) saying what --contract takes', async () => {
  const child = await front(['run', '--cli', 'reference', '--contract', '9.9.9', '--grep', 'no-such-scenario']);
  expect(child.exitCode, child.stdout).toBe(2);
  expect(child.stderr).toContain('--contract 9.9.9: not a known contract version');
  expect(child.stderr).toContain('--contract takes a known contract version (0.1.23, ');
});

test('bad gate flags exit 2 naming the problem', async () => {
  const malformed = await front(['run', '--expect', join(EXPECT_DIR, 'malformed.json')]);
  expect(malformed.exitCode).toBe(2);
  expect(malformed.stderr).toContain('/expected/0 has unknown property "senario"');
  const strict = await front(['run', '--strict-expectations']);
  expect(strict.exitCode).toBe(2);
  expect(strict.stderr).toContain('--strict-expectations needs --expect <file>');
  const failOn = await front(['diff', '--base', 'reference', '--head', 'reference', '--fail-on', 'sometimes']);
  expect(failOn.exitCode).toBe(2);
  expect(failOn.stderr).toContain('--fail-on must be regressed, changed or never, got "sometimes"');
});

test('end to end: the reporter judges a run against a baseline (results.json, junit.xml, summary.md, console)', async () => {
  const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
  const nested = (dir: string, env: Record<string, string>) =>
    execa(process.execPath, [cli, 'test', '-c', GATE_CONFIG], { cwd: ROOT, reject: false, extendEnv: false, env: cleanEnv({ ISC_REPORT_DIR: dir, ...env }), timeout: 120_000 });
  await withTempDir(async (dir) => {
    // With the baseline that lists the rule: only an expected failure.
    const withBaseline = await nested(join(dir, 'a'), { ISC_EXPECT: join(EXPECT_DIR, 'baseline.json') });
    expect(withBaseline.stdout).toContain('Expected (still failing) (1):');
    const a = await loadResults(join(dir, 'a', 'results.json'));
    expect(a.expectations?.new).toEqual([]);
    expect(a.expectations?.expected.map((e) => e.rule)).toEqual(['config.mode-0600']);
    expect(expectationsExit(a.expectations!).exit).toBe(0);
    expect(a.scenarios.find((s) => s.title === 'whoami uses the saved token')?.checks?.[0].outcome).toBe('observed');
    expect(await readFile(join(dir, 'a', 'junit.xml'), 'utf8')).toContain('tests="3" failures="0" errors="0" skipped="1"');
    expect((await readFile(join(dir, 'a', 'summary.md'), 'utf8')).split('\n')[0]).toContain('✅ PASS');

    // Without a baseline the same run fails, and the rule failure is a JUnit <failure>.
    await nested(join(dir, 'b'), {});
    const b = await loadResults(join(dir, 'b', 'results.json'));
    expect(b.expectations).toBeUndefined();
    const junit = await readFile(join(dir, 'b', 'junit.xml'), 'utf8');
    expect(junit).toContain('tests="3" failures="1" errors="0" skipped="0"');
    expect(junit).toContain('<failure type="config.mode-0600" message="config.mode-0600: &quot;mode 0600&quot;">');
    expect((await readFile(join(dir, 'b', 'summary.md'), 'utf8')).split('\n')[0]).toContain('❌ FAIL');

    // A harness crash is an <error>, never excused by a baseline; GitHub gets ::error lines and the step summary.
    const step = join(dir, 'step.md');
    await writeFile(step, '');
    const crashed = await nested(join(dir, 'c'), { ISC_EXPECT: join(EXPECT_DIR, 'baseline.json'), GATE_CRASH: '1', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: step });
    const c = await loadResults(join(dir, 'c', 'results.json'));
    expect(c.expectations?.new.map((f) => f.rule)).toEqual([null]);
    expect(expectationsExit(c.expectations!).exit).toBe(1);
    expect(await readFile(join(dir, 'c', 'junit.xml'), 'utf8')).toContain('failures="0" errors="1" skipped="1"');
    expect(crashed.stdout).toMatch(/^::error file=gate\.spec\.ts,title=harness error::gate\.harness-crash: TypeError/m);
    expect(await readFile(step, 'utf8')).toContain('### ❌ New failures (1 group, 1 scenario)');
  });
});

test('diff of the reference against a mutant exits 1 (a scenario regressed)', async () => {
  test.setTimeout(400_000);
  await withTempDir(async (dir) => {
    const child = await execa(process.execPath, [BIN, 'diff', '--base', 'reference', '--head', 'reference:config-mode-0644', '--grep', 'default signup saves', '--out', dir], {
      cwd: ROOT, reject: false, env: cleanEnv({}), extendEnv: false, timeout: 380_000,
    });
    expect(child.exitCode, child.stderr).toBe(1);
    // The config's mode is a change that breaks a rule the head's documents state: a regression naming it.
    expect(child.stdout).toMatch(/\d+ changes?: [1-9]\d* regressions?, .*\(--fail-on regressed\)/);
    const md = await readFile(join(dir, 'regression.md'), 'utf8');
    expect(md).toContain('signup.default-saves-config');
    expect(md).toMatch(/0600[^\n]*0644/);
  });
});
