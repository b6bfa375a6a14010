/**
 * The real-build mutation benchmark's parts (harness/mutation/real-build/): Stryker instruments
 * a tiny fixture script (tests/fixtures/mutation-real, not CLI code) and the files its bin loads;
 * an active mutant changes what it prints and coverage is recorded per process; the sample is
 * reproducible; mutant keys survive edits elsewhere; the report classifies fabricated runs.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { switchesInRecord } from '../../harness/mutation/coverage.js';
import { instrumentPackage, RUNTIME_FILE } from '../../harness/mutation/real-build/build.js';
import { classify } from '../../harness/mutation/real-build/classify.js';
import type { MutantResult, ScenarioRun } from '../../harness/mutation/real-build/classify.js';
import { describeMutants, SNIPPET_MAX } from '../../harness/mutation/real-build/mutants.js';
import type { MutantInfo } from '../../harness/mutation/real-build/mutants.js';
import { buildReport } from '../../harness/mutation/real-build/report.js';
import { layeredRound, runRounds } from '../../harness/mutation/real-build/rounds.js';
import type { TestOutcome } from '../../harness/mutation/json-report.js';
import { drawSample } from '../../harness/mutation/real-build/sample.js';
import { NO_SENTENCE } from '../../harness/mutation/real-build/sentences.js';
import type { Rule } from '../../harness/rules/types.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/mutation-real', import.meta.url));

let work = '';
let mutants: MutantInfo[] = [];
test.beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'mutation-real-'));
  cpSync(FIXTURE, join(work, 'pkg'), { recursive: true });
  ({ mutants } = await instrumentPackage(join(work, 'pkg'), join(work, 'pkg', 'bin', 'tiny.mjs')));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

function tiny(arg: string, env: Record<string, string> = {}): unknown {
  const r = spawnSync(process.execPath, [join(work, 'pkg', 'bin', 'tiny.mjs'), arg], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

test('instrumenting the bin and the file it imports yields mutants in both, the runtime loaded first', () => {
  expect(new Set(mutants.map((m) => m.file))).toEqual(new Set(['bin/tiny.mjs', 'lib/grade.mjs']));
  const lines = readFileSync(join(work, 'pkg', 'bin', 'tiny.mjs'), 'utf8').split('\n');
  expect(lines[0]).toBe('#!/usr/bin/env node');
  expect(lines[1]).toBe(`import "../${RUNTIME_FILE}";`);
  for (const m of mutants) {
    expect(m.snippet.length).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(m.key).toContain(`${m.file} | ${m.mutator} | `);
  }
});

test('no active mutant behaves as the original; an active one changes the output; coverage names reached ids', () => {
  expect(tiny('50')).toEqual({ score: 50, grade: 'pass' });
  const boundary = mutants.find((m) => m.file === 'lib/grade.mjs' && m.mutator === 'EqualityOperator' && m.snippet === 'score >= 50 → score > 50');
  expect(boundary, mutants.map((m) => m.snippet).join('\n')).toBeTruthy();
  expect(tiny('50', { ISC_REFERENCE_MUTANT: boundary!.id })).toEqual({ score: 50, grade: 'fail' });
  expect(tiny('51', { ISC_REFERENCE_MUTANT: boundary!.id })).toEqual({ score: 51, grade: 'pass' });

  const dir = join(work, 'coverage');
  mkdirSync(dir);
  tiny('10', { ISC_REFERENCE_COVERAGE: dir });
  const [record] = readdirSync(dir);
  const reached = switchesInRecord(readFileSync(join(dir, record), 'utf8'), record);
  expect(reached).toContain(boundary!.id);
  const passBranch = mutants.find((m) => m.file === 'lib/grade.mjs' && m.mutator === 'StringLiteral' && m.snippet.startsWith("'pass'"));
  expect(passBranch).toBeTruthy();
  expect(reached).not.toContain(passBranch!.id);
});

test('a mutant key survives lines added elsewhere; the id does not matter', () => {
  const source = 'const a = 1;\n\n\n\nfunction f(x) {\n  return x > 2;\n}\n';
  const m = { id: '7', file: 'x.mjs', mutatorName: 'EqualityOperator', line: 6, column: 9, endLine: 6, endColumn: 14, replacement: 'x >= 2' };
  const [before] = describeMutants(source, [m]);
  const [after] = describeMutants(`// a new first line\n${source}`, [{ ...m, id: '8', line: 7, endLine: 7 }]);
  expect(before.snippet).toBe('x > 2 → x >= 2');
  expect(after.key).toBe(before.key);
});

test('the sample is reproducible, prefers reached mutants and a smaller sample is a prefix of a larger one', () => {
  const ids = Array.from({ length: 500 }, (_, i) => String(i));
  const covered = new Set(ids.filter((id) => Number(id) % 3 === 0));
  const a = drawSample(ids, covered, 50, 7);
  expect(drawSample([...ids].reverse(), covered, 50, 7)).toEqual(a);
  expect(a.basis).toBe('covered');
  expect(a.ids.every((id) => covered.has(id))).toBe(true);
  expect(new Set(a.ids).size).toBe(50);
  expect(drawSample(ids, covered, 50, 8).ids).not.toEqual(a.ids);
  expect(drawSample(ids, covered, 10, 7).ids).toEqual(a.ids.slice(0, 10));
  const topped = drawSample(ids, covered, 200, 7);
  expect(topped.basis).toBe('topped-up');
  expect(topped.ids.filter((id) => covered.has(id))).toHaveLength(covered.size);
  expect(drawSample(ids, null, 20, 7).basis).toBe('all');
});

const run = (test: string, status: ScenarioRun['status'], error: string | null = null): ScenarioRun => ({ test, status, error, durationMs: 1000 });

test('the report classifies fabricated runs: kill, timeout, survivor, no coverage, equivalent by review', () => {
  const info = (id: string, original: string): MutantInfo => ({ id, key: `k${id}`, file: 'bin/x.mjs', line: Number(id), mutator: 'StringLiteral', snippet: `${original} → ""`, original, lineText: `x = ${original};` });
  const results: MutantResult[] = [
    classify('1', 'k1', [run('quick', 'passed'), run('slow', 'failed', 'expect(received).toBe(expected)')], ['quick', 'slow']),
    classify('2', 'k2', [run('quick', 'failed', 'Test timeout of 60000ms exceeded.')], ['quick']),
    classify('3', 'k3', [run('quick', 'passed'), run('slow', 'passed')], ['quick', 'slow']),
    classify('4', 'k4', [], []),
    classify('5', 'k5', [run('quick', 'passed')], ['quick']),
    classify('6', 'k6', [run('slow', 'passed')], ['slow']),
  ];
  expect(results.map((r) => r.outcome)).toEqual(['killed', 'timed out', 'survived', 'no coverage', 'survived', 'survived']);
  expect(results[0].decidedBy).toBe('slow');
  const rule: Rule = { id: 'envelope.next-command', document: 'cli.md', section: 'Output', quote: 'every error names a next_command', summary: '', asserts: ['error.next_command'] };
  const report = buildReport({
    build: { tarball: 'x.tgz', name: 'x', version: '1', sha256: 'ab'.repeat(32) },
    mutants: [info('1', '"a"'), info('2', '"b"'), info('3', '"next_command"'), info('4', '"d"'), info('5', '"e"'), info('6', '"f"')],
    coveredIds: new Set(['1', '2', '3', '5', '6']),
    sample: { ids: ['1', '2', '3', '4', '5', '6', '7'], seed: 1, basis: 'covered' },
    results,
    equivalent: new Map([['k5', 'the string is never shown']]),
    rulesByTitle: new Map([['slow', ['envelope.next-command']]]),
    rules: new Map([[rule.id, rule]]),
    coveragePassMs: 1,
    roundsWallMs: 60_000,
    notes: [],
  });
  expect(report.counts).toEqual({ killed: 1, survived: 2, 'timed out': 1, 'no coverage': 1, equivalent: 1 });
  expect(report.sample).toMatchObject({ decided: 6, pending: 1 });
  expect(report.score).toBe(2 / 4);
  expect(report.cost.wallMsPerMutant).toBe(10_000);
  expect(report.survivorsBySentence.map((g) => [g.label, g.mutants.map((m) => m.id)])).toEqual([
    ['envelope.next-command', ['3']],
    [NO_SENTENCE, ['6']],
  ]);
  expect(report.results.find((r) => r.id === '5')?.reason).toBe('the string is never shown');
});

test('rounds: each mutant runs only the passing scenarios that reached it, until its first failure', async () => {
  const info = (id: string): MutantInfo => ({ id, key: `k${id}`, file: 'x.mjs', line: 1, mutator: 'M', snippet: '', original: '', lineText: '' });
  const tests = ['a', 'b', 'c'].map((key, i) => ({ key, switches: key === 'c' ? ['1'] : ['1', '2'], durationMs: i, tags: [], citedRules: new Set<string>() }));
  // Mutant 1 fails only scenario c, mutant 2 fails nothing, mutant 3 is reached by no scenario.
  const fails = new Set(['1@c']);
  const scheduled: string[] = [];
  const decided: MutantResult[] = [];
  const summary = await runRounds(
    { dir: '', cliDir: '', workers: 1, timeoutMs: 1000, mutants: ['1', '2', '3'].map(info), tests, refs: new Map(), firstRound: 1, onDecided: async (r) => void decided.push(r), log: () => undefined },
    async (_label, schedule) =>
      Object.entries(schedule.tests).map(([key, mutant]): TestOutcome => {
        scheduled.push(`${mutant}@${key}`);
        return { project: 'mutants', key, ref: { file: key, titles: [key] }, title: key, status: fails.has(`${mutant}@${key}`) ? 'failed' : 'passed', error: null, durationMs: 1, tags: [], mutant };
      }),
  );
  expect(Object.fromEntries(decided.map((r) => [r.id, r.outcome]))).toEqual({ '1': 'killed', '2': 'survived', '3': 'no coverage' });
  expect(decided.find((r) => r.id === '1')?.decidedBy).toBe('c');
  expect(scheduled.filter((s) => s.startsWith('2@')).sort()).toEqual(['2@a', '2@b']);
  expect(scheduled.filter((s) => s.startsWith('3@'))).toEqual([]);
  expect(summary.stopped).toBe(false);
});

test('layered rounds: a test carries one mutant per layer, a mutant never the same test twice; a resumed mutant skips what it ran', async () => {
  const layers = layeredRound(new Map([['m1', ['a']], ['m2', ['a']], ['m3', ['a', 'b']]]), 1, 2);
  expect(layers.map((l) => Object.fromEntries(l))).toEqual([{ a: 'm1', b: 'm3' }, { a: 'm2' }]);

  const info = (id: string): MutantInfo => ({ id, key: `k${id}`, file: 'x.mjs', line: 1, mutator: 'M', snippet: '', original: '', lineText: '' });
  const tests = ['a', 'b'].map((key, i) => ({ key, switches: ['2', '5'], durationMs: i, tags: [], citedRules: new Set<string>() }));
  const scheduled: string[] = [];
  const decided: MutantResult[] = [];
  await runRounds(
    {
      dir: '', cliDir: '', workers: 1, timeoutMs: 1000, mutants: [info('2'), info('5')], tests, refs: new Map(), firstRound: 4, layers: 2,
      tried: new Map([['2', [{ key: 'a', run: run('a', 'passed') }]], ['5', [{ key: 'a', run: run('a', 'failed', 'boom') }]]]),
      onDecided: async (r) => void decided.push(r), log: () => undefined,
    },
    async (label, schedule) =>
      Object.entries(schedule.tests).map(([key, mutant]): TestOutcome => {
        scheduled.push(`${label}:${mutant}@${key}`);
        return { project: 'mutants', key, ref: { file: key, titles: [key] }, title: key, status: 'passed', error: null, durationMs: 1, tags: [], mutant };
      }),
  );
  expect(scheduled).toEqual(['round4:2@b']);
  expect(Object.fromEntries(decided.map((r) => [r.id, [r.outcome, r.runs.length]]))).toEqual({ '2': ['survived', 2], '5': ['killed', 1] });
});
