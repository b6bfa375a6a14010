import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  diffRuns,
  pairInvocations,
  renderRegressionHtml,
  renderRegressionMarkdown,
  transcriptLoaderFor,
  type DocumentsDiff,
  type RegressionReport,
} from '../../harness/report/diff.js';
import { normaliseText } from '../../harness/report/normalise.js';
import { loadResults, type RunResults } from '../../harness/report/results.js';

const RUNS = fileURLToPath(new URL('../fixtures/report/runs', import.meta.url));
const load = transcriptLoaderFor(join(RUNS, 'base'), join(RUNS, 'head'));
const documents: DocumentsDiff = {
  base: { version: '0.1.24', source: 'package' },
  head: { version: '0.1.25', source: 'package' },
  changes: [
    { pointer: 'signup./data/config', change: 'added' },
    { pointer: 'credits-quote./data/state', change: 'retyped', from: 'string', to: 'string|null' },
  ],
  warnings: [],
};

async function runs(): Promise<{ base: RunResults; head: RunResults }> {
  return { base: await loadResults(join(RUNS, 'base/results.json')), head: await loadResults(join(RUNS, 'head/results.json')) };
}

function scenario(report: RegressionReport, id: string) {
  const s = report.scenarios.find((x) => x.id === id);
  expect(s, id).toBeDefined();
  return s!;
}

test('status changes: regressed, not-run and unchanged are classified', async () => {
  const { base, head } = await runs();
  const report = diffRuns(base, head, load);
  expect(report.base.cli).toBe('image-skill@0.1.24');
  expect(report.head.cli).toBe('image-skill@0.1.25');
  expect(scenario(report, 'credits.quote-conflict')).toMatchObject({ change: 'regressed', base_status: 'passed', head_status: 'failed' });
  expect(scenario(report, 'payments.x402-deposit')).toMatchObject({ change: 'status-changed', head_status: 'not-run' });
  expect(report.totals).toMatchObject({ regressed: 1, fixed: 0, status_changed: 1, behaviour_changed: 1, scenarios: 4 });
});

test('exit code change and JSON shape changes are found by pointer', async () => {
  const { base, head } = await runs();
  const quote = scenario(diffRuns(base, head, load), 'credits.quote-conflict').invocations[0];
  expect(quote.match).toBe('matched');
  expect(quote.exit).toEqual({ base: '1', head: '0' });
  expect(quote.shape).toContainEqual({ pointer: '/ok', kind: 'value', base: 'false', head: 'true' });
  expect(quote.shape).toContainEqual({ pointer: '/error', kind: 'retyped', base: 'object', head: 'null' });

  const signup = scenario(diffRuns(base, head, load), 'signup.saves-config');
  expect(signup.change).toBe('unchanged');
  expect(signup.changed).toBe(true);
  const shape = signup.invocations[0].shape;
  expect(shape).toContainEqual({ pointer: '/data/token_prefix', kind: 'added', base: null, head: 'string' });
  expect(shape).toContainEqual({ pointer: '/data/claim_state', kind: 'removed', base: 'string', head: null });
  expect(shape).toContainEqual({ pointer: '/data/config/path', kind: 'retyped', base: 'null', head: 'string' });
  expect(shape).toContainEqual({ pointer: '/data/config/saved', kind: 'value', base: 'false', head: 'true' });
  // ids, trace ids and timestamps differ between the runs but are not reported
  expect(shape.map((c) => c.pointer)).not.toContain('/trace_id');
  expect(shape.map((c) => c.pointer)).not.toContain('/data/agent_id');
});

test('new config file with its mode and new requests are reported; admin calls are ignored', async () => {
  const { base, head } = await runs();
  const signup = scenario(diffRuns(base, head, load), 'signup.saves-config').invocations[0];
  expect(signup.files).toEqual([{ path: 'home/.config/image-skill/config.json', change: 'new', base: null, head: 'added (mode 0600)' }]);
  expect(signup.requests).toContainEqual({ request: 'GET /v1/whoami', change: 'added', base: null, head: '1×', fields_added: [], fields_removed: [] });
  expect(signup.requests).toContainEqual({ request: 'POST /v1/agent-signups', change: 'fields', base: null, head: null, fields_added: ['/human_email'], fields_removed: [] });
  expect(signup.requests.map((r) => r.request).join()).not.toContain('__admin');
});

