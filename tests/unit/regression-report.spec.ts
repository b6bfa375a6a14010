/**
 * The regression report (`diff`) on report folders: two runs of the same build differ in
 * nothing; a change is one row with its values in full, matched by scenario step; each change
 * is classified against both sides' documents; regression.json validates against its schema;
 * the Markdown summary fits one screen.
 */
import { test, expect } from '@playwright/test';
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  diffExitCode,
  diffRuns,
  loadSide,
  regressionJsonSchema,
  regressionProblems,
  renderRegressionHtml,
  renderRegressionJson,
  renderRegressionMarkdown,
  summaryLines,
  SUMMARY_MAX,
  transcriptLoaderFor,
  type RegressionReport,
  type SideInput,
} from '../../harness/report/regression/index.js';
import { parseChangelog, releaseNotes } from '../../harness/report/regression/release-notes.js';
import { pairSteps } from '../../harness/report/regression/steps.js';
import type { DocumentSet } from '../../harness/rules/documents.js';
import type { RunResults } from '../../harness/report/results.js';
import type { CheckRecord } from '../../harness/report/checks.js';
import { normaliseText } from '../../harness/report/normalise.js';

const SAME = fileURLToPath(new URL('../fixtures/regression/same-build', import.meta.url));
const REFERENCE = fileURLToPath(new URL('../../fixtures/reference-cli', import.meta.url));
const referenceDocs: DocumentSet = Object.fromEntries((['cli.md', 'llms.txt', 'skill.md'] as const).map((d) => [d, readFileSync(join(REFERENCE, d), 'utf8')]));

// ---- synthetic runs: one transcript per step, served by the loader ----

interface StepSpec {
  args: string[];
  json?: unknown;
  shell?: string;
  schema?: string;
  exitCode?: number;
  requests?: Array<{ method: string; path: string; body?: unknown }>;
  fsChanges?: Array<{ path: string; kind: 'added' | 'modified' | 'removed'; mode: string | null }>;
}

interface ScenarioSpec {
  id: string;
  file?: string;
  status?: 'passed' | 'failed' | 'not-run';
  steps: StepSpec[];
  checks?: CheckRecord[];
}

function side(version: string, contract: string | null, scenarios: ScenarioSpec[], documents: DocumentSet | null = null, changelog: string | null = null): { input: SideInput; transcripts: Map<string, unknown> } {
  const transcripts = new Map<string, unknown>();
  const results = {
    schema: 'image-skill-conformance.results.v1',
    run_id: `run-${version}`,
    cli: { spec: `npm:image-skill@${version}`, name: 'image-skill', version, integrity: null, ships_documents: [] },
    contract_version: contract,
    scenarios: scenarios.map((s) => ({
      id: s.id,
      title: s.id,
      file: s.file ?? 'x.spec.ts',
      project: 'scenarios',
      status: s.status ?? 'passed',
      duration_ms: 1,
      errors: [],
      checks: s.checks ?? [],
      invocations: s.steps.map((st, i) => {
        const ref = `transcripts/${s.id}/inv-${i + 1}.json`;
        transcripts.set(ref, {
          id: `inv-${i + 1}`,
          argv: ['node', 'image-skill', ...st.args],
          args: st.args,
          shell: st.shell ? { original: st.shell } : null,
          exitCode: st.exitCode ?? 0,
          json: st.json ?? { ok: true, data: {} },
          requests: (st.requests ?? []).map((r) => ({ query: {}, status: 200, body: null, ...r })),
          fsChanges: st.fsChanges ?? [],
        });
        return {
          id: `inv-${i + 1}`,
          argv: ['node', 'image-skill', ...st.args],
          args: st.args,
          ...(st.shell ? { shell_command: st.shell } : {}),
          exit_code: st.exitCode ?? 0,
          signal: null,
          timed_out: false,
          duration_ms: 1,
          schema: { schema_id: st.schema ? `${contract}/${st.schema}` : null, ok: true, issues: [] },
          secrets: { ok: true, findings: [] },
          transcript: ref,
        };
      }),
    })),
  } as unknown as RunResults;
  return { input: { results, documents, changelog }, transcripts };
}

function diff(base: ReturnType<typeof side>, head: ReturnType<typeof side>): RegressionReport {
  return diffRuns(base.input, head.input, (ref, s) => (s === 'base' ? base.transcripts : head.transcripts).get(ref));
}

