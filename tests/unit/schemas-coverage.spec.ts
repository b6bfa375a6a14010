import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCoverage, mergeCoverage } from '../../harness/checks/schema-coverage.js';
import { loadSchemaSet } from '../../harness/checks/schema-registry.js';

test('coverage counts documented shapes seen, in any of the accepted spellings', () => {
  const cov = createCoverage('0.1.25');
  const total = Object.keys(loadSchemaSet('0.1.25').schemas).length;
  expect(cov.report()).toMatchObject({ version: '0.1.25', total, covered: 0, percent: 0 });
  cov.record('credits-buy', 'x402');
  cov.record('0.1.25/credits-buy.x402');
  cov.record('trust');
  cov.record('0.1.25/envelope.error');
  cov.record('not-a-shape');
  const r = cov.report();
  expect(r.exercised).toEqual({ 'credits-buy.x402': 2, trust: 1, 'envelope.error': 1, 'envelope.success': 3 });
  expect(r.covered).toBe(4);
  expect(r.missing).toHaveLength(total - 4);
  expect(r.missing).toContain('create-guide');
  expect(r.missing).not.toContain('trust');
  expect(r.percent).toBeCloseTo((400 / total), 0);
});

test('mergeCoverage unions per-worker files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'isc-coverage-'));
  try {
    const a = createCoverage('0.1.25', ['whoami', 'doctor', 'trust']);
    a.record('whoami');
    const b = createCoverage('0.1.25', ['whoami', 'doctor', 'trust']);
    b.record('whoami');
    b.record('doctor');
    writeFileSync(join(dir, 'w0.json'), JSON.stringify(a.report()));
    writeFileSync(join(dir, 'w1.json'), JSON.stringify(b.report()));
    expect(mergeCoverage([join(dir, 'w0.json'), join(dir, 'w1.json')])).toEqual({
      version: '0.1.25',
      total: 3,
      covered: 2,
      percent: 66.7,
      missing: ['trust'],
      exercised: { doctor: 1, whoami: 2 },
    });
    writeFileSync(join(dir, 'w2.json'), JSON.stringify({ ...a.report(), version: '0.1.23' }));
    expect(() => mergeCoverage([join(dir, 'w0.json'), join(dir, 'w2.json')])).toThrow(/disagree/);
    writeFileSync(join(dir, 'bad.json'), '{"hello":1}');
    expect(() => mergeCoverage([join(dir, 'bad.json')])).toThrow(/bad\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
