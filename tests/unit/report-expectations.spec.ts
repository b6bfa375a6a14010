import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  classify,
  expectationsExit,
  ExpectationsError,
  loadExpectations,
  parseExpectations,
  PLACEHOLDER_REASON,
  updatedExpectations,
} from '../../harness/report/expectations.js';
import { loadResults, parseResults, verdict, type RunResults } from '../../harness/report/results.js';
import { settleExpectations } from '../../harness/cli/expect-flags.js';

const DIR = fileURLToPath(new URL('../fixtures/report/expectations', import.meta.url));
const run = () => loadResults(join(DIR, 'mutant-run.json'));

test('a malformed baseline is refused with the field named', async () => {
  const err = await loadExpectations(join(DIR, 'malformed.json')).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ExpectationsError);
  const message = (err as Error).message;
  expect(message).toContain('malformed.json');
  expect(message).toContain('/expected/0 has unknown property "senario"');
  expect(message).toContain('/expected/1 is missing required property "rule"');
  expect(() => parseExpectations({ schema: 'image-skill-conformance.expectations.v1', expected: [{ rule: 'a', reason: 'x' }, { rule: 'a', reason: 'y' }] }, 'dup.json')).toThrow(
    '/expected/1 repeats /expected/0 (rule "a")',
  );
  await expect(loadExpectations(join(DIR, 'missing.json'))).rejects.toThrow(/cannot read it \(ENOENT\)/);
});

test('a mutant run whose rule is in the baseline passes; without it, it fails', async () => {
  const results = await run();
  const baseline = await loadExpectations(join(DIR, 'baseline.json'));
  const judged = classify(results, baseline, { file: 'baseline.json' });
  expect(judged.new).toEqual([]);
  expect(judged.expected.map((e) => [e.scenario, e.rule])).toEqual([
    ['signup-modes.default-save', 'config.mode-0600'],
    ['guide-loop.prompt', 'config.mode-0600'],
  ]);
  expect(expectationsExit(judged)).toEqual({ exit: 0, reasons: [] });
  expect(verdict({ ...results, expectations: judged })).toBe('PASS');

  const empty = classify(results, { schema: 'image-skill-conformance.expectations.v1', expected: [] }, { file: 'empty.json' });
  expect(empty.new.map((f) => f.rule)).toEqual(['config.mode-0600', 'config.mode-0600']);
  expect(expectationsExit(empty).exit).toBe(1);
  expect(expectationsExit(empty).reasons[0]).toBe('2 new failure(s) not in empty.json');
  expect(verdict(results)).toBe('FAIL');
});

test('a stale entry is reported as fixed, and fails the run only when strict', async () => {
  const results = await run();
  const baseline = await loadExpectations(join(DIR, 'stale-baseline.json'));
  const lax = classify(results, baseline, { file: 'stale-baseline.json' });
  expect(lax.fixed).toEqual([{ rule: 'whoami.token-header', scenario: 'first-contact.whoami', reason: 'fixed upstream since' }]);
  expect(expectationsExit(lax).exit).toBe(0);
  const strict = classify(results, baseline, { file: 'stale-baseline.json', strict: true });
  expect(expectationsExit(strict)).toEqual({ exit: 1, reasons: ['1 baseline entry no longer fails (--strict-expectations): remove from the baseline'] });
  // A partial run (--grep/--shard) does not call a rule-wide entry stale when nothing exercised it.
  const onlyWhoami: RunResults = parseResults({ ...results, scenarios: results.scenarios.slice(2), summary: { passed: 1, failed: 0, not_run: 0, skipped: 0, total: 1 } });
  const partial = classify(onlyWhoami, baseline, { file: 'b', partial: true });
  expect(partial.unexercised.map((e) => e.rule)).toEqual(['config.mode-0600']);
  expect(partial.fixed.map((e) => e.rule)).toEqual(['whoami.token-header']);
});

test('a failure without a rule is a harness error no baseline can expect', async () => {
  const results = structuredClone(await run());
  results.scenarios[1].checks = [];
  results.scenarios[1].errors = ['Test timeout of 120000ms exceeded.'];
  const judged = classify(results, await loadExpectations(join(DIR, 'baseline.json')), { file: 'baseline.json' });
  expect(judged.new).toEqual([{ scenario: 'guide-loop.prompt', rule: null, message: 'Test timeout of 120000ms exceeded.' }]);
  expect(expectationsExit(judged).reasons).toEqual(['1 harness error(s) (a baseline cannot expect those)']);
});

test('--update-expectations writes the run as a baseline, keeping reasons and links', async () => {
  const results = await run();
  const fresh = updatedExpectations(results, null, { cli: 'image-skill@0.1.25' });
  expect(fresh.expected).toEqual([
    { rule: 'config.mode-0600', scenario: 'guide-loop.prompt', reason: PLACEHOLDER_REASON },
    { rule: 'config.mode-0600', scenario: 'signup-modes.default-save', reason: PLACEHOLDER_REASON },
  ]);
  const kept = updatedExpectations(results, await loadExpectations(join(DIR, 'stale-baseline.json')));
  // The still-failing rule-wide entry keeps its reason; the stale one is dropped.
  expect(kept.expected).toEqual([{ rule: 'config.mode-0600', reason: 'the mutant saves the config world-readable' }]);

  const dir = await mkdtemp(join(tmpdir(), 'isc-expect-'));
  try {
    const file = join(dir, 'known-defects.json');
    const log: string[] = [];
    const original = console.log;
    console.log = (line: string) => log.push(line);
    let exit: number | null;
    try {
      exit = await settleExpectations({ file, strict: false, update: true, partial: false }, results);
    } finally {
      console.log = original;
    }
    expect(exit).toBe(0);
    expect(log[0]).toBe(`wrote ${file}: 2 entries (was 0)`);
    const written = await loadExpectations(file);
    expect(written.cli).toBe('image-skill@0.1.25');
    expect(written.expected).toHaveLength(2);
    await writeFile(file, (await readFile(file, 'utf8')).replace(PLACEHOLDER_REASON, 'triaged'));
    expect((await loadExpectations(file)).expected.map((e) => e.reason)).toContain('triaged');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