const envelope = (data: unknown) => ({ ok: true, command: 'x', trace_id: 'trace_0123456789abcdef', data, warnings: [], error: null });

// ---- same build ----

test('two runs of the same build (committed report folders) differ in nothing once normalised', async () => {
  const a = await loadSide(join(SAME, 'a'), { documents: referenceDocs, changelog: null });
  const b = await loadSide(join(SAME, 'b'), { documents: referenceDocs, changelog: null });
  // The raw runs do differ: idempotency keys, sandbox folders, ports, Checkout URLs.
  const guide = (dir: string, run: SideInput) => readFileSync(join(SAME, dir, run.results.scenarios.find((s) => s.id.startsWith('guide-loop'))!.invocations[3].transcript), 'utf8');
  expect(guide('a', a).replace(/inv-[0-9a-f]+-/g, '')).not.toBe(guide('b', b).replace(/inv-[0-9a-f]+-/g, ''));
  const report = diffRuns(a, b, transcriptLoaderFor(join(SAME, 'a'), join(SAME, 'b')));
  expect(report.changes).toEqual([]);
  expect(report.scenarios.filter((s) => s.changed)).toEqual([]);
  expect(report.totals.changes).toBe(0);
  expect(diffExitCode(report, 'changed')).toBe(0);
  expect(renderRegressionMarkdown(report)).toContain('No changes between the two runs.');
});

test('run-specific values are normalised: keys, sandbox folders, ports, block numbers, poll counts, webhooks', () => {
  const run = (key: string, folder: string, port: number, block: number, polls: number, webhook: boolean) =>
    side('0.1.25', '0.1.25', [
      {
        id: 'jobs.wait',
        steps: [
          {
            args: ['jobs', 'wait', 'job_1', '--json'],
            json: envelope({ idempotency_key: `create-${key}`, retry: `quote-run-1-retry-${key.slice(0, 8)}`, out: `${folder}/work/a.png`, url: `http://127.0.0.1:${port}/v1/jobs`, block_number: block, polls }),
            requests: [...Array.from({ length: polls }, () => ({ method: 'GET', path: '/v1/jobs/job_0123456789abcdef' })), ...(webhook ? [{ method: 'POST', path: '/v1/webhooks/stripe', body: { id: 'evt_YIqIAOneSFeqnAOLLpEdVTtN' } }] : [])],
          },
        ],
      },
    ]);
  // One poll or five: how often a wait polled depends on the clock and the machine's load.
  const report = diff(run('9426c960a7909b50', '/tmp/isc-run-kSQDgX/isc-jobs-wait-GhZWE0', 40123, 17, 1, true), run('1765112345678', '/tmp/isc-run-Ab12Cd/isc-jobs-wait-DUFZ9A', 45905, 23, 5, false));
  expect(report.changes).toEqual([]);
});

test('normaliseText: ids, tokens, clocks, ports, sandbox folders, idempotency keys and Checkout fragments; docs anchors kept', () => {
  expect(normaliseText('job_01HXABC123 at 2026-11-21T05:05:00Z from 127.0.0.1:40123 in 75ms')).toBe('job_<id> at <timestamp> from 127.0.0.1:<port> in <duration>');
  // A prefix no list names: a word and 16+ hex digits.
  expect(normaliseText('prev_273e6fab9dc8614252ce29f3 newthing_0123456789abcdef0123 snake_case_word')).toBe('prev_<id> newthing_<id> snake_case_word');
  expect(normaliseText('/tmp/isc-run-kSQDgX/isc-guide-loop-from-prompt_r-GhZWE0/home/.config')).toBe('<sandbox>/home/.config');
  expect(normaliseText('0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913 isk_r_0123456789abcdef')).toBe('<address> isk_r_<token>');
  expect(normaliseText('create-guide-9426c960a7909b50-2ca3c6b6 quote-run-1-retry-d4c113aa create-1765112345678')).toBe('create-guide-<hex>-<hex> quote-run-1-retry-<hex> create-<hex>');
  expect(normaliseText('evt_YIqIAOneSFeqnAOLLpEdVTtN agt_fb2627fdf7e79d2b47f66630 agent_settleable_methods')).toBe('evt_<id> agt_<id> agent_settleable_methods');
  expect(normaliseText('https://checkout.stripe.com/c/pay/cs_test_a1B2c3#fidDT8HSnICleZ0EOc0FSzGPgYOX')).toBe('https://checkout.stripe.com/c/pay/cs_test_<id>#<fragment>');
  expect(normaliseText('https://image-skill.com/cli.md#image-skill-signup---agent')).toBe('https://image-skill.com/cli.md#image-skill-signup---agent');
});

