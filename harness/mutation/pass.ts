/**
 * One Playwright pass of a mutation run: the plan file (harness/mutation/plan.ts) that names the
 * projects and the JSON report, an optional test list, then the run. Used by `mutate` (the
 * reference's mutants) and the real-build benchmark (real-build/passes.ts).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runPlaywright } from '../cli/playwright.js';
import type { MutationPlan } from './plan.js';

export interface PassOptions {
  dir: string;
  label: string;
  projects: MutationPlan['projects'];
  workers: number | null;
  env: Record<string, string>;
  testList?: string[];
  /** Playwright's per-test timeout (tests that set their own keep theirs). */
  timeoutMs?: number;
}

/** Runs the pass; returns the path of its Playwright JSON report. */
export async function runMutationPass(o: PassOptions): Promise<string> {
  const plan: MutationPlan = { jsonReport: join(o.dir, `${o.label}.playwright.json`), projects: o.projects };
  const planFile = join(o.dir, `${o.label}.plan.json`);
  await writeFile(planFile, JSON.stringify(plan, null, 2));
  const extraArgs: string[] = [];
  if (o.testList) {
    const listFile = join(o.dir, `${o.label}.tests.txt`);
    await writeFile(listFile, `${o.testList.join('\n')}\n`);
    extraArgs.push(`--test-list=${listFile}`);
  }
  if (o.timeoutMs) extraArgs.push(`--timeout=${o.timeoutMs}`);
  await runPlaywright({ projects: [], workers: o.workers, env: { ISC_MUTATION_PLAN: planFile, ISC_REPORT_DIR: join(o.dir, o.label), ...o.env }, extraArgs, quiet: true });
  return plan.jsonReport;
}
