/** Harness gaps and observations are listed (grouped by rule) in summary.md and the console, and never fail the run. */
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSummaryMarkdown } from '../../harness/report/markdown.js';
import { renderConsoleSummary } from '../../harness/report/console-summary.js';
import { loadResults, verdict } from '../../harness/report/results.js';
import type { CheckRecord } from '../../harness/report/checks.js';
import { renderJunit, xmlEscape } from '../../harness/report/junit.js';
import { tallyLine, tallyOf } from '../../harness/report/tally.js';

const RUNS = fileURLToPath(new URL('../fixtures/report/runs', import.meta.url));
const rule = { id: 'shape.credits-packs-list', document: 'cli.md', section: 'image-skill credits packs list', quote: 'Minimum success data:' };

test('gaps and observations are grouped by rule in summary.md and the console; a passing run stays a pass', async () => {
  const run = await loadResults(join(RUNS, 'base/results.json'));
  const gap: CheckRecord = { outcome: 'harness-gap', rule, message: 'at /data/packs/0/display_name: missing; harness gap: the fake\'s answer lacked it', command: 'image-skill credits packs list --json', invocation_id: null };
  const seen: CheckRecord = { outcome: 'observed', rule: null, message: 'unknown route requested: GET /v1/nothing', command: null, invocation_id: null };
  run.scenarios[0].checks = [gap, gap, seen];
  run.scenarios[1].checks = [seen];
  expect(verdict(run)).toBe('PASS');
  const md = renderSummaryMarkdown(run);
  expect(md).toContain('### △ Harness gaps: the fake or the harness fell short, never the CLI\'s failure (2 in 1 scenario)');
  expect(md).toContain('- `shape.credits-packs-list` (cli.md › image-skill credits packs list): 2 checks in');
  expect(md).toContain('### ○ Observations: shown, never failing (2 in 2 scenarios)');
  expect(md).toContain('- no sentence states it: 2 checks in');
  const text = renderConsoleSummary(run);
  expect(text).toContain('Harness gaps (the fake or the harness fell short; not the CLI\'s failure): 2 in 1 scenario(s)');
  expect(text).toContain('Observations (never failing): 2 in 2 scenario(s)');
});

test('one tally: the console, summary.md and JUnit give the same counts, in scenarios', async () => {
  const run = await loadResults(join(RUNS, 'head/results.json'));
  const seen: CheckRecord = { outcome: 'observed', rule: null, message: 'unknown route requested: GET /v1/nothing', command: null, invocation_id: null };
  run.scenarios[0].checks = [...(run.scenarios[0].checks ?? []), seen];
  const t = tallyOf(run);
  expect(t.passed + t.new_failures + t.expected_failures + t.not_run + t.skipped).toBe(t.total);
  const line = tallyLine(t);
  expect(line).toMatch(/^\d+ passed, \d+ new failures?, \d+ expected failures?, \d+ not run, of \d+ scenarios; harness gaps in \d+ \(\d+ checks\), observations in 1 \(1 checks\)$/);
  expect(renderSummaryMarkdown(run)).toContain(`Scenarios: ${line}`);
  const junit = renderJunit(run);
  expect(junit).toContain(`<property name="tally" value="${xmlEscape(line)}"/>`);
  expect(junit).toContain('observation: unknown route requested: GET /v1/nothing');
  // The console line comes from the same function (playwright-reporter.ts and run-command.ts print tallyLine).
  const failures = (junit.match(/<testsuites [^>]*failures="(\d+)" errors="(\d+)"/) ?? []).slice(1).map(Number);
  expect(failures[0] + failures[1]).toBe(t.new_failures);
});