test('run-specific values alone produce no difference', async () => {
  const { base, head } = await runs();
  const models = scenario(diffRuns(base, head, load), 'models.list');
  expect(models.invocations).toEqual([]);
  expect(models.changed).toBe(false);
  expect(normaliseText('job_01HXABC123 at 2026-11-21T05:05:00Z from 127.0.0.1:40123 in 75ms')).toBe('job_<id> at <timestamp> from 127.0.0.1:<port> in <duration>');
  expect(normaliseText('/tmp/isc-sbx-12ab/home/.config')).toBe('<sandbox>/home/.config');
  expect(normaliseText('0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913 isk_r_0123456789abcdef')).toBe('<address> isk_r_<token>');
});

test('a mode change on the same file and a vanished request are reported', async () => {
  const { base } = await runs();
  const sameRun = structuredClone(base);
  const altered = (ref: string, side: 'base' | 'head') => {
    const t = load(ref, 'base') as Record<string, unknown>;
    if (side === 'head' && ref.includes('models.list')) {
      t.fsChanges = [{ path: 'out/models.json', kind: 'added', mode: '0666', size: 1 }];
      t.requests = [];
    }
    return t;
  };
  const models = scenario(diffRuns(base, sameRun, altered), 'models.list').invocations[0];
  expect(models.files).toEqual([{ path: 'out/models.json', change: 'mode', base: '0644', head: '0666' }]);
  expect(models.requests).toEqual([{ request: 'GET /v1/models', change: 'removed', base: '1×', head: null, fields_added: [], fields_removed: [] }]);
});

test('invocations pair by position and command, tolerating an inserted call', () => {
  const inv = (args: string[]) => ({ args }) as unknown as RunResults['scenarios'][number]['invocations'][number];
  const base = [inv(['whoami']), inv(['usage', 'quota'])];
  const head = [inv(['doctor']), inv(['whoami']), inv(['usage', 'quota'])];
  expect(pairInvocations(base as never, head as never)).toEqual([[null, 0], [0, 1], [1, 2]]);
});

test('missing transcripts are noted, not fatal', async () => {
  const { base, head } = await runs();
  const report = diffRuns(base, head, (ref, side) => {
    if (side === 'head') throw new Error(`ENOENT ${ref}`);
    return load(ref, side);
  });
  const notes = scenario(report, 'signup.saves-config').invocations[0].notes;
  expect(notes[0]).toMatch(/^head transcript transcripts\/signup.saves-config\/inv-1.json unavailable/);
});

test('same input gives byte-identical reports, whatever the scenario order', async () => {
  const { base, head } = await runs();
  const a = diffRuns(base, head, load, { documents });
  const shuffledHead = { ...structuredClone(head), scenarios: [...head.scenarios].reverse() };
  const shuffledDocs = { ...documents, changes: [...documents.changes].reverse() };
  const b = diffRuns(structuredClone(base), shuffledHead, load, { documents: shuffledDocs });
  expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  expect(renderRegressionMarkdown(b)).toBe(renderRegressionMarkdown(a));
  expect(renderRegressionHtml(b)).toBe(renderRegressionHtml(a));
});

test('markdown and html renderings carry the findings, escaped', async () => {
  const { base, head } = await runs();
  const h = structuredClone(head);
  h.scenarios.find((s) => s.id === 'signup.saves-config')!.title = '<script>alert(1)</script> & more';
  const report = diffRuns(base, h, load, { documents });
  const md = renderRegressionMarkdown(report);
  expect(md).toContain('## Regression report: image-skill@0.1.24 → image-skill@0.1.25');
  expect(md).toContain('### ❌ regressed: credits.quote-conflict (passed → failed)');
  expect(md).toContain('  - exit code: 1 → 0');
  expect(md).toContain('  - file `home/.config/image-skill/config.json`: now added (mode 0600)');
  expect(md).toContain('  - request `GET /v1/whoami`: new in head (1×)');
  expect(md).toContain('### Contract documents: 0.1.24 (package) → 0.1.25 (package)');
  expect(md).not.toContain('models.list');
  const html = renderRegressionHtml(report);
  expect(html.startsWith('<!doctype html>')).toBe(true);
  expect(html).not.toContain('<script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
  expect(html).toContain('<code>signup./data/config</code>');
  expect(html).not.toMatch(/<link|src=/);
});
