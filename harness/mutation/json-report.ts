/** Reads Playwright's JSON reporter output into per-project test outcomes. */
import { readFile } from 'node:fs/promises';

export interface TestOutcome {
  project: string;
  title: string;
  file: string;
  status: 'passed' | 'failed' | 'skipped' | 'flaky';
  error: string | null;
}

interface JsonSpec {
  title: string;
  file: string;
  tests: Array<{ projectName: string; status: string; results: Array<{ error?: { message?: string } }> }>;
}
interface JsonSuite {
  title: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}

export async function readOutcomes(file: string): Promise<TestOutcome[]> {
  const report = JSON.parse(await readFile(file, 'utf8')) as { suites?: JsonSuite[] };
  const out: TestOutcome[] = [];
  const visit = (suite: JsonSuite, path: string[]) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const status = t.status === 'expected' ? 'passed' : t.status === 'skipped' ? 'skipped' : t.status === 'flaky' ? 'flaky' : 'failed';
        const error = t.results.map((r) => r.error?.message).find((m) => m) ?? null;
        out.push({ project: t.projectName, title: [...path, spec.title].filter(Boolean).join(' › '), file: spec.file, status, error });
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...path, child.title]);
  };
  for (const s of report.suites ?? []) visit(s, []);
  return out;
}
