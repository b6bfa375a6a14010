import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorKey, groupFailures } from '../../harness/report/failure-groups.js';
import { renderSummaryMarkdown } from '../../harness/report/markdown.js';
import { renderConsoleSummary } from '../../harness/report/console-summary.js';
import { renderJunit } from '../../harness/report/junit.js';
import { githubAnnotations, publishToGithub } from '../../harness/report/github.js';
import { classify, loadExpectations } from '../../harness/report/expectations.js';
import { loadResults, type RunResults, type ScenarioResult } from '../../harness/report/results.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const DIR = fileURLToPath(new URL('../fixtures/report/expectations', import.meta.url));

/** `n` failed scenarios that all break one rule, plus `h` harness errors with one cause. */
function manyFailures(base: RunResults, n: number, h = 0): RunResults {
  const template = base.scenarios[0];
  const scenarios: ScenarioResult[] = [];
  for (let i = 0; i < n; i++) scenarios.push({ ...structuredClone(template), id: `s${String(i).padStart(4, '0')}.config-mode`, title: `scenario ${i}` });
  for (let i = 0; i < h; i++) {
    scenarios.push({ ...structuredClone(template), id: `h${i}.crash`, checks: [], errors: [`Error: expect(received).toBe(expected)\n\nExpected: "0600"\nReceived: "0644"\n\n  21 | code\n    at /work/x.ts:1:1 inv-${i}-1`] });
  }
  return { ...base, scenarios, summary: { passed: 0, failed: scenarios.length, not_run: 0, skipped: 0, total: scenarios.length } };
}

