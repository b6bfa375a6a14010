import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ResultsError, loadResults, parseResults, summarise, verdict, writeResults, type RunResults } from '../../harness/report/results.js';
import { isRunId, newRunId } from '../../harness/report/run-id.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/report', import.meta.url));
const BASE = join(FIXTURES, 'runs/base/results.json');

function clone(): Record<string, unknown> & RunResults {
  return JSON.parse(readFileSync(BASE, 'utf8'));
}

async function problemsOf(load: () => Promise<unknown> | unknown): Promise<ResultsError> {
  try {
    await load();
  } catch (err) {
    expect(err).toBeInstanceOf(ResultsError);
    return err as ResultsError;
  }
  throw new Error('expected a ResultsError');
}

test('a valid results file loads typed', async () => {
  const r = await loadResults(BASE);
  expect(r.schema).toBe('image-skill-conformance.results.v1');
  expect(r.scenarios.map((s) => s.id)).toContain('signup.saves-config');
  expect(r.summary).toEqual(summarise(r.scenarios));
});

test('unknown status names the file and the pointer', async () => {
  const file = join(FIXTURES, 'invalid/bad-status.json');
  const err = await problemsOf(() => loadResults(file));
  expect(err.file).toBe(file);
  expect(err.message).toContain(file);
  expect(err.problems.join('\n')).toMatch(/\/scenarios\/1\/status must be equal to one of the allowed values \(passed, failed, not-run, skipped\)/);
});

test('summary counts must agree with the scenarios', async () => {
  const err = await problemsOf(() => loadResults(join(FIXTURES, 'invalid/summary-mismatch.json')));
  expect(err.problems).toContain('/summary/passed is 2 but the scenarios give 4');
});

test('a not-run scenario needs its reason', async () => {
  const err = await problemsOf(() => loadResults(join(FIXTURES, 'invalid/not-run-without-reason.json')));
  expect(err.problems.join('\n')).toContain('/scenarios/0 is not-run but has no not_run_reason');
});

test('truncated JSON and missing files are reported with the file name', async () => {
  const truncated = join(FIXTURES, 'invalid/truncated.json');
  const bad = await problemsOf(() => loadResults(truncated));
  expect(bad.message).toContain(truncated);
  expect(bad.problems[0]).toMatch(/^not valid JSON/);
  const missing = await problemsOf(() => loadResults(join(FIXTURES, 'invalid/nope.json')));
  expect(missing.problems[0]).toContain('ENOENT');
});

test('missing fields, wrong types and a foreign schema id are named', async () => {
  const noCli = clone();
  delete (noCli as Partial<RunResults>).cli;
  const e1 = await problemsOf(() => parseResults(noCli, 'x.json'));
  expect(e1.problems).toContain('/ is missing required property "cli"');

  const badInvocation = clone();
  (badInvocation.scenarios[0].invocations[0] as unknown as Record<string, unknown>).exit_code = '0';
  const e2 = await problemsOf(() => parseResults(badInvocation, 'y.json'));
  expect(e2.problems.join('\n')).toContain('/scenarios/0/invocations/0/exit_code must be integer,null');

  const other = { ...clone(), schema: 'something.else.v9' };
  const e3 = await problemsOf(() => parseResults(other, 'z.json'));
  expect(e3.message).toContain('z.json');
  expect(e3.problems[0]).toContain('expected "image-skill-conformance.results.v1"');

  const e4 = await problemsOf(() => parseResults('not an object', 'w.json'));
  expect(e4.problems[0]).toContain('must be object');
});

test('duplicate scenario ids are rejected', async () => {
  const r = clone();
  r.scenarios[1].id = r.scenarios[0].id;
  const err = await problemsOf(() => parseResults(r, 'dup.json'));
  expect(err.problems.join('\n')).toContain('is used by more than one scenario');
});

test('verdict: failures fail, not-run never counts as passed', async () => {
  const r = clone();
  expect(verdict(r)).toBe('PASS');
  const notRunOnly = clone();
  for (const s of notRunOnly.scenarios) {
    s.status = 'not-run';
    s.not_run_reason = 'no chain';
  }
  notRunOnly.summary = summarise(notRunOnly.scenarios);
  expect(notRunOnly.summary.passed).toBe(0);
  expect(verdict(notRunOnly)).toBe('FAIL');
  const oneNotRun = clone();
  oneNotRun.scenarios[0].status = 'not-run';
  oneNotRun.scenarios[0].not_run_reason = 'no chain';
  oneNotRun.summary = summarise(oneNotRun.scenarios);
  expect(verdict(oneNotRun)).toBe('PASS');
  expect(verdict(oneNotRun, { notRunFails: true })).toBe('FAIL');
});

test('writeResults round-trips and refuses invalid results', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-report-results-'));
  try {
    const file = await writeResults(dir, clone());
    expect((await loadResults(file)).run_id).toBe(clone().run_id);
    const broken = clone();
    broken.summary.total = 99;
    await expect(writeResults(join(dir, 'b'), broken)).rejects.toThrow(/summary\/total is 99/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('run ids are UTC time plus a hex suffix', () => {
  const id = newRunId(new Date('2026-11-21T05:05:00Z'), 'abcd');
  expect(id).toBe('20261121-050500-abcd');
  expect(isRunId(id)).toBe(true);
  const random = newRunId(new Date('2026-01-02T03:04:05Z'));
  expect(random).toMatch(/^20260102-030405-[0-9a-f]{4}$/);
  expect(isRunId('2026-11-21')).toBe(false);
  expect(() => newRunId(new Date('nope'))).toThrow(/invalid date/);
});