// ---- values, once ----

test('values in full: an added field shows its value, long strings are kept, prose fields are compared', () => {
  const long = 'the agent reads this sentence in full '.repeat(2).trim();
  const base = side('0.1.24', null, [
    { id: 's1', steps: [{ args: ['create', '--guide', '--json'], json: envelope({ stage: 'quota_required', selection: { reason: 'default model for a first image' }, note: `${long} old ${long}` }) }] },
  ]);
  const head = side('0.1.25', null, [
    {
      id: 's1',
      steps: [{ args: ['create', '--guide', '--json'], json: envelope({ stage: 'quota_required', selection: { reason: 'cheapest executable model' }, note: `${long} new ${long}`, auth_handoff: { status: 'pending' } }) }],
    },
  ]);
  const report = diff(base, head);
  const by = (subject: string) => report.changes.find((c) => c.subject === subject);
  expect(by('/data/auth_handoff')).toMatchObject({ kind: 'added', base: null, head: '{"status":"pending"}', command: 'create' });
  expect(by('/data/note')).toMatchObject({ kind: 'changed', base: JSON.stringify(`${long} old ${long}`), head: JSON.stringify(`${long} new ${long}`) });
  expect(by('/data/selection/reason')).toMatchObject({ kind: 'changed', base: '"default model for a first image"', head: '"cheapest executable model"' });
  expect(report.changes).toHaveLength(3);
  const md = renderRegressionMarkdown(report);
  expect(md).toContain(`${long} new ${long}`);
  const html = renderRegressionHtml(report);
  expect(html).toContain('<details>');
  expect(html).toContain(`${long} new ${long}`);
});

test('steps match by command words in order: a printed command whose prefix changed is one row, not a dropped and a new step', () => {
  const quote = (prefix: string) => `${prefix} credits quote --pack starter-500 --idempotency-key KEY --json`;
  const run = (prefix: string, key: string) => [
    { args: ['create', '--guide', '--json'], json: envelope({ next_command: quote(prefix) }) },
    { args: ['credits', 'quote', '--pack', 'starter-500', '--idempotency-key', key, '--json'], shell: `${quote(prefix).replace('KEY', key)}` },
  ];
  const report = diff(side('0.1.24', null, [{ id: 'g', steps: run('image-skill', 'guide-quote-680dc2392430') }]), side('0.1.25', null, [{ id: 'g', steps: run('npx -y image-skill@latest', 'guide-quote-1fbafa2784fd') }]));
  expect(report.changes).toHaveLength(1);
  expect(report.changes[0]).toMatchObject({ kind: 'printed-command', subject: '/data/next_command', base: JSON.stringify(quote('image-skill')), head: JSON.stringify(quote('npx -y image-skill@latest')) });
  expect(pairSteps(['whoami', 'usage quota'], ['doctor', 'whoami', 'usage quota'])).toEqual([[null, 0], [0, 1], [1, 2]]);
});

test('a scenario whose steps are drawn at random is compared by its steps only when both runs drew the same commands', () => {
  const loop = (file: string, commands: string[][]) => ({ id: 'loop', file, steps: commands.map((args) => ({ args, json: envelope({ ok: 1 }) })) });
  const drawnBase = [['signup', '--json'], ['whoami', '--json']];
  const drawnHead = [['signup', '--json'], ['credits', 'quote', '--json'], ['whoami', '--json']];
  const drawn = diff(side('0.1.24', null, [loop('scenarios/agent-loop-model.spec.ts', drawnBase)]), side('0.1.25', null, [loop('scenarios/agent-loop-model.spec.ts', drawnHead)]));
  expect(drawn.changes).toEqual([]);
  // The same two runs of a scenario with fixed steps: the extra step is a change.
  const fixed = diff(side('0.1.24', null, [loop('scenarios/first-contact.spec.ts', drawnBase)]), side('0.1.25', null, [loop('scenarios/first-contact.spec.ts', drawnHead)]));
  expect(fixed.changes.map((c) => c.kind)).toEqual(['step']);
});

