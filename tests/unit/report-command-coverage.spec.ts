/**
 * The build's own command list: commands.json is read at resolve time (root or
 * skills/<skill>/references/; malformed is a warning, absent is normal), handed to the reporter,
 * and the report says which of its commands the scenarios ran and which the command table lacks.
 */
import { test, expect } from '@playwright/test';
import type { FullConfig, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommandManifest, readCommandManifest, type ShippedCommandManifest } from '../../harness/target/command-manifest.js';
import { parseResolvedTarget, readTargetFile, writeTargetFile } from '../../harness/target/handoff.js';
import { describeTarget } from '../../harness/target/resolve.js';
import type { ResolvedTarget } from '../../harness/target/types.js';
import { commandCoverageLine, computeCommandCoverage, manifestCommandFor } from '../../harness/report/command-coverage.js';
import { renderSummaryMarkdown } from '../../harness/report/markdown.js';
import { renderConsoleSummary } from '../../harness/report/console-summary.js';
import { ResultsError, loadResults, parseResults, summarise, type InvocationResult, type RunResults, type ScenarioResult } from '../../harness/report/results.js';
import ConformanceReporter from '../../harness/report/playwright-reporter.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A small manifest in the shape of the builds' commands.json (made here, not copied from a build). */
function manifestDoc(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schema: 'image-skill.public-command-manifest.v1',
    command_prefix: 'image-skill',
    commands: [
      { id: 'doctor', docs_anchor: 'a-doctor', surface: 'client', mutation: false, spend: false },
      { id: 'claim', docs_anchor: 'a-claim', surface: 'hosted_cli', mutation: true, spend: false, subcommands: ['request'] },
      { id: 'usage', docs_anchor: 'a-usage', surface: 'hosted_cli', mutation: false, spend: false, subcommands: ['quota'] },
      { id: 'quota', docs_anchor: 'a-quota', surface: 'hosted_cli', mutation: false, spend: false },
      { id: 'credits', docs_anchor: 'a-credits', surface: 'hosted_cli', mutation: true, spend: true, subcommands: ['packs list', 'quote'] },
      { id: 'capabilities', docs_anchor: 'a-cap', surface: 'hosted_cli', mutation: false, spend: false, subcommands: ['list', 'show'] },
    ],
    help_entries: [{ key: '', help: { command: 'help' } }],
    ...over,
  };
}

const shipped = (): ShippedCommandManifest => ({ file: 'commands.json', manifest: parseCommandManifest(manifestDoc()) });

function invocation(id: string, args: string[]): InvocationResult {
  return {
    id,
    argv: ['node', 'image-skill.mjs', ...args],
    args,
    exit_code: 0,
    signal: null,
    timed_out: false,
    duration_ms: 5,
    schema: { schema_id: null, ok: true, issues: [] },
    secrets: { ok: true, findings: [] },
    transcript: `transcripts/x/${id}.json`,
  };
}

function scenario(id: string, status: ScenarioResult['status'], runs: string[][]): ScenarioResult {
  return { id, title: id, file: 'scenarios/x.spec.ts', project: 'scenarios', status, duration_ms: 10, errors: [], invocations: runs.map((a, i) => invocation(`inv-${i + 1}`, a)) };
}

const SCENARIOS = [
  scenario('first-contact.quota', 'passed', [['--api-base-url', 'http://127.0.0.1:9', 'usage', 'quota', '--json'], ['doctor', '--json']]),
  scenario('inspection.bare-capabilities', 'failed', [['capabilities', '--json'], ['credits', 'packs', '--json']]),
  scenario('inspection.capabilities', 'passed', [['capabilities', 'list', '--json'], ['image', 'create', '--guide']]),
];

