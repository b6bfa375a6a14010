/**
 * The mutation run's bookkeeping: Playwright's JSON report read into outcomes (a kill the gate
 * declared expected still counts as a failure, and carries its mutant), the round schedule
 * validated, the killer hints read leniently, and the Markdown report's tables.
 */
import { test, expect } from '@playwright/test';
import { outcomesFromReport } from '../../harness/mutation/json-report.js';
import { parseSchedule } from '../../harness/mutation/gate.js';
import { HINTS_SCHEMA, parseHints } from '../../harness/mutation/killer-hints.js';
import { parseMutants } from '../../harness/mutation/catalog.js';
import { parsePlan } from '../../harness/mutation/plan.js';
import { renderMutationMarkdown } from '../../harness/mutation/mutation-report.js';
import type { MutationReport } from '../../harness/mutation/mutation-report.js';

const report = {
  suites: [
    {
      title: 'scenarios/a.spec.ts',
      file: 'scenarios/a.spec.ts',
      specs: [
        {
          title: 'top-level test',
          file: 'scenarios/a.spec.ts',
          tags: ['guide'],
          tests: [
            {
              projectName: 'mutants',
              expectedStatus: 'failed',
              status: 'expected',
              annotations: [{ type: 'mutant', description: 'guide-ignores-quota' }],
              results: [{ status: 'failed', duration: 1200, error: { message: 'rule guide.checks broken\nmore' } }],
            },
          ],
        },
      ],
      suites: [
        {
          title: 'group',
          specs: [
            {
              title: 'nested',
              file: 'scenarios/a.spec.ts',
              tags: [],
              tests: [
                { projectName: 'mutants', status: 'unexpected', annotations: [], results: [{ status: 'timedOut', duration: 5 }] },
                { projectName: 'mutants', status: 'skipped', annotations: [{ type: 'mutant', description: 'x' }], results: [{ status: 'skipped', duration: 0 }] },
              ],
            },
          ],
        },
      ],
    },
  ],
};

test('outcomes: file-level suite left out of the name, timed out counts as failed, the mutant annotation is kept', () => {
  const out = outcomesFromReport(report);
  expect(out.map((o) => [o.key, o.status, o.mutant])).toEqual([
    ['scenarios/a.spec.ts › top-level test', 'failed', 'guide-ignores-quota'],
    ['scenarios/a.spec.ts › group › nested', 'failed', null],
    ['scenarios/a.spec.ts › group › nested', 'skipped', 'x'],
  ]);
  expect(out[0]).toMatchObject({ title: 'top-level test', durationMs: 1200, tags: ['guide'], error: 'rule guide.checks broken\nmore' });
  expect(outcomesFromReport({ nonsense: true })).toEqual([]);
});

test('schedules, plans and the catalogue are validated with the bad field named', () => {
  expect(parseSchedule({ tests: { k: 'a-1.b' } }, 's.json').tests.k).toBe('a-1.b');
  expect(() => parseSchedule({ tests: { k: '../evil' } }, 's.json')).toThrow(/s\.json: tests\["k"\] is not a mutant name/);
  expect(() => parseSchedule([], 's.json')).toThrow(/s\.json: expected/);
  expect(() => parsePlan({ jsonReport: 'r.json', projects: [{ name: 'p' }] }, 'p.json')).toThrow(/p\.json: project 0 needs string name and cliSpec/);
  expect(parsePlan({ jsonReport: 'r.json', projects: [{ name: 'p', cliSpec: 'reference', grep: '@x' }] }, 'p.json').projects[0]).toEqual({ name: 'p', cliSpec: 'reference', grep: '@x' });
  expect(parseMutants([{ name: 'm', area: 'a', rule: 'r', breaks: 'x.y' }, { name: 'n', area: 'a', rule: 'r' }], 'c.json').map((m) => m.breaks)).toEqual(['x.y', null]);
  expect(() => parseMutants([{ name: 'm', area: 'a', rule: 'r', breaks: 3 }], 'c.json')).toThrow(/"breaks" must be a rule id/);
});

test('killer hints: only our schema and string values count', () => {
  expect([...parseHints({ schema: HINTS_SCHEMA, killers: { a: 'k1', b: 2 } })]).toEqual([['a', 'k1']]);
  expect(parseHints({ schema: 'other', killers: { a: 'k1' } }).size).toBe(0);
  expect(parseHints(null).size).toBe(0);
});

test('the Markdown report has the score, not-covered survivors, the rounds and the coverage table', () => {
  const r: MutationReport = {
    schema: 'image-skill-conformance.mutation.v1',
    total: 2,
    killed: 1,
    notCovered: 1,
    control: { tests: 3, failed: [] },
    coverage: { duration_ms: 61000, tests: [{ title: 'a | b', processes: 4, switches: ['m1'] }, { title: 'quiet', processes: 1, switches: [] }] },
    rounds: [{ round: 1, mutants: 1, runs: 1, killed: 1, duration_ms: 9000 }],
    mutants: [
      { name: 'm1', area: 'x', rule: 'r1', outcome: 'killed', killed: true, killedBy: ['a | b'], firstError: 'e', reachedBy: ['a | b'], runs: 1 },
      { name: 'm2', area: 'x', rule: 'r2', outcome: 'not covered', killed: false, killedBy: [], firstError: null, reachedBy: [], runs: 0 },
    ],
    duration_ms: 70000,
  };
  const md = renderMutationMarkdown(r);
  expect(md).toContain('**mutation score: 1/2** (1 not covered)');
  expect(md).toContain('| `m1` | x | r1 | 1 | 1 | a \\| b |');
  expect(md).toContain('| `m2` | x | r2 | 0 | 0 | **not covered** |');
  expect(md).toContain('| 1 | 1 | 1 | 1 | 9.0 s |');
  expect(md).toContain('| a \\| b | 4 | `m1` |');
  expect(md).toContain('| quiet | 1 | (none) |');
});
