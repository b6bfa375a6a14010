/**
 * What a real-build mutation run keeps in its output folder, so a stopped run resumes where it
 * stopped: coverage.json (the coverage pass), sample.json, results.jsonl (one decided mutant per
 * line, appended as it is decided), and the review file of equivalent mutants. Unknown in, typed out.
 */
import { appendFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRecord } from '../../json.js';
import { readOutcomes } from '../json-report.js';
import type { TestOutcome } from '../json-report.js';
import { OUTCOMES } from './classify.js';
import type { MutantResult, Outcome, ScenarioRun } from './classify.js';
import type { CoveragePass } from './passes.js';
import type { SampleResult } from './sample.js';

export interface SampleState extends SampleResult {
  sha256: string;
  size: number;
  seed: number;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** The kept coverage pass, when it was made for this build (sha256). */
export async function readCoverageState(file: string, sha256: string): Promise<CoveragePass | null> {
  const doc = await readJson(file);
  if (!isRecord(doc) || doc.sha256 !== sha256 || !Array.isArray(doc.coverage) || !Array.isArray(doc.control) || !isRecord(doc.rulesByTest) || typeof doc.durationMs !== 'number') return null;
  // Written by writeJson below from a CoveragePass; the sha256 ties it to this build.
  return { coverage: doc.coverage, control: doc.control, rulesByTest: doc.rulesByTest, durationMs: doc.durationMs } as CoveragePass;
}

export async function writeCoverageState(file: string, sha256: string, pass: CoveragePass): Promise<void> {
  await writeJson(file, { sha256, ...pass });
}

export async function readSampleState(file: string, sha256: string, size: number, seed: number): Promise<SampleState | null> {
  const doc = await readJson(file);
  if (!isRecord(doc) || doc.sha256 !== sha256 || doc.size !== size || doc.seed !== seed || !strings(doc.ids)) return null;
  const basis = doc.basis === 'covered' || doc.basis === 'topped-up' || doc.basis === 'all' ? doc.basis : 'all';
  return { sha256, size, seed, ids: doc.ids, basis };
}

function parseRun(v: unknown): ScenarioRun | null {
  if (!isRecord(v) || typeof v.test !== 'string' || typeof v.durationMs !== 'number') return null;
  const status = v.status === 'passed' || v.status === 'failed' || v.status === 'skipped' || v.status === 'interrupted' ? v.status : null;
  if (!status) return null;
  return { test: v.test, status, error: typeof v.error === 'string' ? v.error : null, durationMs: v.durationMs };
}

export function parseResult(v: unknown): MutantResult | null {
  if (!isRecord(v) || typeof v.id !== 'string' || typeof v.key !== 'string' || !OUTCOMES.includes(v.outcome as Outcome) || !Array.isArray(v.runs) || !strings(v.coveredBy)) return null;
  const runs = v.runs.map(parseRun);
  if (runs.some((r) => r === null)) return null;
  return {
    id: v.id,
    key: v.key,
    outcome: v.outcome as Outcome,
    decidedBy: typeof v.decidedBy === 'string' ? v.decidedBy : null,
    firstError: typeof v.firstError === 'string' ? v.firstError : null,
    runs: runs.filter((r): r is ScenarioRun => r !== null),
    coveredBy: v.coveredBy,
  };
}

/** Decided mutants so far (the last line for an id wins; a torn last line is ignored). */
export async function readResults(file: string): Promise<MutantResult[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const byId = new Map<string, MutantResult>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    const r = parseResult(parsed);
    if (r) byId.set(r.id, r);
  }
  return [...byId.values()];
}

export async function appendResult(file: string, r: MutantResult): Promise<void> {
  await appendFile(file, `${JSON.stringify(r)}\n`);
}

/**
 * The review of equivalent mutants: `{ "equivalent": [ { "key": <mutant key>, "reason": <one line> } ] }`.
 * A missing file is an empty review; a malformed one throws.
 */
export async function readReview(file: string): Promise<Map<string, string>> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text === null) return new Map();
  const doc: unknown = JSON.parse(text);
  if (!isRecord(doc) || !Array.isArray(doc.equivalent)) throw new Error(`${file}: expected { "equivalent": [ { "key", "reason" } ] }`);
  const out = new Map<string, string>();
  doc.equivalent.forEach((e: unknown, i) => {
    if (!isRecord(e) || typeof e.key !== 'string' || typeof e.reason !== 'string' || e.reason.trim() === '') throw new Error(`${file}: entry ${i} needs a string key and a one-line reason`);
    out.set(e.key, e.reason.trim());
  });
  return out;
}

/**
 * The scenario runs of earlier rounds kept in `dir` (`round<n>[-<layer>].schedule.json` beside its
 * Playwright JSON report), by mutant: what a resumed run need not run again. Skipped and
 * interrupted runs are left out; a round without a readable report counts as not run.
 */
export async function readTried(dir: string): Promise<{ tried: Map<string, Array<{ key: string; run: ScenarioRun }>>; lastRound: number }> {
  const tried = new Map<string, Array<{ key: string; run: ScenarioRun }>>();
  let lastRound = 0;
  for (const file of await readdir(dir)) {
    const m = /^(round(\d+)(?:-\d+)?)\.schedule\.json$/.exec(file);
    if (!m) continue;
    lastRound = Math.max(lastRound, Number(m[2]));
    let outcomes: TestOutcome[];
    try {
      outcomes = await readOutcomes(join(dir, `${m[1]}.playwright.json`));
    } catch {
      continue;
    }
    for (const o of outcomes) {
      if (o.mutant === null || (o.status !== 'passed' && o.status !== 'failed')) continue;
      const list = tried.get(o.mutant) ?? [];
      list.push({ key: o.key, run: { test: o.title, status: o.status, error: o.error, durationMs: o.durationMs } });
      tried.set(o.mutant, list);
    }
  }
  return { tried, lastRound };
}
