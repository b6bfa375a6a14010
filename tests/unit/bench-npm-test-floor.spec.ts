import { test, expect } from '@playwright/test';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floorOf, reportFiles } from '../../benchmarks/npm-test-floor.js';

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
