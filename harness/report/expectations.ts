/**
 * Known-defect baselines (`run --expect known-defects.json`): which contract rules a build
 * is known to break. A run is then judged by what is new, what is still failing as
 * expected, and which entries no longer fail (stale: remove them from the baseline).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { schemaCheck } from './ajv-text.js';
import { ruleFailures } from './checks.js';
import type { RunResults, ScenarioResult } from './results.js';
import { readJsonFile } from '../json.js';

export const EXPECTATIONS_SCHEMA = 'image-skill-conformance.expectations.v1';

export interface ExpectationEntry {
  /** Rule id from the rule catalogue, e.g. `signup.show-token-only`. */
  rule: string;
  /** Only this scenario; without it the rule is expected to fail wherever it is checked. */
  scenario?: string;
  reason: string;
  link?: string;
}

export interface ExpectationsFile {
  schema: typeof EXPECTATIONS_SCHEMA;
  /** Free text: which build this baseline describes. */
  cli?: string;
  expected: ExpectationEntry[];
}

/** One failure of a scenario: a rule it broke, or (rule null) a harness error. */
export interface FailureRef {
  scenario: string;
  rule: string | null;
  message: string;
}

export interface ExpectationsReport {
  file: string;
  strict: boolean;
  /** A --grep/--shard run: entries that nothing exercised are not called stale. */
  partial: boolean;
  new: FailureRef[];
  expected: Array<FailureRef & { reason: string; link?: string }>;
  /** Entries that matched no failure although their scenario (or the whole suite) ran. */
  fixed: Array<ExpectationEntry & { note?: string }>;
  /** Entries this partial run did not exercise. */
  unexercised: ExpectationEntry[];
}

const entrySchema = {
  type: 'object',
  required: ['rule', 'reason'],
  additionalProperties: false,
  properties: {
    rule: { type: 'string', pattern: '^\\S+$' },
    scenario: { type: 'string', minLength: 1 },
    reason: { type: 'string', minLength: 1 },
    link: { type: 'string', minLength: 1 },
  },
} as const;

export const expectationsJsonSchema = {
  type: 'object',
  required: ['schema', 'expected'],
  additionalProperties: false,
  properties: {
    schema: { const: EXPECTATIONS_SCHEMA },
    cli: { type: 'string' },
    expected: { type: 'array', items: entrySchema },
  },
} as const;

const checkExpectations = schemaCheck(expectationsJsonSchema);

export class ExpectationsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid expectations file ${file}: ${problems.join('; ')}`);
    this.name = 'ExpectationsError';
  }
}

function duplicates(entries: ExpectationEntry[]): string[] {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  entries.forEach((e, i) => {
    const key = `${e.rule}\u0000${e.scenario ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(`/expected/${i} repeats /expected/${first} (rule "${e.rule}"${e.scenario ? `, scenario "${e.scenario}"` : ''})`);
    else seen.set(key, i);
  });
  return problems;
}

export function parseExpectations(value: unknown, source = '<expectations>'): ExpectationsFile {
  const shapeProblems = checkExpectations(value);
  if (shapeProblems.length > 0) throw new ExpectationsError(source, shapeProblems);
  const file = value as ExpectationsFile;
  const problems = duplicates(file.expected);
  if (problems.length > 0) throw new ExpectationsError(source, problems);
  return file;
}

export async function loadExpectations(file: string): Promise<ExpectationsFile> {
  const read = await readJsonFile(file);
  if (!read.ok) throw new ExpectationsError(file, [read.problem]);
  return parseExpectations(read.value, file);
}

/**
 * The scenarios a baseline names, with the rules it expects each to break: the fixture marks
 * them expected to fail (see KNOWN_DEFECT_ANNOTATION). Entries without a scenario name none.
 * Sync, for playwright.config.ts; the front end has validated the file before the run.
 */
export function knownDefectScenarios(file: string): Record<string, string> {
  if (!existsSync(file)) return {}; // --update-expectations creating it
  const parsed = parseExpectations(JSON.parse(readFileSync(file, 'utf8')), file);
  const byScenario: Record<string, string> = {};
  for (const e of parsed.expected) {
    if (e.scenario) byScenario[e.scenario] = byScenario[e.scenario] ? `${byScenario[e.scenario]}, ${e.rule}` : e.rule;
  }
  return byScenario;
}

function matches(entry: ExpectationEntry, scenario: string, rule: string): boolean {
  return entry.rule === rule && (entry.scenario === undefined || entry.scenario === scenario);
}