test('failures are grouped by rule and sorted by how many scenarios each hits', async () => {
  const r = manyFailures(await loadResults(join(DIR, 'mutant-run.json')), 7, 2);
  const other = structuredClone(r.scenarios[0]);
  other.id = 'z.other';
  other.checks = [{ outcome: 'failed', rule: { id: 'signup.show-token-only', document: 'cli.md', section: 'signup', quote: 'only once' }, message: 'printed the token twice', command: null, invocation_id: null }];
  r.scenarios.push(other);
  r.summary = { ...r.summary, failed: r.summary.failed + 1, total: r.summary.total + 1 };
  const groups = groupFailures(r);
  expect(groups.map((g) => [g.kind, g.key, g.scenarios.length])).toEqual([
    ['rule', 'config.mode-0600', 7],
    ['harness-error', 'Error: expect(received).toBe(expected) / Expected: "0600" / Received: "0644"', 2],
    ['rule', 'signup.show-token-only', 1],
  ]);
  expect(groups[0].example).toMatchObject({ scenario: 's0000.config-mode', command: 'image-skill signup --agent --json', did: 'saved config.json with mode 0644', transcript: 'transcripts/signup-modes.default-save/inv-1.json' });

  const md = renderSummaryMarkdown(r);
  expect(md).toContain('### ❌ Failures by rule (3 groups, 10 scenarios)');
  expect(md.match(/#### /g)).toHaveLength(3);
  expect(md).toContain('#### `config.mode-0600` — 7 scenarios');
  expect(md).toContain('> “mode 0600” (cli.md, § image-skill signup --agent)');
  expect(md.indexOf('config.mode-0600')).toBeLessThan(md.indexOf('signup.show-token-only'));
  const consoleView = renderConsoleSummary(r);
  expect(consoleView).toContain('✘ config.mode-0600 — 7 scenarios');
  expect(consoleView.match(/config\.mode-0600 — /g)).toHaveLength(1);
});

test('harness error keys ignore run-specific values but keep the cause', () => {
  expect(errorKey('Error: job job_abc123def failed for inv-77-1\n  at x')).toBe(errorKey('Error: job job_zzz999yyy failed for inv-8-3\n  at y'));
  expect(errorKey('Error: exit 3')).not.toBe(errorKey('Error: exit 4'));
});

test('summary.md stays under its cap however many scenarios fail', async () => {
  const base = await loadResults(join(DIR, 'mutant-run.json'));
  const r = manyFailures(base, 0);
  for (let i = 0; i < 3000; i++) {
    const s = structuredClone(base.scenarios[0]);
    s.id = `s${i}`;
    s.checks = [{ outcome: 'failed', rule: { id: `rule.${i}`, document: 'cli.md', section: 'x', quote: 'q'.repeat(80) }, message: 'did something else '.repeat(10), command: 'image-skill x --json', invocation_id: 'inv-1' }];
    r.scenarios.push(s);
  }
  r.summary = { passed: 0, failed: 3000, not_run: 0, skipped: 0, total: 3000 };
  const md = renderSummaryMarkdown(r);
  expect(md.length).toBeLessThanOrEqual(60_000);
  expect(md).toMatch(/… \d+ more in the HTML report/);
  const shown = (md.match(/^#### /gm) ?? []).length;
  expect(md).toContain(`… ${3000 - shown} more in the HTML report`);
});

test('with a baseline: new, expected (still failing) and fixed sections; JUnit and GitHub follow it', async () => {
  const r = await loadResults(join(DIR, 'mutant-run.json'));
  const extra = structuredClone(r.scenarios[0]);
  extra.id = 'x.new';
  extra.checks = [{ outcome: 'failed', rule: { id: 'signup.show-token-only', document: 'cli.md', section: 'signup', quote: 'only once' }, message: 'printed it twice', command: null, invocation_id: null }];
  const crash = structuredClone(r.scenarios[0]);
  crash.id = 'x.crash';
  crash.checks = [];
  crash.errors = ['TypeError: cannot read properties of undefined'];
  r.scenarios.push(extra, crash);
  r.summary = { ...r.summary, failed: 4, total: 5 };
  r.expectations = classify(r, await loadExpectations(join(DIR, 'stale-baseline.json')), { file: 'known-defects.json' });

  const md = renderSummaryMarkdown(r);
  expect(md.split('\n')[0]).toBe('## ❌ FAIL: image-skill@0.1.25 conformance (2 scenario(s) failing as expected by `known-defects.json`)');
  expect(md).toContain('### ❌ New failures (2 groups, 2 scenarios)');
  expect(md).toContain('### 🟡 Expected (still failing) (1 group, 2 scenarios)');
  expect(md).toContain('- Expected: the mutant saves the config world-readable');
  expect(md).toContain('### ✅ Fixed: remove from the baseline (1)');
  expect(md).toContain('- `whoami.token-header` in `first-contact.whoami`: fixed upstream since');
  expect(md).toContain('- Contract: 0.1.25 (named by the package documents)');

  const xml = renderJunit(r);
  expect(xml).toContain('<testsuites name="image-skill-conformance" tests="5" failures="1" errors="1" skipped="2"');
  expect(xml).toContain('<failure type="signup.show-token-only" message="signup.show-token-only: &quot;only once&quot;">');
  expect(xml).toContain('<error type="harness-error" message="harness error: TypeError: cannot read properties of undefined">');
  expect(xml).toContain('<skipped message="expected failure (baseline): config.mode-0600: the mutant saves the config world-readable"/>');

  const annotations = githubAnnotations(r);
  expect(annotations).toEqual([
    '::error file=scenarios/signup-modes.spec.ts,title=rule signup.show-token-only::x.new: printed it twice',
    '::error file=scenarios/signup-modes.spec.ts,title=harness error::x.crash: TypeError: cannot read properties of undefined',
    '::warning title=baseline known-defects.json::whoami.token-header in first-contact.whoami no longer fails: remove it from the baseline',
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'isc-gh-'));
  try {
    const printed: string[] = [];
    const summaryFile = join(dir, 'step-summary.md');
    await publishToGithub(r, md, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile }, (l) => printed.push(l));
    expect(printed).toEqual(annotations);
    expect(await readFile(summaryFile, 'utf8')).toBe(`${md}\n`);
    const none: string[] = [];
    await publishToGithub(r, md, {}, (l) => none.push(l));
    expect(none).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an empty run says so instead of FAIL', async () => {
  const r = await loadResults(join(DIR, 'mutant-run.json'));
  const empty: RunResults = { ...r, scenarios: [], summary: { passed: 0, failed: 0, not_run: 0, skipped: 0, total: 0 } };
  const md = renderSummaryMarkdown(empty);
  expect(md.split('\n')[0]).toBe('## ⚪ NO SCENARIOS: image-skill@0.1.25 conformance');
  expect(md).toContain('nothing was checked');
});
