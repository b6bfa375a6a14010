/** benchmarks/suite-ratios.ts: CLI process time read from a Playwright JSON report, and the ratio figures. */
import { test, expect } from '@playwright/test';
import { cliTimeFromReport, judged, overFloor } from '../../benchmarks/suite-ratios.js';

const transcript = (durationMs: number) => ({ name: `transcript:inv-${durationMs}`, contentType: 'application/json', body: Buffer.from(JSON.stringify({ durationMs })).toString('base64') });

test('CLI time is the sum of every transcript attachment, nested suites included; other attachments are ignored', () => {
  const report = {
    config: { workers: 2 },
    stats: { duration: 30_000 },
    suites: [
      {
        specs: [{ tests: [{ results: [{ attachments: [transcript(400), { name: 'run-meta', body: Buffer.from('{}').toString('base64') }] }] }] }],
        suites: [{ specs: [{ tests: [{ results: [{ attachments: [transcript(600), transcript(1000)] }] }] }] }],
      },
    ],
  };
  expect(cliTimeFromReport(report)).toEqual({ invocations: 3, totalMs: 2000, workers: 2, wallMs: 30_000 });
  expect(cliTimeFromReport({})).toEqual({ invocations: 0, totalMs: 0, workers: 1, wallMs: 0 });
});

test('wall ÷ floor, and targets judged in the right direction', () => {
  expect(overFloor(60_000, { totalMs: 100_000, workers: 2 }, 2)).toBeCloseTo(1.2);
  // Three workers on two cores: the CLI still gets two cores at most.
  expect(overFloor(60_000, { totalMs: 100_000, workers: 3 }, 2)).toBeCloseTo(1.2);
  expect(overFloor(40_000, { totalMs: 100_000, workers: 3 }, 4)).toBeCloseTo(1.2);
  expect(overFloor(1000, { totalMs: 0, workers: 2 })).toBe(Number.POSITIVE_INFINITY);
  expect(judged('ratio', 1.6, 'x', 1.5, true)).toMatchObject({ target: '≤ 1.5×', status: 'MISS' });
  expect(judged('p99', 80, 'ms', 100, true)).toMatchObject({ target: '≤ 100 ms', status: 'PASS' });
  expect(judged('throughput', 2000, 'req/s', 3000, false)).toMatchObject({ target: '≥ 3000 req/s', status: 'MISS' });
});