/** Every failure of the failed scenarios: one per failed rule check, or one harness error. */
export function failuresOf(results: RunResults): FailureRef[] {
  const out: FailureRef[] = [];
  for (const s of results.scenarios) {
    if (s.status !== 'failed') continue;
    const failed = ruleFailures(s.checks);
    if (failed.length === 0) out.push({ scenario: s.id, rule: null, message: s.errors[0] ?? 'failed without an error message' });
    for (const c of failed) out.push({ scenario: s.id, rule: c.rule.id, message: c.message });
  }
  return out;
}

function ran(s: ScenarioResult | undefined): boolean {
  return s !== undefined && (s.status === 'passed' || s.status === 'failed');
}

export function classify(
  results: RunResults,
  baseline: ExpectationsFile,
  opts: { file: string; strict?: boolean; partial?: boolean },
): ExpectationsReport {
  const report: ExpectationsReport = { file: opts.file, strict: opts.strict ?? false, partial: opts.partial ?? false, new: [], expected: [], fixed: [], unexercised: [] };
  const used = new Set<ExpectationEntry>();
  for (const f of failuresOf(results)) {
    const entry = f.rule === null ? undefined : baseline.expected.find((e) => matches(e, f.scenario, f.rule as string));
    if (!entry) {
      report.new.push(f);
      continue;
    }
    used.add(entry);
    report.expected.push({ ...f, reason: entry.reason, ...(entry.link ? { link: entry.link } : {}) });
  }
  const byId = new Map(results.scenarios.map((s) => [s.id, s]));
  for (const entry of baseline.expected) {
    if (used.has(entry)) continue;
    const scenario = entry.scenario === undefined ? undefined : byId.get(entry.scenario);
    if (entry.scenario !== undefined && ran(scenario)) report.fixed.push({ ...entry });
    else if (report.partial) report.unexercised.push({ ...entry });
    else if (entry.scenario !== undefined && !scenario) report.fixed.push({ ...entry, note: 'no scenario with this id in the run' });
    else if (entry.scenario !== undefined) report.unexercised.push({ ...entry });
    else report.fixed.push({ ...entry });
  }
  return report;
}

/** What the gate says about a classified run: 0 when only expected failures failed. */
export function expectationsExit(report: ExpectationsReport): { exit: 0 | 1; reasons: string[] } {
  const reasons: string[] = [];
  const harness = report.new.filter((f) => f.rule === null).length;
  const rules = report.new.length - harness;
  if (rules > 0) reasons.push(`${rules} new failure(s) not in ${report.file}`);
  if (harness > 0) reasons.push(`${harness} harness error(s) (a baseline cannot expect those)`);
  if (report.strict && report.fixed.length > 0) reasons.push(`${report.fixed.length} baseline entr${report.fixed.length === 1 ? 'y no longer fails' : 'ies no longer fail'} (--strict-expectations): remove from the baseline`);
  return { exit: reasons.length > 0 ? 1 : 0, reasons };
}

export const PLACEHOLDER_REASON = 'recorded by --update-expectations: triage it and replace this reason';

/**
 * The baseline a run implies: existing entries that still match (reason and link kept),
 * entries a partial run did not exercise, and one entry per new rule failure.
 */
export function updatedExpectations(results: RunResults, existing: ExpectationsFile | null, opts: { partial?: boolean; cli?: string } = {}): ExpectationsFile {
  const baseline = existing ?? { schema: EXPECTATIONS_SCHEMA, expected: [] };
  const report = classify(results, baseline, { file: '<update>', partial: opts.partial });
  const keep = new Set<string>();
  const key = (rule: string, scenario?: string) => `${rule}\u0000${scenario ?? ''}`;
  for (const f of report.expected) {
    const entry = baseline.expected.find((e) => f.rule !== null && matches(e, f.scenario, f.rule));
    if (entry) keep.add(key(entry.rule, entry.scenario));
  }
  for (const e of report.unexercised) keep.add(key(e.rule, e.scenario));
  const entries: ExpectationEntry[] = baseline.expected.filter((e) => keep.has(key(e.rule, e.scenario)));
  for (const f of report.new) {
    if (f.rule === null || keep.has(key(f.rule, f.scenario))) continue;
    keep.add(key(f.rule, f.scenario));
    entries.push({ rule: f.rule, scenario: f.scenario, reason: PLACEHOLDER_REASON });
  }
  entries.sort((a, b) => key(a.rule, a.scenario).localeCompare(key(b.rule, b.scenario)));
  const cli = opts.cli ?? baseline.cli;
  return { schema: EXPECTATIONS_SCHEMA, ...(cli ? { cli } : {}), expected: entries };
}

export async function writeExpectations(file: string, value: ExpectationsFile): Promise<void> {
  parseExpectations(value, file);
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}