test('the same change in several scenarios and command forms is one row listing them', () => {
  const scenario = (id: string, args: string[], reason: string) => ({ id, steps: [{ args, json: envelope({ selection: { reason } }) }] });
  const report = diff(
    side('0.1.24', null, [scenario('a', ['create', '--guide', '--json'], 'old'), scenario('b', ['create', '--guide', '--prompt', 'x', '--json'], 'old')]),
    side('0.1.25', null, [scenario('a', ['create', '--guide', '--json'], 'new'), scenario('b', ['create', '--guide', '--prompt', 'x', '--json'], 'new')]),
  );
  expect(report.changes).toHaveLength(1);
  expect(report.changes[0].scenarios).toEqual(['a', 'b']);
  expect(report.changes[0].forms).toEqual(['create --guide --json', 'create --guide --prompt … --json']);
});

// ---- classes ----

const quoteData = { quote_id: 'quote_0123456789abcdef', state: 'created', credits: 10, price_amount_cents: 10, currency: 'USD', expires_at: '2026-05-08T20:00:00.000Z', accepted_payment_method: 'stripe_checkout', idempotency_key: 'k', pack_id: null, pack: null, live_money: true };

test('a field the head’s documented example still requires is a regression naming the rule; diff exits 1', () => {
  const step = (data: unknown) => [{ args: ['credits', 'quote', '--credits', '10', '--json'], schema: 'credits-quote', json: envelope(data) }];
  const { live_money: _dropped, ...without } = quoteData;
  const report = diff(side('0.1.25', '0.1.25', [{ id: 'q', steps: step(quoteData) }], referenceDocs), side('0.1.26', '0.1.25', [{ id: 'q', steps: step(without) }], referenceDocs));
  expect(report.changes).toHaveLength(1);
  expect(report.changes[0]).toMatchObject({ class: 'regression', kind: 'removed', subject: '/data/live_money', base: 'true', head: null, rule: { id: 'shape.credits-quote', stated_by: 'head' } });
  expect(diffExitCode(report, 'regressed')).toBe(1);
  expect(renderRegressionMarkdown(report)).toContain('`shape.credits-quote`');
});

test('a later release that drops a sentence and its field is a documented removal (exit 0); the same change as a downgrade is a regression (exit 1)', () => {
  const withWindow = { 'cli.md': '# CLI\n\n### `image-skill credits quote`\n\nThe quote carries `refund_window_days`, the days a purchase can be refunded.\n' };
  const without = { 'cli.md': '# CLI\n\n### `image-skill credits quote`\n\nThe quote names its pack.\n' };
  const quote = (data: Record<string, unknown>) => [{ id: 'q', steps: [{ args: ['credits', 'quote', '--credits', '10', '--json'], json: envelope({ quote_id: 'quote_0123456789abcdef', ...data }) }] }];
  // 0.1.30 → 0.1.31: the newer release dropped the sentence, then the field.
  const upgrade = diff(side('0.1.30', '0.1.30', quote({ refund_window_days: 14 }), withWindow), side('0.1.31', '0.1.31', quote({}), without));
  expect(upgrade.changes).toHaveLength(1);
  expect(upgrade.changes[0]).toMatchObject({ class: 'documented-removal', subject: '/data/refund_window_days', citation: { side: 'base', mentions: 'refund_window_days', new_sentence: true } });
  expect(upgrade.changes[0].citation?.sentence).toContain('refund_window_days');
  expect(diffExitCode(upgrade, 'regressed')).toBe(0);
  expect(diffExitCode(upgrade, 'changed')).toBe(1);
  // 0.1.30 → 0.1.25: the head is older; the field the base promised is taken back.
  const downgrade = diff(side('0.1.30', '0.1.30', quote({ refund_window_days: 14 }), withWindow), side('0.1.25', '0.1.25', quote({}), without));
  expect(downgrade.changes[0]).toMatchObject({ class: 'regression', subject: '/data/refund_window_days', citation: { side: 'base' } });
  expect(downgrade.changes[0].reason).toContain('older release than the base');
  expect(diffExitCode(downgrade, 'regressed')).toBe(1);
});

