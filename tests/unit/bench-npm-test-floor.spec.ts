import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import path from 'node:path';
import { floorOf, reportFiles } from '../../benchmarks/npm-test-floor.js';
import { CLI_TIME_LOG_ENV, readCliTimeLog, recordCliTime } from '../../harness/runner/cli-time-log.js';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { createSandbox } from '../../harness/runner/sandbox.js';
import { resolveTarget } from '../../harness/target/resolve.js';

const transcript = (durationMs: number) => ({ name: 'transcript:inv-1 image-skill whoami', contentType: 'application/json', body: Buffer.from(JSON.stringify({ durationMs })).toString('base64') });
const report = (...durations: number[]) => ({ suites: [{ specs: [{ tests: [{ results: [{ attachments: durations.map(transcript) }] }] }] }] });

test('the floor sums the CLI process time of every report and divides by the cores', () => {
  expect(floorOf([report(100, 300), report(600), {}], 2)).toEqual({ reports: 3, invocations: 3, cliMs: 1000, floorMs: 500 });
  expect(floorOf([], 2)).toEqual({ reports: 0, invocations: 0, cliMs: 0, floorMs: 0 });
});

test('an npm test report folder: the scenario step, the real builds and each mutation round', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-floor-'));
  try {
    await mkdir(join(dir, 'real-builds'));
    await mkdir(join(dir, 'mutation'));
    for (const f of ['playwright.json', 'real-builds/playwright.json', 'mutation/round1.playwright.json', 'mutation/round2.playwright.json', 'mutation/round1.plan.json']) await writeFile(join(dir, f), '{}');
    expect(reportFiles(dir).map((f) => f.slice(dir.length + 1))).toEqual(['playwright.json', 'real-builds/playwright.json', 'mutation/round1.playwright.json', 'mutation/round2.playwright.json']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the CLI process time log: one line per record, summed; lines that are not a record are counted apart', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-floor-'));
  try {
    const log = join(dir, 'times.jsonl');
    recordCliTime(120, { [CLI_TIME_LOG_ENV]: log });
    recordCliTime(80.5, { [CLI_TIME_LOG_ENV]: log });
    recordCliTime(999, {}); // no log named: nothing written anywhere
    expect(readCliTimeLog(log)).toEqual({ invocations: 2, totalMs: 200.5, badLines: 0 });
    await writeFile(log, '{"durationMs":5}\nnot json\n{"durationMs":-1}\n{}\n\n', { flag: 'a' });
    expect(readCliTimeLog(log)).toEqual({ invocations: 3, totalMs: 205.5, badLines: 3 });
    recordCliTime(1, { [CLI_TIME_LOG_ENV]: join(dir, 'no-such-folder', 'times.jsonl') }); // ignored, never thrown
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('every CLI process the runner starts adds its duration to the log its process was given', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-floor-'));
  const sandbox = await createSandbox({ label: 'cli-time-log' });
  const before = process.env[CLI_TIME_LOG_ENV];
  try {
    const log = join(dir, 'times.jsonl');
    process.env[CLI_TIME_LOG_ENV] = log;
    const runner = createCliRunner({ target: await resolveTarget(path.resolve('tests/fixtures/clis/ok-json')), sandbox, fakeUrl: 'http://127.0.0.1:9' });
    const first = await runner.run(['whoami', '--json']);
    const second = await runner.run(['models', '--json']);
    const logged = readCliTimeLog(log);
    expect(logged.invocations).toBe(2);
    expect(logged.totalMs).toBeCloseTo(first.durationMs + second.durationMs, -1);
  } finally {
    if (before === undefined) delete process.env[CLI_TIME_LOG_ENV];
    else process.env[CLI_TIME_LOG_ENV] = before;
    await sandbox.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
