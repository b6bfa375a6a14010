/**
 * The Playwright passes of a real-build mutation run, on the mutation run's own roads
 * (harness/mutation/plan.ts, gate.ts): a coverage pass over the whole suite against the
 * instrumented build with no mutant active, and rounds of scheduled mutants. Like `mutate`'s
 * passes, with the instrumented folder as the target instead of the reference.
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMutationPass, type PassOptions } from '../pass.js';
import { isRecord } from '../../json.js';
import { CHECKS_ATTACHMENT } from '../../report/checks.js';
import { readCoverage } from '../coverage.js';
import type { TestCoverage } from '../coverage.js';
import { COVERAGE_DIR_ENV, KILLS_ENV, SCHEDULE_ENV } from '../gate.js';
import type { MutantSchedule } from '../gate.js';
import { outcomesFromReport } from '../json-report.js';
import type { TestOutcome } from '../json-report.js';
import { COVERAGE_PROJECT, ROUND_PROJECT } from '../plan.js';
import { testKey, testListLine } from '../test-key.js';
import type { TestRef } from '../test-key.js';

/** One pass against the instrumented folder; returns the parsed JSON report (unknown: read with outcomesFromReport). */
async function runPass(o: Omit<PassOptions, 'projects'> & { project: string; cliDir: string }): Promise<unknown> {
  const report = await runMutationPass({ ...o, projects: [{ name: o.project, cliSpec: o.cliDir }] });
  try {
    return JSON.parse(await readFile(report, 'utf8')) as unknown;
  } catch (err) {
    throw new Error(`the ${o.label} pass left no readable Playwright JSON report (${report}): ${(err as Error).message}`);
  }
}

/** Rule ids each test checked (the `isc-checks` attachment's rules_checked), by test key. */
export function rulesCheckedByTest(report: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const visit = (suite: unknown, titles: string[], top: boolean): void => {
    if (!isRecord(suite)) return;
    const path = top ? titles : [...titles, typeof suite.title === 'string' ? suite.title : ''];
    for (const spec of list(suite.specs).filter(isRecord)) {
      const ref: TestRef = { file: typeof spec.file === 'string' ? spec.file : '', titles: [...path, typeof spec.title === 'string' ? spec.title : ''] };
      const rules = new Set<string>();
      for (const t of list(spec.tests).filter(isRecord)) {
        for (const r of list(t.results).filter(isRecord)) {
          for (const a of list(r.attachments).filter(isRecord)) {
            if (a.name !== CHECKS_ATTACHMENT || typeof a.body !== 'string') continue;
            let doc: unknown;
            try {
              doc = JSON.parse(Buffer.from(a.body, 'base64').toString('utf8'));
            } catch {
              continue;
            }
            if (isRecord(doc)) for (const id of list(doc.rules_checked)) if (typeof id === 'string') rules.add(id);
          }
        }
      }
      out.set(testKey(ref), [...rules].sort());
    }
    for (const child of list(suite.suites)) visit(child, path, false);
  };
  for (const s of list(isRecord(report) ? report.suites : null)) visit(s, [], true);
  return out;
}

export interface CoveragePass {
  coverage: TestCoverage[];
  control: TestOutcome[];
  rulesByTest: Record<string, string[]>;
  durationMs: number;
}

/** The whole suite once against the instrumented build, no mutant active, recording reached mutants per test. */
export async function coveragePass(dir: string, cliDir: string, workers: number): Promise<CoveragePass> {
  const started = Date.now();
  // Some scenarios run the CLI as an unprivileged uid: the records go where any uid can write.
  const root = await mkdtemp(join(tmpdir(), 'isc-real-coverage-'));
  try {
    await chmod(root, 0o755);
    const report = await runPass({ dir, label: 'coverage', project: COVERAGE_PROJECT, cliDir, workers, env: { [COVERAGE_DIR_ENV]: root } });
    const coverage = await readCoverage(root);
    return { coverage, control: outcomesFromReport(report), rulesByTest: Object.fromEntries(rulesCheckedByTest(report)), durationMs: Date.now() - started };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** One round: each scheduled test runs its mutant; the kills folder stops a mutant's later tests. */
export async function roundPass(dir: string, label: string, cliDir: string, schedule: MutantSchedule, refs: ReadonlyMap<string, TestRef>, workers: number, timeoutMs: number): Promise<TestOutcome[]> {
  const scheduleFile = join(dir, `${label}.schedule.json`);
  await writeFile(scheduleFile, `${JSON.stringify(schedule, null, 2)}\n`);
  const testList = Object.keys(schedule.tests).map((k) => testListLine(refs.get(k) ?? { file: k, titles: [] }, ROUND_PROJECT));
  const report = await runPass({ dir, label, project: ROUND_PROJECT, cliDir, workers, env: { [SCHEDULE_ENV]: scheduleFile, [KILLS_ENV]: join(dir, 'kills') }, testList, timeoutMs });
  return outcomesFromReport(report);
}
