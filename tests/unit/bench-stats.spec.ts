import { test, expect } from '@playwright/test';
import { figuresLine, mean, median, parseFiguresLines, percentile, summarize, FIGURES_PREFIX } from '../../benchmarks/stats.js';

const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

test('percentile interpolates linearly between the closest ranks', () => {
  expect(percentile(oneToTen, 0)).toBe(1);
  expect(percentile(oneToTen, 100)).toBe(10);
  expect(percentile(oneToTen, 50)).toBeCloseTo(5.5, 10);
  // rank 0.9 * 9 = 8.1 → 9 + 0.1 * (10 - 9)
  expect(percentile(oneToTen, 90)).toBeCloseTo(9.1, 10);
  expect(percentile(oneToTen, 99)).toBeCloseTo(9.91, 10);
  expect(percentile([10, 20], 25)).toBeCloseTo(12.5, 10);
});

test('percentile ignores input order and leaves the input untouched', () => {
  const shuffled = [7, 1, 10, 3, 9, 2, 8, 5, 4, 6];
  const copy = [...shuffled];
  expect(percentile(shuffled, 90)).toBeCloseTo(percentile(oneToTen, 90), 10);
  expect(shuffled).toEqual(copy);
});

test('a single sample is every percentile', () => {
  for (const p of [0, 1, 50, 99, 100]) expect(percentile([42], p)).toBe(42);
});

test('median of odd and even counts; mean', () => {
  expect(median([5, 1, 3])).toBe(3);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(mean([1, 2, 3, 10])).toBe(4);
});

test('bad input is refused instead of giving a number', () => {
  expect(() => percentile([], 50)).toThrow(RangeError);
  expect(() => percentile([1], -1)).toThrow(/0\.\.100/);
  expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
  expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
  expect(() => mean([])).toThrow(RangeError);
});

test('summarize agrees with the single helpers', () => {
  const values = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) + 0.5);
  const s = summarize(values);
  expect(s.n).toBe(200);
  expect(s.min).toBe(0.5);
  expect(s.max).toBe(199.5);
  expect(s.p50).toBeCloseTo(100, 10);
  expect(s.p99).toBeCloseTo(percentile(values, 99), 10);
  expect(s.p90).toBeLessThan(s.p95);
  expect(s.p95).toBeLessThan(s.p99);
  expect(s.mean).toBeCloseTo(100, 10);
});

test('figures lines round-trip and malformed ones are skipped', () => {
  const record = { benchmark: 'demo', figures: [{ label: 'p50', value: 12.5, unit: 'ms', target: '< 30 ms', status: 'PASS' as const }] };
  const output = [
    'some text',
    figuresLine(record),
    `${FIGURES_PREFIX}{not json`,
    `${FIGURES_PREFIX}${JSON.stringify({ benchmark: 'bad', figures: [{ label: 'x', value: '1', unit: 'ms' }] })}`,
    `${FIGURES_PREFIX}${JSON.stringify({ benchmark: 'bad-status', figures: [{ label: 'x', value: 1, unit: 'ms', status: 'OK' }] })}`,
  ].join('\n');
  expect(parseFiguresLines(output)).toEqual([record]);
});
