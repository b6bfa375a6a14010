/** Reads Playwright's JSON reporter output into one outcome per test run. Unknown in, typed out. */
import { readFile } from 'node:fs/promises';
import { isRecord } from '../json.js';
import { MUTANT_ANNOTATION } from './gate.js';
import { testKey } from './test-key.js';
import type { TestRef } from './test-key.js';

export interface TestOutcome {
  project: string;
  key: string;
  ref: TestRef;
  /** Describe titles and the test title, joined with " › ". */
  title: string;
  /** The last attempt: timed out counts as failed. */
  status: 'passed' | 'failed' | 'skipped' | 'interrupted';
  error: string | null;
  durationMs: number;
  tags: string[];
  /** The mutant this run was against (mutation rounds), else null. */
  mutant: string | null;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function statusOf(raw: string | null): TestOutcome['status'] {
  if (raw === 'passed') return 'passed';
  if (raw === 'skipped') return 'skipped';
  if (raw === 'interrupted') return 'interrupted';
  return 'failed';
}

export function outcomesFromReport(report: unknown): TestOutcome[] {
  const out: TestOutcome[] = [];
  const visit = (suite: unknown, titles: string[], top: boolean) => {
    if (!isRecord(suite)) return;
    // The top-level suites are the spec files; their titles are not part of a test's name.
    const path = top ? titles : [...titles, str(suite.title) ?? ''];
    for (const spec of list(suite.specs)) {
      if (!isRecord(spec)) continue;
      const ref: TestRef = { file: str(spec.file) ?? '', titles: [...path, str(spec.title) ?? ''] };
      for (const t of list(spec.tests)) {
        if (!isRecord(t)) continue;
        const results = list(t.results).filter(isRecord);
        const last = results.at(-1);
        const error = results.map((r) => (isRecord(r.error) ? str(r.error.message) : null)).find((m) => m) ?? null;
        const mutant = list(t.annotations).filter(isRecord).find((a) => a.type === MUTANT_ANNOTATION);
        out.push({
          project: str(t.projectName) ?? '',
          key: testKey(ref),
          ref,
          title: ref.titles.join(' › '),
          status: last ? statusOf(str(last.status)) : 'skipped',
          error,
          durationMs: results.reduce((sum, r) => sum + (typeof r.duration === 'number' ? r.duration : 0), 0),
          tags: list(spec.tags).filter((x): x is string => typeof x === 'string'),
          mutant: mutant ? str(mutant.description) : null,
        });
      }
    }
    for (const child of list(suite.suites)) visit(child, path, false);
  };
  for (const s of list(isRecord(report) ? report.suites : null)) visit(s, [], true);
  return out;
}

export async function readOutcomes(file: string): Promise<TestOutcome[]> {
  let report: unknown;
  try {
    report = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the Playwright JSON report ${file}: ${(err as Error).message}`);
  }
  return outcomesFromReport(report);
}