test('a check under a rule only the base’s documents state is a documented removal; a failing check under a head rule a regression', () => {
  const only23 = JSON.parse(readFileSync(fileURLToPath(new URL('../../schemas/examples/0.1.23/stated-rules.json', import.meta.url)), 'utf8')) as string[];
  const only25 = new Set(JSON.parse(readFileSync(fileURLToPath(new URL('../../schemas/examples/0.1.25/stated-rules.json', import.meta.url)), 'utf8')) as string[]);
  const dropped = only23.find((id) => !only25.has(id));
  expect(dropped, 'a rule 0.1.23 states and 0.1.25 does not').toBeDefined();
  const ref = (id: string) => ({ id, document: 'cli.md', section: 's', quote: 'q' });
  const step = [{ args: ['signup', '--agent', '--json'] }];
  const observed: CheckRecord = { outcome: 'observed', rule: ref(dropped!), message: 'printed a token without the prefix (not stated by these documents)', command: null, invocation_id: null };
  const failed: CheckRecord = { outcome: 'failed', rule: ref('signup.default-saves-config'), message: 'config written with mode 0644', command: null, invocation_id: null };
  const report = diff(side('0.1.23', '0.1.23', [{ id: 's', steps: step }]), side('0.1.25', '0.1.25', [{ id: 's', status: 'failed', steps: step, checks: [observed, failed] }]));
  const removal = report.changes.find((c) => c.rule?.id === dropped);
  expect(removal).toMatchObject({ class: 'documented-removal', kind: 'check', rule: { stated_by: 'base' } });
  expect(report.changes.find((c) => c.rule?.id === 'signup.default-saves-config')).toMatchObject({ class: 'regression', head: 'fails: config written with mode 0644' });
  expect(report.totals).toMatchObject({ regressed: 1 });
});

test('documented, undocumented and harness gap: by the head’s sentences and the harness-gap checks', () => {
  const docs = (extra: string): DocumentSet => ({ 'cli.md': `# CLI\n\n### \`image-skill signup --agent\`\n\nSignup answers with the agent.${extra}\n` });
  const gap: CheckRecord = {
    outcome: 'harness-gap',
    rule: { id: 'shape.create', document: 'cli.md', section: 's', quote: 'q' },
    message: '0.1.25/create at /data/request/0/selection: expected object, got undefined; harness gap: the fake’s answer lacked /request/selection',
    command: null,
    invocation_id: null,
  };
  const base = side('0.2.0', '0.2.0', [
    { id: 'a', steps: [{ args: ['signup', '--agent', '--json'], json: envelope({ agent_id: 'agent_0123456789abcdef' }) }] },
    { id: 'c', steps: [{ args: ['create', '--json'], json: envelope({ request: [{ selection: { model: 'm' } }] }) }] },
  ], docs(''));
  const head = side('0.2.1', '0.2.1', [
    { id: 'a', steps: [{ args: ['signup', '--agent', '--json'], json: envelope({ agent_id: 'agent_0123456789abcdef', auth_handoff: { status: 'pending' }, mood: 'cheerful' }) }] },
    { id: 'c', checks: [gap], steps: [{ args: ['create', '--json'], json: envelope({ request: [{}] }) }] },
  ], docs(' A fresh agent gets `auth_handoff.status` until a human claims it.'));
  const report = diff(base, head);
  const by = (subject: string) => report.changes.find((c) => c.subject === subject);
  expect(by('/data/auth_handoff')).toMatchObject({ class: 'documented', citation: { side: 'head', new_sentence: true } });
  expect(by('/data/mood')).toMatchObject({ class: 'undocumented', head: '"cheerful"' });
  expect(by('/data/request/*/selection')).toMatchObject({ class: 'harness-gap' });
  expect(diffExitCode(report, 'regressed')).toBe(0);
  // Undocumented changes come first after regressions, and the summary lists them.
  expect(report.changes.map((c) => c.class)).toEqual(['undocumented', 'documented', 'harness-gap']);
  expect(summaryLines(report).join('\n')).toContain('Undocumented changes (1)');
});

// ---- outputs ----

