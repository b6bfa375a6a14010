/** `run` with several --cli: one Playwright run, one report folder and one verdict per build. */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadResults } from '../../harness/report/results.js';
import { parseBuildsPlan, workersPerBuild } from '../../harness/cli/builds-plan.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');
const conformance = (args: string[]) => execa(process.execPath, [bin, ...args], { cwd: root, reject: false, all: true, timeout: 170_000 });

test.describe.configure({ timeout: 180_000 });

test('two builds in one run: each its own results.json and verdict; a broken rule fails only its build', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-several-'));
  try {
    const report = join(dir, 'report');
    const run = await conformance(['run', '--cli', 'reference', '--cli', 'reference:config-mode-0644', '--grep', 'default signup saves', '--report-dir', report]);
    expect(run.exitCode, run.all).toBe(1);
    expect(run.all).toMatch(/image-skill-[\d.]+: 1 passed, 0 new failures, 0 expected failures, 0 not run, of 1 scenarios/);
    expect(run.all).toMatch(/image-skill-[\d.]+-2: 0 passed, 1 new failure, 0 expected failures, 0 not run/);
    const good = await loadResults(join(report, run.all?.match(/(image-skill-[\d.]+): 1 passed/)?.[1] ?? 'missing', 'results.json'));
    const bad = await loadResults(join(report, run.all?.match(/(image-skill-[\d.]+-2): 0 passed/)?.[1] ?? 'missing', 'results.json'));
    expect(good.cli.spec).toBe('reference');
    expect(bad.cli.spec).toBe('reference:config-mode-0644');
    expect(bad.scenarios[0].checks?.some((c) => c.outcome === 'failed' && c.rule?.id === 'signup.default-saves-config')).toBe(true);

    // The broken build's baseline lists that failure: the run passes.
    const baseline = join(dir, 'baseline.json');
    await writeFile(baseline, JSON.stringify({ schema: 'image-skill-conformance.expectations.v1', cli: 'mutant', expected: [{ scenario: bad.scenarios[0].id, rule: 'signup.default-saves-config', reason: 'the mutant saves with mode 0644' }] }));
    const empty = join(dir, 'empty.json');
    await writeFile(empty, JSON.stringify({ schema: 'image-skill-conformance.expectations.v1', cli: 'reference', expected: [] }));
    const judged = await conformance(['run', '--cli', 'reference', '--cli', 'reference:config-mode-0644', '--expect', empty, '--expect', baseline, '--grep', 'default signup saves', '--report-dir', join(dir, 'judged')]);
    expect(judged.exitCode, judged.all).toBe(0);
    expect(judged.all).toContain(`1 scenario(s) failing as expected by ${baseline}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('several --cli: one --expect per --cli or none, and no --shard', async () => {
  const mismatch = await conformance(['run', '--cli', 'reference', '--cli', 'reference', '--expect', 'docs/real-builds/known-defects-0.1.25.json']);
  expect(mismatch.exitCode).toBe(2);
  expect(mismatch.all).toContain('--expect: give one baseline per --cli, in the same order (2 --cli, 1 --expect)');
  const shard = await conformance(['run', '--cli', 'reference', '--cli', 'reference', '--shard', '1/2']);
  expect(shard.exitCode).toBe(2);
  expect(shard.all).toContain("--shard splits one build's run; give a single --cli with it");
});

test('a builds plan names its problems', () => {
  expect(() => parseBuildsPlan({ builds: [] }, 'plan.json')).toThrow('plan.json: expected {"builds": [ … ]} with at least one build');
  const build = { project: 'a', cliSpec: 'reference', targetFile: '/t', reportDir: '/r', contractSource: 'x', expect: null };
  expect(() => parseBuildsPlan({ builds: [build, build] }, 'plan.json')).toThrow('two builds are both named a');
  expect(() => parseBuildsPlan({ builds: [{ ...build, expect: { file: 'f' } }] }, 'plan.json')).toThrow('expect must be null or {file, strict, partial}');
  expect(parseBuildsPlan({ builds: [build] }, 'plan.json').builds[0].project).toBe('a');
  expect(parseBuildsPlan({ builds: [build] }, 'plan.json').workersPerBuild).toBeNull();
  expect(parseBuildsPlan({ builds: [build], workersPerBuild: 2 }, 'plan.json').workersPerBuild).toBe(2);
  for (const bad of [0, 1.5, '2']) expect(() => parseBuildsPlan({ builds: [build], workersPerBuild: bad }, 'plan.json')).toThrow('plan.json: workersPerBuild must be null or a positive integer');
});

test('the workers are shared out between the builds, rounded up: each worker can stay with one build', () => {
  expect(workersPerBuild(3, 3)).toBe(1);
  expect(workersPerBuild(3, 2)).toBe(2);
  expect(workersPerBuild(4, 1)).toBe(4);
  expect(workersPerBuild(2, 5)).toBe(1);
});
