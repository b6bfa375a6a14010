import { test, expect } from '@playwright/test';
import { formatSummary, formatValue, type BenchOutcome } from '../../benchmarks/run-all.js';

function outcome(over: Partial<BenchOutcome> & { file: string }): BenchOutcome {
  return { status: 'ok', exitCode: 0, durationMs: 1000, figures: [], printed: '', problem: null, ...over };
}

test('values are formatted by unit', () => {
  expect(formatValue(12.345, 'ms')).toBe('12.3 ms');
  expect(formatValue(1234.4, 'req/s')).toBe('1234 req/s');
  expect(formatValue(2.5, 'count')).toBe('3');
  expect(formatValue(1.234, 's')).toBe('1.23 s');
});

test('summary: figure rows, a skipped script, a failed one, and verbatim output of a script without figures', () => {
  const text = formatSummary([
    outcome({
      file: 'harness-overhead.ts',
      figures: [{ benchmark: 'harness-overhead', figures: [{ label: 'overhead at median', value: 41.26, unit: 'ms', target: '< 30 ms', status: 'MISS' }] }],
    }),
    outcome({ file: 'chain.ts', status: 'missing', exitCode: null }),
    outcome({ file: 'x402-settlement.ts', printed: 'settlement p50: 812 ms' }),
    outcome({ file: 'fake-latency.ts', status: 'failed', exitCode: 3, problem: 'boom' }),
  ]);
  const rows = text.split('\n');
  expect(rows.find((r) => r.startsWith('harness-overhead'))).toMatch(/overhead at median\s+41\.3 ms\s+< 30 ms\s+MISS/);
  expect(rows.find((r) => r.startsWith('chain'))).toContain('not in this checkout');
  expect(rows.find((r) => r.startsWith('fake-latency'))).toContain('FAILED (exit 3): boom');
  expect(text).toContain('--- x402-settlement printed:\nsettlement p50: 812 ms');
  expect(text).toContain('(all benchmarks: 4.0 s)');
});