function bigReport(): RegressionReport {
  const fields = (v: string) => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`field_${i}`, `${v}-${i}`]));
  return diff(side('0.1.24', null, [{ id: 'big', steps: [{ args: ['whoami', '--json'], json: envelope(fields('old')) }] }]), side('0.1.25', null, [{ id: 'big', steps: [{ args: ['whoami', '--json'], json: envelope(fields('new')) }] }]));
}

test('regression.json validates against its JSON schema; a regression without its rule does not', () => {
  const report = bigReport();
  const json = JSON.parse(renderRegressionJson(report)) as RegressionReport;
  expect(regressionProblems(json)).toEqual([]);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(regressionJsonSchema);
  expect(validate(json)).toBe(true);
  const broken = structuredClone(json);
  broken.changes[0].class = 'regression';
  expect(validate(broken)).toBe(false);
  broken.totals.by_class.regression = 1;
  expect(regressionProblems(broken).join('\n')).toMatch(/rule|by_class/);
});

test('the Markdown summary fits one screen before the details; values are full after it', () => {
  const report = bigReport();
  expect(report.changes).toHaveLength(40);
  const summary = summaryLines(report);
  expect(summary.join('\n').split('\n').length).toBeLessThanOrEqual(SUMMARY_MAX);
  const md = renderRegressionMarkdown(report);
  expect(md.indexOf('### Details')).toBeGreaterThan(0);
  expect(md.split('\n').slice(0, SUMMARY_MAX).join('\n')).toContain('| class | changes | meaning |');
  expect(md).toContain('`"new-39"`');
});

test('equal input gives byte-identical reports, whatever the scenario order; HTML escapes everything', () => {
  const a = side('0.1.24', null, [{ id: 'x', steps: [{ args: ['whoami', '--json'], json: envelope({ label: '<script>alert(1)</script>' }) }] }, { id: 'y', steps: [{ args: ['doctor', '--json'] }] }]);
  const b = side('0.1.25', null, [{ id: 'y', steps: [{ args: ['doctor', '--json'] }] }, { id: 'x', steps: [{ args: ['whoami', '--json'], json: envelope({ label: '<b>new</b>' }) }] }]);
  const one = diff(a, b);
  const reversed = { ...b, input: { ...b.input, results: { ...b.input.results, scenarios: [...b.input.results.scenarios].reverse() } } };
  const two = diff(a, reversed);
  expect(renderRegressionJson(two)).toBe(renderRegressionJson(one));
  expect(renderRegressionMarkdown(two)).toBe(renderRegressionMarkdown(one));
  const html = renderRegressionHtml(one);
  expect(html).not.toContain('<script>');
  expect(html).toContain('&lt;script&gt;');
});

// ---- release notes ----

test('release notes between the two versions sit beside the changes: entries not exercised, changes no entry mentions', () => {
  const changelog = [
    '# Changelog',
    '',
    '## 0.1.26 - 2026-06-03',
    '',
    '- Fix: the guide now returns `auth_handoff.status` for a fresh agent.',
    '- Feature: `credits buy` accepts `--max-usd`.',
    '',
    '## 0.1.25 - 2026-06-02',
    '',
    '- Fix: older entry, `selection.reason`.',
  ].join('\n');
  expect(parseChangelog(changelog).map((s) => s.version)).toEqual(['0.1.26', '0.1.25']);
  const step = (data: unknown) => [{ args: ['create', '--guide', '--json'], json: envelope(data) }];
  const base = side('0.1.25', null, [{ id: 'g', steps: step({ selection: { reason: 'a' } }) }]);
  const head = side('0.1.26', null, [{ id: 'g', steps: step({ selection: { reason: 'b' }, auth_handoff: { status: 'pending' } }) }], null, changelog);
  const report = diff(base, head);
  const notes = report.release_notes!;
  expect(notes.versions).toEqual(['0.1.26']);
  const handoff = report.changes.find((c) => c.subject === '/data/auth_handoff')!;
  const reason = report.changes.find((c) => c.subject === '/data/selection/reason')!;
  expect(notes.entries[0].changes).toEqual([handoff.id]);
  expect(notes.entries[1].changes).toEqual([]);
  expect(notes.unmentioned).toEqual([reason.id]);
  expect(releaseNotes(base.input, head.input, [])?.entries).toHaveLength(2);
  expect(renderRegressionMarkdown(report)).toContain('not exercised');
});
