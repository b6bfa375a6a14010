import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffRuns, renderRegressionHtml, renderRegressionMarkdown, transcriptLoaderFor, type RegressionReport } from '../../harness/report/diff.js';
import { diffRequests, diffShapes } from '../../harness/report/diff-invocation.js';
import { commandSignature, groupByCommand } from '../../harness/report/regression-groups.js';
import { readTranscript } from '../../harness/report/transcript.js';
import { loadResults } from '../../harness/report/results.js';
import { diffExitCode } from '../../harness/cli/diff-command.js';

const RUNS = fileURLToPath(new URL('../fixtures/report/runs', import.meta.url));

function view(json: unknown, body: unknown) {
  return readTranscript({ id: 'inv-1', argv: ['signup'], json, requests: [{ method: 'POST', path: '/v1/agent-signups', body }] });
}

test('command signatures keep sub-commands and flag names, drop values', () => {
  expect(commandSignature('signup --agent --agent-contact <contact>@example.invalid --agent-name bot --json')).toBe('signup --agent --agent-contact … --agent-name … --json');
  expect(commandSignature('npx -y image-skill@latest signup --show-token --no-save --json')).toBe('signup --show-token --no-save --json');
  expect(commandSignature('assets get asset_<id> --out ./a.png --json')).toBe('assets get <arg> --out … --json');
});

test('request body value changes and printed commands that changed are reported', () => {
  const base = view({ ok: true, data: { next_command: 'npx -y image-skill@latest signup --agent --json' } }, { return_token: false, agent_name: 'a' });
  const head = view({ ok: true, data: { next_command: 'npx -y image-skill@latest signup --agent --show-token --no-save --json' } }, { return_token: true, agent_name: 'b' });
  expect(diffRequests(base, head)).toEqual([
    { request: 'POST /v1/agent-signups', change: 'value', field: '/return_token', base: 'false', head: 'true', fields_added: [], fields_removed: [] },
  ]);
  expect(diffShapes(base, head)).toEqual([
    { pointer: '/data/next_command', kind: 'command', base: 'npx -y image-skill@latest signup --agent --json', head: 'npx -y image-skill@latest signup --agent --show-token --no-save --json' },
  ]);
});

test('the regression report opens with behaviour changes grouped by command, each once with its scenarios', async () => {
  const base = await loadResults(join(RUNS, 'base/results.json'));
  const head = await loadResults(join(RUNS, 'head/results.json'));
  const report = diffRuns(base, head, transcriptLoaderFor(join(RUNS, 'base'), join(RUNS, 'head')));
  // The same change in a second scenario is one row listing both.
  const source = report.scenarios.find((s) => s.invocations.length > 0)!;
  const twin = { ...structuredClone(source), id: 'zz.twin' };
  const doubled: RegressionReport = { ...report, scenarios: [...report.scenarios, twin] };
  const rows = groupByCommand(doubled);
  expect(rows.length).toBeGreaterThan(0);
  const original = rows.filter((r) => r.scenarios.includes(source.id));
  expect(original.length).toBeGreaterThan(0);
  for (const row of original) expect(row.scenarios).toContain('zz.twin');
  expect(rows.filter((r) => r.scenarios.includes('zz.twin'))).toEqual(original);
  const keys = rows.map((r) => `${r.signature}|${r.kind}|${r.subject}|${r.text}`);
  expect(new Set(keys).size).toBe(keys.length);

  const md = renderRegressionMarkdown(doubled);
  const table = md.indexOf('### Behaviour changes by command');
  expect(table).toBeGreaterThan(0);
  expect(table).toBeLessThan(md.indexOf('### Per scenario'));
  expect(md).toContain('| command | what | old → new | scenarios |');
  expect(renderRegressionHtml(doubled)).toContain('<h2>Behaviour changes by command');
});

test('diff --fail-on: regressed by default, changed on any difference, never', async () => {
  const base = await loadResults(join(RUNS, 'base/results.json'));
  const head = await loadResults(join(RUNS, 'head/results.json'));
  const load = transcriptLoaderFor(join(RUNS, 'base'), join(RUNS, 'head'));
  const report = diffRuns(base, head, load);
  expect(report.totals.regressed).toBeGreaterThan(0);
  expect(diffExitCode(report, 'regressed')).toBe(1);
  expect(diffExitCode(report, 'never')).toBe(0);
  const same = diffRuns(base, base, transcriptLoaderFor(join(RUNS, 'base'), join(RUNS, 'base')));
  expect(diffExitCode(same, 'regressed')).toBe(0);
  expect(diffExitCode(same, 'changed')).toBe(0);
  const behaviourOnly: RegressionReport = { ...same, scenarios: same.scenarios.map((s, i) => (i === 0 ? { ...s, changed: true } : s)) };
  expect(diffExitCode(behaviourOnly, 'regressed')).toBe(0);
  expect(diffExitCode(behaviourOnly, 'changed')).toBe(1);
});
