/**
 * The compatibility matrix (harness/report/matrix): rules_checked from the contract checks to
 * results.json; the model's cell states on small synthetic results; the page in Chromium
 * (cells, pass counts, the state and section filters, a failing cell's link) built from
 * fixture reports shaped like the five real builds' (tests/fixtures/matrix/run); the `matrix`
 * command's exits.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createContractChecks } from '../../fixtures/contract-checks.js';
import { automaticRulesChecked, schemaRuleIds } from '../../fixtures/rules-checked.js';
import { findChromium, withChromium } from '../../fixtures/browser.js';
import { parseChecks, parseRulesChecked, type CheckRecord } from '../../harness/report/checks.js';
import { buildScenario, type TestRecord } from '../../harness/report/build-scenario.js';
import { parseResults, summarise, type RunResults, type ScenarioResult } from '../../harness/report/results.js';
import { readStatedRules } from '../../harness/checks/schema-files.js';
import type { Invocation } from '../../harness/runner/types.js';
import {
  buildMatrix,
  COPIED_TRANSCRIPTS,
  loadReports,
  MatrixInputError,
  NOT_STATED_MARK,
  parseMatrix,
  renderMatrixHtml,
  writeMatrix,
  type CellState,
  type MatrixInput,
  type MatrixJson,
} from '../../harness/report/matrix/index.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin/image-skill-conformance.mjs');
const FIXTURE_RUN = join(ROOT, 'tests/fixtures/matrix/run');
const FIVE = ['0.1.23', '0.1.24', '0.1.25', '0.1.40', '0.1.60'];

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'isc-matrix-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- synthetic results -------------------------------------------------------------------

function invocation(id: string, scenario: string) {
  return {
    id,
    argv: ['node', 'cli.mjs', 'models', '--json'],
    args: ['models', '--json'],
    exit_code: 0,
    signal: null,
    timed_out: false,
    duration_ms: 1,
    schema: { schema_id: null, ok: true, issues: [] },
    secrets: { ok: true, findings: [] },
    transcript: `transcripts/${scenario}/${id}.json`,
  };
}

const ref = (id: string) => ({ id, document: 'cli.md', section: 'Global Rules', quote: 'a quote' });

function check(outcome: CheckRecord['outcome'], rule: string, message = 'what the CLI did', invocationId: string | null = null): CheckRecord {
  return { outcome, rule: ref(rule), message, command: null, invocation_id: invocationId };
}

function scenario(id: string, opts: { checks?: CheckRecord[]; rules?: string[]; invocations?: string[]; status?: ScenarioResult['status'] } = {}): ScenarioResult {
  const s: ScenarioResult = {
    id,
    title: id,
    file: 'scenarios/x.spec.ts',
    project: 'scenarios',
    status: opts.status ?? (opts.checks?.some((c) => c.outcome === 'failed') ? 'failed' : 'passed'),
    duration_ms: 1,
    errors: [],
    invocations: (opts.invocations ?? []).map((i) => invocation(i, id)),
    checks: opts.checks ?? [],
  };
  if (opts.rules) s.rules_checked = opts.rules;
  return s;
}

function results(version: string, scenarios: ScenarioResult[], name = 'image-skill'): RunResults {
  const sorted = [...scenarios].sort((a, b) => (a.id < b.id ? -1 : 1));
  return parseResults({
    schema: 'image-skill-conformance.results.v1',
    run_id: `run-${version}`,
    started_at: '2026-12-07T00:00:00.000Z',
    finished_at: '2026-12-07T00:01:00.000Z',
    cli: { spec: `./${name}-${version}.tgz`, name, version, integrity: null, ships_documents: [] },
    contract_version: version,
    stripe_backend: null,
    chain_mode: null,
    scenarios: sorted,
    summary: summarise(sorted),
  });
}

function stateOf(m: MatrixJson, rule: string, release: string): CellState | undefined {
  const i = m.releases.findIndex((r) => r.id === release);
  return m.groups.flatMap((g) => g.rules).find((r) => r.id === rule)?.cells[i]?.state;
}

const ALL = ['output.envelope', 'output.json-default', 'exit.deterministic', 'capabilities.list', 'models.show', 'media.feedback.fields', 'activity.registry-only'];

// ---- rules_checked: from the checks to results.json --------------------------------------

test('contract checks note the rules they exercised: rule() bodies that ran, judged findings and the checked ids', async () => {
  const checks = createContractChecks(new Set(['capabilities.list', 'models.show', 'output.envelope']));
  await checks.rule('capabilities.list', () => undefined);
  await expect(checks.rule('models.show', () => expect(1).toBe(2))).rejects.toThrow(/rule models\.show/);
  checks.judge([{ rule: 'exit.deterministic', observation: false, message: 'exited by signal SIGKILL (a rule not stated here)' }], { command: 'x', invocationId: null }, () => '', ['output.json-default']);
  expect(checks.rulesChecked).toEqual(['capabilities.list', 'exit.deterministic', 'models.show', 'output.json-default']);
});

test('the automatic checks of one invocation name the rules of every schema applied', () => {
  const set = {
    version: '9.9.9',
    schemas: {
      'envelope.success': { 'x-rule': 'output.envelope', properties: { actor: { 'x-rule': 'output.actor-types' } } },
      'envelope.error': { 'x-rule': 'output.error-envelope', allOf: [{ 'x-rule': 'output.error-recovery-fields' }] },
      'models-list': { 'x-rule': 'shape.models-list', properties: { data: { items: { 'x-rule': 'models.default-executable-first' } } } },
    },
  };
  expect(schemaRuleIds(set.schemas['envelope.error'])).toEqual(['output.error-envelope', 'output.error-recovery-fields']);
  const inv = (args: string[], schemaId: string | null, extra: Partial<Invocation> = {}) =>
    ({ args, requests: [], schema: schemaId ? { schemaId, ok: true, issues: [] } : null, ...extra }) as unknown as Invocation & { schema: null };
  expect(automaticRulesChecked(inv(['models', 'list', '--json'], '9.9.9/models-list'), set, false)).toEqual([
    'exit.deterministic', 'models.default-executable-first', 'output.actor-types', 'output.envelope', 'output.json-default', 'shape.models-list',
  ]);
  expect(automaticRulesChecked(inv(['models', '--json'], '9.9.9/envelope.error'), set, false)).toEqual(['exit.deterministic', 'output.error-envelope', 'output.error-recovery-fields', 'output.json-default']);
  // Token hygiene once a token was issued; telemetry only when a telemetry request was sent; the guide's no-mutation rule for create --guide.
  const withTelemetry = automaticRulesChecked(inv(['create', '--guide', '--json'], null, { requests: [{ telemetry: true }] as Invocation['requests'] }), set, true);
  expect(withTelemetry).toEqual(['exit.deterministic', 'guide.no-mutation', 'output.json-default', 'secrets.not-in-logs-or-feedback', 'secrets.not-printed', 'telemetry.no-tokens']);
  expect(automaticRulesChecked(inv(['whoami'], null, { spawnError: 'ENOENT' } as Partial<Invocation>), set, true)).toEqual([]);
});

test('rules_checked travels in isc-checks and into results.json; reports without it still load', () => {
  const body = { checks: [check('failed', 'output.envelope')], rules_checked: ['output.envelope', 'exit.deterministic', 'exit.deterministic'] };
  expect(parseChecks(body)).toHaveLength(1);
  expect(parseRulesChecked(body)).toEqual(['exit.deterministic', 'output.envelope']);
  expect(parseRulesChecked({ checks: [] })).toBeNull();
  expect(() => parseRulesChecked({ checks: [], rules_checked: [3] })).toThrow(/rules_checked\/0/);
  const record: TestRecord = { titles: ['t'], file: 'scenarios/x.spec.ts', project: 'scenarios', status: 'passed', expectedStatus: 'passed', durationMs: 1, passedOnRetry: false, annotations: [], errors: [] };
  const built = buildScenario({ record, id: 'x.t', invocations: [], evidenceProblems: [], checks: [], rulesChecked: ['output.envelope'] });
  expect(built.rules_checked).toEqual(['output.envelope']);
  expect(buildScenario({ record, id: 'x.t', invocations: [], evidenceProblems: [], checks: [] }).rules_checked).toBeUndefined();
  expect(results('0.1.25', [built]).scenarios[0].rules_checked).toEqual(['output.envelope']);
  expect(() => results('0.1.25', [{ ...built, rules_checked: 'output.envelope' as unknown as string[] }])).toThrow(/rules_checked must be array/);
});

// ---- the model --------------------------------------------------------------------------

test('cell states: fails, then not stated, observed, holds, harness gap, not reached', () => {
  const stated = new Set(ALL.filter((id) => id !== 'models.show'));
  const r = results('0.1.40', [
    scenario('a.fails', { checks: [check('failed', 'output.envelope', 'no warnings array')], rules: ['output.envelope', 'exit.deterministic'], invocations: ['inv-1', 'inv-2'] }),
    scenario('b.holds', { rules: ['output.envelope', 'capabilities.list', 'output.json-default'] }),
    // a gap where another scenario checked the rule cleanly: holds; a gap alone: harness gap
    scenario('c.gap', { checks: [check('harness-gap', 'capabilities.list'), check('harness-gap', 'media.feedback.fields')], rules: ['capabilities.list', 'media.feedback.fields'] }),
    scenario('d.observed', { checks: [check('observed', 'activity.registry-only')], rules: ['activity.registry-only'] }),
    // checked but not stated by these documents: not stated, whatever the check found
    scenario('e.not-stated', { checks: [check('observed', 'models.show', `wrong ${NOT_STATED_MARK}`)], rules: ['models.show'] }),
  ]);
  const m = buildMatrix([{ results: r, reportDir: '../r', stated }]);
  const id = 'image-skill@0.1.40';
  expect(stateOf(m, 'output.envelope', id)).toBe('fails');
  expect(stateOf(m, 'models.show', id)).toBe('not-stated');
  expect(stateOf(m, 'activity.registry-only', id)).toBe('observed');
  expect(stateOf(m, 'capabilities.list', id)).toBe('holds');
  expect(stateOf(m, 'output.json-default', id)).toBe('holds');
  expect(stateOf(m, 'media.feedback.fields', id)).toBe('harness-gap');
  expect(stateOf(m, 'exit.deterministic', id)).toBe('holds');
  // Every other catalogue rule: stated here? not reached; else not stated.
  const release = m.releases[0];
  expect(release.counts['not-stated']).toBe(m.groups.flatMap((g) => g.rules).length - stated.size);
  expect(release.counts['not-reached']).toBe(0);
  expect(release.passes).toBe(3);
  expect(release.rules_checked_recorded).toBe(true);
  const fails = m.groups.flatMap((g) => g.rules).find((x) => x.id === 'output.envelope')?.cells[0];
  expect(fails?.failures).toEqual([{ scenario: 'a.fails', message: 'no warnings array', transcript: 'transcripts/a.fails/inv-2.json', transcript_is_last: true }]);
  expect(parseMatrix(JSON.parse(JSON.stringify(m)))).toEqual(m);
});

test('the report\'s own failure wins over a stated list that no longer has the rule; an unknown list leaves not-stated to the checks', () => {
  const failing = scenario('a', { checks: [check('failed', 'models.show', 'x', 'inv-1')], rules: ['models.show'], invocations: ['inv-1', 'inv-2'] });
  const m = buildMatrix([
    { results: results('0.1.25', [failing]), reportDir: 'r25', stated: new Set<string>() },
    { results: results('7.0.0', [scenario('b', { checks: [check('observed', 'output.envelope', `x ${NOT_STATED_MARK}`)], rules: ['output.envelope', 'capabilities.list'] })]), reportDir: 'r7', stated: null },
  ]);
  expect(stateOf(m, 'models.show', 'image-skill@0.1.25')).toBe('fails');
  const cell = m.groups.flatMap((g) => g.rules).find((x) => x.id === 'models.show')?.cells[0];
  expect(cell?.failures?.[0]).toEqual({ scenario: 'a', message: 'x', transcript: 'transcripts/a/inv-1.json' });
  expect(stateOf(m, 'output.envelope', 'image-skill@0.1.25')).toBe('not-stated');
  expect(stateOf(m, 'output.envelope', 'image-skill@7.0.0')).toBe('not-stated');
  expect(stateOf(m, 'capabilities.list', 'image-skill@7.0.0')).toBe('holds');
  expect(stateOf(m, 'models.show', 'image-skill@7.0.0')).toBe('not-reached');
  expect(m.releases.map((r) => r.stated_source)).toEqual(['recorded', 'unknown']);
});

test('a report written before rules_checked: failures still fail, everything else stated reads not reached', () => {
  const old = scenario('a', { checks: [check('failed', 'output.envelope')] });
  delete old.rules_checked;
  const m = buildMatrix([{ results: results('0.1.40', [old, scenario('b')]), reportDir: '.', stated: new Set(ALL) }]);
  expect(m.releases[0].rules_checked_recorded).toBe(false);
  expect(stateOf(m, 'output.envelope', 'image-skill@0.1.40')).toBe('fails');
  expect(stateOf(m, 'capabilities.list', 'image-skill@0.1.40')).toBe('not-reached');
  expect(m.releases[0].passes).toBe(0);
  expect(renderMatrixHtml(m)).toContain('its report predates rules_checked');
});

test('releases in version order, the same build twice kept apart; a rule the catalogue lost keeps its row; groups by document › section', () => {
  const retired = { outcome: 'failed' as const, rule: { id: 'zz.retired', document: 'cli.md', section: 'Zz Old Section', quote: 'gone' }, message: 'x', command: null, invocation_id: null };
  const inputs: MatrixInput[] = [
    { results: results('0.1.60', [scenario('a', { rules: ['capabilities.list'] })]), reportDir: 'b', stated: new Set(ALL) },
    { results: results('0.1.23', [scenario('a', { checks: [retired] })]), reportDir: 'a', stated: new Set(ALL) },
    { results: results('0.1.60', [scenario('a')]), reportDir: 'c', stated: new Set(ALL) },
  ];
  const m = buildMatrix(inputs);
  expect(m.releases.map((r) => [r.id, r.report_dir])).toEqual([['image-skill@0.1.23', 'a'], ['image-skill@0.1.60', 'b'], ['image-skill@0.1.60#2', 'c']]);
  const row = m.groups.flatMap((g) => g.rules).find((r) => r.id === 'zz.retired');
  expect(row).toMatchObject({ in_catalogue: false, summary: null, document: 'cli.md', section: 'Zz Old Section' });
  expect(row?.cells.map((c) => c.state)).toEqual(['fails', 'not-stated', 'not-stated']);
  const keys = m.groups.map((g) => `${g.document} › ${g.section}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.indexOf('cli.md › Zz Old Section')).toBeLessThan(keys.findIndex((k) => k.startsWith('llms.txt')));
  for (const g of m.groups) expect(g.rules.every((r) => r.document === g.document && r.section === g.section)).toBe(true);
  // matrix.json is checked: a count that does not add up, a state it does not know
  const bad = JSON.parse(JSON.stringify(m)) as MatrixJson;
  bad.releases[0].passes += 1;
  expect(() => parseMatrix(bad, 'm.json')).toThrow(/m\.json: \/releases\/0\/passes/);
  const worse = JSON.parse(JSON.stringify(m)) as { groups: Array<{ rules: Array<{ cells: Array<{ state: string }> }> }> };
  worse.groups[0].rules[0].cells[0].state = 'maybe';
  expect(() => parseMatrix(worse)).toThrow(/state must be equal to one of the allowed values/);
});

test('loading report folders: a run folder with one per build; a folder without results.json and a malformed one are named', async () => {
  const reports = await loadReports([FIXTURE_RUN]);
  expect(reports.map((r) => r.results.cli.version)).toEqual(FIVE);
  expect(reports.every((r) => r.stated !== null)).toBe(true);
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'empty'));
    await mkdir(join(dir, 'bad'));
    await writeFile(join(dir, 'bad', 'results.json'), JSON.stringify({ schema: 'image-skill-conformance.results.v1', run_id: 'x' }));
    const err = await loadReports([join(dir, 'empty'), join(dir, 'bad'), join(dir, 'missing')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MatrixInputError);
    const problems = (err as MatrixInputError).problems;
    expect(problems[0]).toBe(`${join(dir, 'empty')}: no results.json in it or in its sub-folders`);
    expect(problems[1]).toContain(join(dir, 'bad', 'results.json'));
    expect(problems[1]).toContain('is missing required property "cli"');
    expect(problems[2]).toBe(`${join(dir, 'missing')}: no such folder`);
  });
});

// ---- the page ---------------------------------------------------------------------------

test.describe('the page in Chromium (fixture reports of the five real builds)', () => {
  test('cells, pass counts, the state and section filters, and a failing cell\'s link', async () => {
    const chromium = findChromium();
    test.skip(!chromium, 'no Chromium on this machine');
    await withTempDir(async (dir) => {
      const written = await writeMatrix(join(dir, 'page'), await loadReports([FIXTURE_RUN]));
      const m = written.matrix;
      const ids = FIVE.map((v) => `image-skill@${v}`);
      expect(m.releases.map((r) => r.id)).toEqual(ids);
      const rows = m.groups.flatMap((g) => g.rules);
      const stated = (v: string, rule: string) => (readStatedRules(v) ?? []).includes(rule);
      // What the fixtures hold (a cell whose rule a release does not state reads not stated).
      const expected = (v: string, rule: string, state: CellState): CellState => (state === 'fails' || stated(v, rule) ? state : 'not-stated');
      const html = readFileSync(written.html, 'utf8');
      expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);

      await withChromium(chromium as string, async (browser) => {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(pathToFileURL(written.html).href);
        const cell = (rule: string, v: string) => page.locator(`td.cell[data-rule="${rule}"][data-release="image-skill@${v}"]`);

        // Columns in version order; every cell as matrix.json has it; each header's pass count = its cells that hold.
        const headers = await page.locator('thead th.release').evaluateAll((ths) => ths.map((th) => [th.getAttribute('data-release'), th.querySelector('.passes')?.textContent]));
        expect(headers).toEqual(m.releases.map((r) => [r.id, `${r.passes} hold`]));
        const cells = await page.locator('td.cell').evaluateAll((tds) => tds.map((td) => `${td.getAttribute('data-rule')} ${td.getAttribute('data-release')} ${td.getAttribute('data-state')}`));
        expect(cells).toEqual(rows.flatMap((r) => r.cells.map((c) => `${r.id} ${c.release} ${c.state}`)));
        for (const r of m.releases) expect(cells.filter((c) => c.endsWith(` ${r.id} holds`))).toHaveLength(r.passes);

        // What the fixture reports hold.
        for (const v of FIVE) {
          const at = (rule: string) => stateOf(m, rule, `image-skill@${v}`);
          expect(at('output.envelope')).toBe('fails');
          expect(at('capabilities.list')).toBe(expected(v, 'capabilities.list', 'holds'));
          expect(at('media.upload.unsupported-exit-6')).toBe(expected(v, 'media.upload.unsupported-exit-6', v === '0.1.25' ? 'holds' : 'fails'));
          expect(at('media.feedback.fields')).toBe(expected(v, 'media.feedback.fields', v === '0.1.24' ? 'harness-gap' : 'holds'));
          expect(at('activity.registry-only')).toBe(expected(v, 'activity.registry-only', v === '0.1.40' || v === '0.1.60' ? 'observed' : 'holds'));
          expect(at('media.fixture-retired-rule')).toBe(v === '0.1.23' ? 'fails' : 'not-stated');
        }
        const notStatedBy23 = rows.find((r) => r.in_catalogue && !stated('0.1.23', r.id) && stated('0.1.25', r.id));
        if (notStatedBy23) {
          await expect(cell(notStatedBy23.id, '0.1.23')).toHaveAttribute('data-state', 'not-stated');
          await expect(cell(notStatedBy23.id, '0.1.25')).toHaveAttribute('data-state', 'not-reached');
        }
        await expect(page.locator('tr.rule[data-rule="media.fixture-retired-rule"] .badge')).toHaveText('not in catalogue');

        // State filter: only rows with a cell in that state; the others dimmed.
        const visibleRules = () => page.locator('tr.rule:visible').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-rule')));
        const withState = (s: CellState) => rows.filter((r) => r.cells.some((c) => c.state === s)).map((r) => r.id);
        await page.selectOption('#state-filter', 'fails');
        expect(await visibleRules()).toEqual(withState('fails'));
        await expect(page.locator('#shown')).toHaveText(`${withState('fails').length} of ${rows.length} rules shown`);
        await expect(cell('capabilities.list', '0.1.25')).toHaveCSS('opacity', '0.35');
        await page.selectOption('#state-filter', 'differs');
        expect(await visibleRules()).toEqual(rows.filter((r) => new Set(r.cells.map((c) => c.state)).size > 1).map((r) => r.id));

        // Section filter, alone and with a state; a section with no row left hides its header.
        await page.selectOption('#state-filter', '');
        await page.selectOption('#section-filter', 'cli.md › Global Rules');
        const global = m.groups.find((g) => g.document === 'cli.md' && g.section === 'Global Rules');
        expect(await visibleRules()).toEqual(global?.rules.map((r) => r.id));
        await expect(page.locator('tbody.group:visible')).toHaveCount(1);
        await page.selectOption('#section-filter', 'cli.md › image-skill upload');
        await page.selectOption('#state-filter', 'fails');
        expect(await visibleRules()).toEqual(['media.fixture-retired-rule', 'media.upload.unsupported-exit-6']);
        await page.selectOption('#state-filter', 'harness-gap');
        await expect(page.locator('tr.rule:visible')).toHaveCount(0);
        await expect(page.locator('#shown')).toHaveText(`0 of ${rows.length} rules shown`);

        // The filters live in the fragment: a link to a filtered view opens filtered.
        await page.goto(`${pathToFileURL(written.html).href}#state=harness-gap`);
        expect(await visibleRules()).toEqual(['media.feedback.fields']);
        await expect(page.locator('#state-filter')).toHaveValue('harness-gap');

        // A failing cell links to the failing invocation's transcript in that build's report folder.
        await page.goto(pathToFileURL(written.html).href);
        const upload = cell('media.upload.unsupported-exit-6', '0.1.40').locator('a');
        await expect(upload).toHaveText('✗ fails');
        const transcript = join(FIXTURE_RUN, 'image-skill-0.1.40/transcripts/media-flows.unsupported-upload/inv-0140m-1.json');
        expect(await upload.getAttribute('href')).toBe(relative(join(dir, 'page'), transcript));
        await upload.click();
        expect(page.url()).toBe(pathToFileURL(transcript).href);
        expect(JSON.parse((await page.locator('body').textContent()) ?? '')).toMatchObject({ id: 'inv-0140m-1', args: ['upload', 'diagram.bmp', '--json'] });
        // A check that names no invocation links to the scenario's last one, and says so.
        await page.goBack();
        const envelope = cell('output.envelope', '0.1.23');
        await expect(envelope).toHaveAttribute('title', /hostile-service\.get-v1-models: GET \/v1\/models with warnings missing.*the scenario's last invocation/);
        expect(await envelope.locator('a').getAttribute('href')).toMatch(/image-skill-0\.1\.23\/transcripts\/hostile-service\.get-v1-models\/inv-0123h-2\.json$/);
        expect(errors).toEqual([]);
      });
    });
  });
});

test('--copy-transcripts: the page links into matrix.transcripts beside it and every linked file is there', async () => {
  await withTempDir(async (dir) => {
    const written = await writeMatrix(dir, await loadReports([FIXTURE_RUN]), { copyTranscripts: true });
    expect(written.warnings).toEqual([]);
    const html = readFileSync(written.html, 'utf8');
    const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((x) => x[1].replace(/&amp;/g, '&'));
    expect(hrefs.length).toBeGreaterThan(5);
    for (const href of hrefs) {
      expect(href.startsWith(`${COPIED_TRANSCRIPTS}/`)).toBe(true);
      expect(existsSync(join(dir, decodeURIComponent(href)))).toBe(true);
    }
    expect(written.matrix.releases.map((r) => r.report_dir)).toEqual(FIVE.map((v) => `${COPIED_TRANSCRIPTS}/image-skill-${v}`));
    expect(parseMatrix(JSON.parse(readFileSync(written.json, 'utf8')))).toEqual(written.matrix);
  });
});

test('the page kept in the repository (docs/real-builds/matrix.*) matches its matrix.json, and its links resolve', () => {
  const json = join(ROOT, 'docs/real-builds/matrix.json');
  test.skip(!existsSync(json), 'docs/real-builds/matrix.json is not generated yet (npx tsx scripts/matrix.ts)');
  const m = parseMatrix(JSON.parse(readFileSync(json, 'utf8')), json);
  const html = readFileSync(join(ROOT, 'docs/real-builds/matrix.html'), 'utf8');
  for (const g of m.groups) {
    for (const row of g.rules) {
      for (const c of row.cells) expect(html).toContain(`data-rule="${row.id}" data-release="${c.release}" data-state="${c.state}"`);
    }
  }
  for (const [, href] of html.matchAll(/<a href="([^"]+)"/g)) expect(existsSync(join(ROOT, 'docs/real-builds', decodeURIComponent(href.replace(/&amp;/g, '&'))))).toBe(true);
});

// ---- the command --------------------------------------------------------------------------

test('matrix --from writes the page; bad input exits 2 naming the problem', async () => {
  test.setTimeout(60_000);
  await withTempDir(async (dir) => {
    const ok = await execa(process.execPath, [BIN, 'matrix', '--from', FIXTURE_RUN, '--out', join(dir, 'out')], { cwd: ROOT, reject: false, timeout: 30_000 });
    expect(ok.stderr).toBe('');
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toContain('matrix: 5 releases');
    expect(existsSync(join(dir, 'out', 'matrix.html'))).toBe(true);
    expect(parseMatrix(JSON.parse(readFileSync(join(dir, 'out', 'matrix.json'), 'utf8'))).releases).toHaveLength(5);

    await mkdir(join(dir, 'nothing'));
    await mkdir(join(dir, 'broken'));
    await writeFile(join(dir, 'broken', 'results.json'), '{"schema": "image-skill-conformance.results.v1",');
    const bad = await execa(process.execPath, [BIN, 'matrix', '--from', join(dir, 'nothing'), '--from', join(dir, 'broken'), '--out', join(dir, 'out2')], { cwd: ROOT, reject: false, timeout: 30_000 });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'nothing')}: no results.json in it or in its sub-folders`);
    expect(bad.stderr).toContain(join(dir, 'broken', 'results.json'));
    expect(existsSync(join(dir, 'out2', 'matrix.html'))).toBe(false);

    const usage = await execa(process.execPath, [BIN, 'matrix', '--grep', 'x', '--from', FIXTURE_RUN], { cwd: ROOT, reject: false, timeout: 30_000 });
    expect(usage.exitCode).toBe(2);
    expect(usage.stderr).toContain('--grep is a flag of the run; give it with --cli');
  });
});
