import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSummaryMarkdown, failingInvocation } from '../../harness/report/markdown.js';
import { loadResults, summarise, type RunResults } from '../../harness/report/results.js';

const RUNS = fileURLToPath(new URL('../fixtures/report/runs', import.meta.url));

function section(md: string, heading: RegExp): string {
  const start = md.search(heading);
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = md.slice(start + 1);
  const next = rest.search(/^### /m);
  return next < 0 ? rest : rest.slice(0, next);
}

test('failing run: verdict, counts, failure with invocation, not-run loudly', async () => {
  const head = await loadResults(join(RUNS, 'head/results.json'));
  const md = renderSummaryMarkdown(head);
  expect(md.split('\n')[0]).toBe('## ❌ FAIL: image-skill@0.1.25 conformance');
  expect(md).toContain('| passed | new failures | expected failures | fixed | not run | skipped | total |\n| --- | --- | --- | --- | --- | --- | --- |\n| 2 | 1 | 0 | 0 | 1 | 0 | 4 |');
  const failed = section(md, /^### ❌ Failures by rule \(1 group, 1 scenario\)/m);
  expect(failed).toContain('#### ⚠️ harness error — 1 scenario');
  expect(failed).toContain('**credits.quote-conflict**');
  expect(failed).toContain('`credits quote --credits 500 --idempotency-key KEY --json`');
  expect(failed).toContain('Expected: 1');
  const notRun = section(md, /^### ⚠️ NOT RUN \(1\)/m);
  expect(notRun).toContain('**payments.x402-deposit**');
  expect(notRun).toContain('no local chain: anvil binary not found');
  expect(md).toContain('**Warning:** 1 scenario(s) did not run');
  expect(md).toContain('Stripe backend: embedded; chain: none');
  expect(md).not.toContain('Schema coverage');
});

test('passing run says PASS and has no failure section', async () => {
  const base = await loadResults(join(RUNS, 'base/results.json'));
  const md = renderSummaryMarkdown(base);
  expect(md.startsWith('## ✅ PASS: image-skill@0.1.24 conformance\n')).toBe(true);
  expect(md).not.toContain('Failures by rule');
  expect(md).not.toContain('NOT RUN');
});

test('a run where everything was not run is a FAIL, never a pass', async () => {
  const base = await loadResults(join(RUNS, 'base/results.json'));
  const r: RunResults = structuredClone(base);
  for (const s of r.scenarios) Object.assign(s, { status: 'not-run', not_run_reason: 'stripe-mock unavailable' });
  r.summary = summarise(r.scenarios);
  const md = renderSummaryMarkdown(r);
  expect(md).toContain('## ❌ FAIL');
  expect(md).toContain('| 0 | 0 | 4 | 0 | 4 |');
  expect(section(md, /^### ⚠️ NOT RUN \(4\)/m).match(/stripe-mock unavailable/g)).toHaveLength(4);
});

test('coverage and mutation score appear when present; output is deterministic', async () => {
  const base = await loadResults(join(RUNS, 'base/results.json'));
  const r: RunResults = structuredClone(base);
  r.schema_coverage = { version: '0.1.25', total: 40, covered: 30, missing: ['whoami', 'doctor'] };
  r.mutation = { killed: 9, survived: 1, total: 10, score: 0.9, survivors: ['skip-mode-0600'] };
  const md = renderSummaryMarkdown(r);
  expect(md).toContain('### Schema coverage (contract 0.1.25): 30/40 (75.0%)');
  expect(md).toContain('Not exercised: `doctor`, `whoami`');
  expect(md).toContain('### Mutation score: 90.0% (9 killed, 1 survived of 10)');
  expect(md).toContain('Survivors: `skip-mode-0600`');
  const shuffled: RunResults = { ...structuredClone(r), scenarios: [...r.scenarios].reverse() };
  expect(renderSummaryMarkdown(shuffled)).toBe(md);
});

test('untrusted text cannot break the layout', async () => {
  const head = await loadResults(join(RUNS, 'head/results.json'));
  const r: RunResults = structuredClone(head);
  const failing = r.scenarios.find((s) => s.status === 'failed')!;
  failing.title = 'pipes | and <b>html</b>';
  failing.errors = ['boom ``` fence'];
  const md = renderSummaryMarkdown(r);
  expect(md).toContain('pipes \\| and \\<b\\>html\\</b\\>');
  expect(md).toContain('````text\nboom ``` fence\n````');
});

test('the failing invocation is the one named in the error', async () => {
  const head = await loadResults(join(RUNS, 'head/results.json'));
  const s = structuredClone(head.scenarios.find((x) => x.id === 'signup.saves-config')!);
  const second = { ...s.invocations[0], id: 'inv-9' };
  s.invocations.push(second);
  s.errors = ['expected inv-1 to exit 3'];
  expect(failingInvocation(s)?.id).toBe('inv-1');
  s.errors = ['no id mentioned'];
  expect(failingInvocation(s)?.id).toBe('inv-9');
});