function results(scenarios: ScenarioResult[]): RunResults {
  return {
    schema: 'image-skill-conformance.results.v1',
    run_id: '20260101-000000-abcd',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:01:00.000Z',
    cli: { spec: 'x.tgz', name: 'image-skill', version: '0.1.60', integrity: null, ships_documents: ['cli.md'] },
    contract_version: '0.1.60',
    stripe_backend: null,
    chain_mode: null,
    scenarios,
    summary: summarise(scenarios),
  };
}

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'isc-command-coverage-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('commands.json is validated: typed out, the first problem named by its pointer', () => {
  const m = parseCommandManifest(manifestDoc());
  expect(m.commands[4]).toEqual({ id: 'credits', docs_anchor: 'a-credits', surface: 'hosted_cli', mutation: true, spend: true, subcommands: ['packs list', 'quote'] });
  expect(Object.keys(m)).toEqual(['schema', 'commands']);
  expect(() => parseCommandManifest([])).toThrow('not a JSON object');
  expect(() => parseCommandManifest(manifestDoc({ schema: 'other.v2' }))).toThrow('/schema is "other.v2", expected "image-skill.public-command-manifest.v1"');
  expect(() => parseCommandManifest(manifestDoc({ commands: {} }))).toThrow('/commands is not a list');
  expect(() => parseCommandManifest(manifestDoc({ commands: [{ id: '' }] }))).toThrow('/commands/0/id is not a non-empty string');
  expect(() => parseCommandManifest(manifestDoc({ commands: [{ id: 'x', spend: 'no' }] }))).toThrow('/commands/0/spend is not a boolean');
  expect(() => parseCommandManifest(manifestDoc({ commands: [{ id: 'x', subcommands: 'list' }] }))).toThrow('/commands/0/subcommands is not a list');
  expect(() => parseCommandManifest(manifestDoc({ commands: [{ id: 'x', subcommands: ['a', 3] }] }))).toThrow('/commands/0/subcommands/1 is not a non-empty string');
  expect(() => parseCommandManifest(manifestDoc({ commands: [{ id: 'x' }, { id: 'x' }] }))).toThrow('command "x" is listed twice');
});

