import { test, expect } from '@playwright/test';
import { isFlaky, specStats } from '../../scripts/soak.js';

const result = (status: string, duration: number) => ({ results: [{ status, duration }] });

test('soak statistics keep tests of the same title in different describes apart and find the flaky one', () => {
  const report = {
    suites: [
      {
        title: 'a.spec.ts',
        specs: [{ title: 'top', file: 'a.spec.ts', tests: [result('passed', 10), result('passed', 20)] }],
        suites: [
          { title: 'checkout', specs: [{ title: 'replays once', file: 'a.spec.ts', tests: [result('passed', 5), result('failed', 7)] }] },
          { title: 'x402', specs: [{ title: 'replays once', file: 'a.spec.ts', tests: [result('passed', 5), result('skipped', 0)] }] },
        ],
      },
    ],
  };
  const stats = specStats(report);
  expect(stats.map((s) => s.title)).toEqual(['a.spec.ts › top', 'a.spec.ts › checkout › replays once', 'a.spec.ts › x402 › replays once']);
  expect(stats.map((s) => s.runs)).toEqual([2, 2, 1]);
  expect(stats.filter(isFlaky).map((s) => s.title)).toEqual(['a.spec.ts › checkout › replays once']);
});