test('the package\'s commands.json: at the root first, else under skills/*/references/; malformed is a problem, absent is null', async () => {
  await withTempDir(async (dir) => {
    expect(await readCommandManifest(dir)).toBeNull();
    await mkdir(join(dir, 'skills/b-skill/references'), { recursive: true });
    await mkdir(join(dir, 'skills/a-skill'), { recursive: true });
    await writeFile(join(dir, 'skills/b-skill/references/commands.json'), JSON.stringify(manifestDoc()));
    const nested = await readCommandManifest(dir);
    expect(nested && 'manifest' in nested ? nested.file : nested).toBe('skills/b-skill/references/commands.json');
    await writeFile(join(dir, 'commands.json'), '{"schema": ');
    const broken = await readCommandManifest(dir);
    expect(broken).toMatchObject({ file: 'commands.json', problem: expect.stringMatching(/^not valid JSON \(/) });
    await writeFile(join(dir, 'commands.json'), JSON.stringify(manifestDoc({ commands: [{ id: 'doctor', subcommands: [1] }] })));
    expect(await readCommandManifest(dir)).toEqual({ file: 'commands.json', problem: '/commands/0/subcommands/0 is not a non-empty string' });
  });
});

test('the manifest travels with the handed-over target, and the target line names it or its problem', async () => {
  const target: ResolvedTarget = {
    spec: 'x.tgz',
    kind: 'tarball',
    name: 'image-skill',
    version: '0.1.60',
    integrity: 'sha256-ab',
    command: ['/usr/bin/node', '/p/bin/image-skill.mjs'],
    isNode: true,
    env: {},
    packageDir: '/p',
    documents: { 'cli.md': '# cli' },
    commandManifest: shipped(),
    mutant: null,
  };
  await withTempDir(async (dir) => {
    const file = join(dir, 't.json');
    await writeTargetFile(file, target);
    expect(await readTargetFile(file)).toEqual(target);
  });
  const { commandManifest: _none, ...without } = target;
  expect(parseResolvedTarget(without)).toEqual(without);
  expect(() => parseResolvedTarget({ ...target, commandManifest: { file: 'commands.json', manifest: { schema: 'x' } } })).toThrow(/"commandManifest\.manifest" is malformed: \/schema/);
  expect(describeTarget(target)).toContain('ships cli.md, commands.json (8 commands)');
  expect(describeTarget({ ...target, commandManifest: { file: 'commands.json', problem: '/commands is not a list' } })).toContain('warning: commands.json not used: /commands is not a list');
});

test('argv to manifest command: its own words first (global flags skipped), else an alias of the command table', () => {
  const names = ['usage quota', 'quota', 'credits packs list', 'capabilities list', 'claim request'];
  expect(manifestCommandFor(['--timeout-ms', '5', 'usage', 'quota', '--json'], names)).toEqual({ name: 'usage quota', alias: null });
  expect(manifestCommandFor(['quota'], names)).toEqual({ name: 'quota', alias: null });
  expect(manifestCommandFor(['claim', 'request', '--contact', 'x'], names)).toEqual({ name: 'claim request', alias: null });
  expect(manifestCommandFor(['capabilities', '--json'], names)).toEqual({ name: 'capabilities list', alias: 'capabilities' });
  expect(manifestCommandFor(['credits', 'packs'], names)).toEqual({ name: 'credits packs list', alias: 'credits packs' });
  expect(manifestCommandFor(['image', 'create', '--guide'], names)).toBeNull();
  expect(manifestCommandFor(['whoami'], names)).toBeNull();
});

test('coverage per manifest command: the scenarios that ran it, what no scenario ran, what the command table lacks', () => {
  const c = computeCommandCoverage(shipped(), SCENARIOS);
  expect(c.commands).toEqual([
    { name: 'doctor', scenarios: ['first-contact.quota'], in_table: true },
    { name: 'claim request', scenarios: [], in_table: false },
    { name: 'usage quota', scenarios: ['first-contact.quota'], in_table: true },
    { name: 'quota', scenarios: [], in_table: true },
    { name: 'credits packs list', scenarios: ['inspection.bare-capabilities'], ran_as: ['credits packs'], in_table: true },
    { name: 'credits quote', scenarios: [], in_table: true },
    { name: 'capabilities list', scenarios: ['inspection.bare-capabilities', 'inspection.capabilities'], ran_as: ['capabilities', 'capabilities list'], in_table: true },
    { name: 'capabilities show', scenarios: [], in_table: true },
  ]);
  expect(c).toMatchObject({
    file: 'commands.json',
    total: 8,
    covered: 4,
    not_covered: ['claim request', 'quota', 'credits quote', 'capabilities show'],
    not_in_table: ['claim request'],
  });
  expect(c.problem).toBeUndefined();
  const unusable = computeCommandCoverage({ file: 'skills/s/references/commands.json', problem: '/commands is not a list' }, SCENARIOS);
  expect(unusable).toEqual({ file: 'skills/s/references/commands.json', problem: '/commands is not a list', total: 0, covered: 0, commands: [], not_covered: [], not_in_table: [] });
});

test('the summary line, the summary.md table and the console: a number, never a failure', () => {
  const r = results(SCENARIOS);
  r.command_coverage = computeCommandCoverage(shipped(), SCENARIOS);
  const line = "Commands of the build's commands.json: 4/8 covered; not covered: claim request, quota, credits quote, capabilities show; not in the harness's command table: claim request";
  expect(commandCoverageLine(r.command_coverage)).toBe(line);
  expect(renderConsoleSummary(r).split('\n')).toContain(line);

  const md = renderSummaryMarkdown(r);
  expect(md).toContain("### Commands of the build's `commands.json`: 4/8 covered; not covered: `claim request`, `quota`, `credits quote`, `capabilities show`; not in the harness's command table: `claim request`");
  expect(md).toContain('| command | covered | scenarios | note |');
  expect(md).toContain('| `capabilities list` | ✔ 2 (ran as `capabilities`, `capabilities list`) | `inspection.bare-capabilities`, `inspection.capabilities` |  |');
  expect(md).toContain('| `claim request` | ✘ not covered |  | not in the command table |');
  expect(md).toContain('| `credits packs list` | ✔ 1 (ran as `credits packs`) | `inspection.bare-capabilities` |  |');
  // The coverage is not a verdict: the header is the scenarios' (one failed here).
  expect(md.split('\n')[0]).toBe('## ❌ FAIL: image-skill@0.1.60 conformance');
  const passing = results([SCENARIOS[0]]);
  passing.command_coverage = computeCommandCoverage(shipped(), passing.scenarios);
  expect(renderSummaryMarkdown(passing).split('\n')[0]).toBe('## ✅ PASS: image-skill@0.1.60 conformance');

  const bad = results(SCENARIOS);
  bad.command_coverage = computeCommandCoverage({ file: 'commands.json', problem: 'not valid JSON (Unexpected end of JSON input)' }, SCENARIOS);
  expect(commandCoverageLine(bad.command_coverage)).toBe("Commands of the build's commands.json: not used (not valid JSON (Unexpected end of JSON input))");
  expect(renderSummaryMarkdown(bad)).not.toContain('| command | covered |');
  expect(renderConsoleSummary(results([SCENARIOS[0]]))).toBe('');
});

test('results.json keeps the coverage: its schema and its sums are checked', () => {
  const r = results(SCENARIOS);
  r.command_coverage = computeCommandCoverage(shipped(), SCENARIOS);
  expect(parseResults(JSON.parse(JSON.stringify(r))).command_coverage).toEqual(r.command_coverage);
  const problems = (value: unknown): string[] => {
    try {
      parseResults(value);
    } catch (err) {
      expect(err).toBeInstanceOf(ResultsError);
      return (err as ResultsError).problems;
    }
    return [];
  };
  const off = structuredClone(r);
  off.command_coverage!.covered = 7;
  off.command_coverage!.commands[0].scenarios = ['no.such-scenario'];
  expect(problems(off)).toEqual([
    '/command_coverage/covered is 7 but 4 of its commands name a scenario',
    '/command_coverage/commands/0 names scenario "no.such-scenario", which the run does not have',
  ]);
  const shape = structuredClone(r) as unknown as { command_coverage: { commands: Array<Record<string, unknown>> } };
  shape.command_coverage.commands[1].in_table = 'no';
  expect(problems(shape).join('\n')).toMatch(/\/command_coverage\/commands\/1\/in_table must be boolean/);
});

test('the reporter reads the handed-over target and writes the coverage into results.json', async () => {
  await withTempDir(async (dir) => {
    const targetFile = join(dir, 'target.json');
    const target = parseResolvedTarget({
      spec: 'x.tgz', kind: 'tarball', name: 'image-skill', version: '0.1.60', integrity: null, command: ['/bin/true'], isNode: false,
      env: {}, packageDir: '/p', documents: {}, commandManifest: shipped(), mutant: null,
    });
    await writeTargetFile(targetFile, target);
    const project = { name: 'scenarios' };
    const tc = {
      id: 't1',
      title: 'quota',
      titlePath: () => ['', 'scenarios', 'scenarios/first-contact.spec.ts', 'quota'],
      location: { file: join(ROOT, 'scenarios/first-contact.spec.ts'), line: 1, column: 1 },
      parent: { project: () => project },
      expectedStatus: 'passed',
      annotations: [],
    } as unknown as TestCase;
    const transcript = { id: 'inv-1', argv: ['/bin/true', 'usage', 'quota', '--json'], args: ['usage', 'quota', '--json'], exitCode: 0, signal: null, timedOut: false, durationMs: 3, stdout: '', stderr: '' };
    const attachment = { name: 'transcript:inv-1', contentType: 'application/json', body: Buffer.from(JSON.stringify(transcript)) };
    const config = { configFile: join(ROOT, 'playwright.config.ts'), projects: [{ name: 'scenarios', use: { targetFile, cliSpec: 'x.tgz' } }] } as unknown as FullConfig;
    const reporter = new ConformanceReporter({ outputDir: join(dir, 'out'), quiet: true, projects: ['scenarios'], cliSpec: 'x.tgz' });
    reporter.onBegin(config, { allTests: () => [tc] } as unknown as Suite);
    reporter.onTestEnd(tc, { status: 'passed', duration: 10, annotations: [], errors: [], attachments: [attachment], retry: 0 } as unknown as TestResult);
    await reporter.onEnd({ status: 'passed' } as never);
    const written = await loadResults(join(dir, 'out/results.json'));
    expect(written.scenarios[0].invocations.map((i) => i.args)).toEqual([['usage', 'quota', '--json']]);
    expect(written.command_coverage).toMatchObject({ file: 'commands.json', total: 8, covered: 1, not_in_table: ['claim request'] });
    expect(written.command_coverage?.commands.find((c) => c.name === 'usage quota')?.scenarios).toEqual([written.scenarios[0].id]);

    // A target handed over for another spec is not this run's build: no coverage.
    const other = new ConformanceReporter({ outputDir: join(dir, 'other'), quiet: true, projects: ['scenarios'] });
    other.onBegin({ ...config, projects: [{ name: 'scenarios', use: { targetFile, cliSpec: 'y.tgz' } }] } as unknown as FullConfig, { allTests: () => [] } as unknown as Suite);
    await other.onEnd({ status: 'passed' } as never);
    expect((await loadResults(join(dir, 'other/results.json'))).command_coverage).toBeUndefined();
  });
});
