/**
 * The run results model (reports/<run-id>/results.json) and its loader.
 * Everything that consumes a run (CI gate, markdown summary, regression diff) reads this.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SchemaIssue, SecretFinding } from '../runner/types.js';
import { validateResultsShape } from './results-schema.js';
import type { CheckRecord } from './checks.js';
import type { ExpectationsReport } from './expectations.js';
import type { CommandCoverage } from './command-coverage.js';
import { readJsonFile } from '../json.js';

export const RESULTS_SCHEMA = 'image-skill-conformance.results.v1';

export type ScenarioStatus = 'passed' | 'failed' | 'not-run' | 'skipped';

export interface CliInfo {
  spec: string;
  name: string | null;
  version: string | null;
  integrity: string | null;
  /** Contract documents found inside the package, e.g. ['cli.md', 'skill.md']. */
  ships_documents: string[];
}

export interface InvocationResult {
  id: string;
  /** Full argv including the target's command prefix. */
  argv: string[];
  /** argv after the command prefix (what the scenario passed); used to match runs of different builds. */
  args: string[];
  /** Present when the invocation went through a shell (a command the CLI printed). */
  shell_command?: string;
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  duration_ms: number;
  schema: { schema_id: string | null; ok: boolean; issues: SchemaIssue[]; note?: string };
  secrets: { ok: boolean; findings: SecretFinding[] };
  /** Path of the transcript JSON, relative to the report directory. */
  transcript: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  file: string;
  project: string;
  status: ScenarioStatus;
  not_run_reason?: string;
  /** Reason given to test.skip(), for plain skips. */
  skip_reason?: string;
  /** True when the scenario passed only after a retry. */
  flaky?: boolean;
  duration_ms: number;
  errors: string[];
  invocations: InvocationResult[];
  /** The scenario's checks (attachment `isc-checks`); absent when it attached none. */
  checks?: CheckRecord[];
  /**
   * Rule ids the scenario's checks exercised, failing or not (its `contract.rule` bodies and the
   * automatic checks of its invocations); absent in reports written before it was recorded.
   */
  rules_checked?: string[];
}

export interface RunSummary {
  passed: number;
  failed: number;
  not_run: number;
  skipped: number;
  total: number;
}

/** Documented output shapes exercised by the run (same fields as the checks area's CoverageReport). */
export interface SchemaCoverage {
  version?: string;
  /** Output shapes the contract documents. */
  total: number;
  /** Shapes at least one invocation was checked against. */
  covered: number;
  percent?: number;
  /** Documented shapes never exercised. */
  missing: string[];
  exercised?: Record<string, number>;
}

export interface MutationScore {
  killed: number;
  survived: number;
  /** Mutants that could not be judged (timeouts, errors). */
  errors?: number;
  total: number;
  /** killed / (killed + survived), 0..1. */
  score: number;
  survivors: string[];
}

/** A rule an earlier release stated whose sentence the run's documents rewrote (harness/rules/stated.ts). */
export interface NoLongerStatedRule {
  id: string;
  document: string;
  section: string;
  /** What the section says now, near where the quote was (a few hundred characters). */
  section_text: string;
}

export interface RunResults {
  schema: typeof RESULTS_SCHEMA;
  run_id: string;
  started_at: string;
  finished_at: string;
  cli: CliInfo;
  contract_version: string | null;
  /** How the contract version was chosen, e.g. "--contract 9.9.9: derived from the package's cli.md over 0.1.25". */
  contract_source?: string;
  stripe_backend: string | null;
  chain_mode: string | null;
  /** Present when chain_mode is "fork": what was forked, at which block, and how the agent was funded. */
  chain_fork?: ChainForkMeta;
  scenarios: ScenarioResult[];
  summary: RunSummary;
  schema_coverage?: SchemaCoverage;
  mutation?: MutationScore;
  /** Present when the run was judged against a baseline (`run --expect`). */
  expectations?: ExpectationsReport;
  /** Present when the build ships commands.json: which of its commands the scenarios ran. Never fails a run. */
  command_coverage?: CommandCoverage;
  /** Rules the run's documents no longer state (their sentence was rewritten); never checked as failures. */
  no_longer_stated?: NoLongerStatedRule[];
}

export interface ChainForkMeta {
  upstream_chain_id: number;
  /** Upstream block the fork started from; BASE_FORK_BLOCK / --fork-block-number re-runs on it. */
  block_number: number;
  pinned: boolean;
  /** 'master-minter' or 'storage-slot'. */
  funding: string;
  funding_note?: string;
}

/** A results file that cannot be used; `problems` are one-line descriptions. */
export class ResultsError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`invalid results file ${file}: ${problems.join('; ')}`);
    this.name = 'ResultsError';
  }
}

export function summarise(scenarios: ScenarioResult[]): RunSummary {
  const count = (s: ScenarioStatus) => scenarios.filter((x) => x.status === s).length;
  return {
    passed: count('passed'),
    failed: count('failed'),
    not_run: count('not-run'),
    skipped: count('skipped'),
    total: scenarios.length,
  };
}

/**
 * PASS needs at least one passing scenario and no failure (with a baseline: no new failure). Not-run scenarios do not fail
 * the verdict unless `notRunFails` is set; renderers always flag them.
 */
export function verdict(results: RunResults, opts: { notRunFails?: boolean } = {}): 'PASS' | 'FAIL' {
  const s = results.summary;
  const e = results.expectations;
  // With a baseline, failures it expects do not fail the verdict; new ones and (strict) stale entries do.
  const failing = e ? e.new.length > 0 || (e.strict && e.fixed.length > 0) : s.failed > 0;
  const ranNothing = e ? s.passed + s.failed === 0 : s.passed === 0;
  if (failing || ranNothing) return 'FAIL';
  if (opts.notRunFails && s.not_run > 0) return 'FAIL';
  return 'PASS';
}

function consistencyProblems(results: RunResults): string[] {
  const problems: string[] = [];
  const actual = summarise(results.scenarios);
  for (const key of Object.keys(actual) as Array<keyof RunSummary>) {
    if (results.summary[key] !== actual[key]) {
      problems.push(`/summary/${key} is ${results.summary[key]} but the scenarios give ${actual[key]}`);
    }
  }
  const seen = new Set<string>();
  results.scenarios.forEach((s, i) => {
    if (seen.has(s.id)) problems.push(`/scenarios/${i}/id "${s.id}" is used by more than one scenario`);
    seen.add(s.id);
    if (s.status === 'not-run' && !s.not_run_reason) problems.push(`/scenarios/${i} is not-run but has no not_run_reason`);
  });
  const c = results.command_coverage;
  if (c) {
    if (c.total !== c.commands.length) problems.push(`/command_coverage/total is ${c.total} but it lists ${c.commands.length} commands`);
    const covered = c.commands.filter((x) => x.scenarios.length > 0).length;
    if (c.covered !== covered) problems.push(`/command_coverage/covered is ${c.covered} but ${covered} of its commands name a scenario`);
    c.commands.forEach((x, i) => {
      const unknown = x.scenarios.find((id) => !seen.has(id));
      if (unknown !== undefined) problems.push(`/command_coverage/commands/${i} names scenario "${unknown}", which the run does not have`);
    });
  }
  return problems;
}

/** Validate an already-parsed value. `source` names the file in error messages. */
export function parseResults(value: unknown, source = '<results>'): RunResults {
  if (typeof value === 'object' && value !== null && 'schema' in value && value.schema !== RESULTS_SCHEMA) {
    throw new ResultsError(source, [`/schema is ${JSON.stringify(value.schema)}, expected "${RESULTS_SCHEMA}"`]);
  }
  const shapeProblems = validateResultsShape(value);
  if (shapeProblems.length > 0) throw new ResultsError(source, shapeProblems);
  const results = value as RunResults;
  const problems = consistencyProblems(results);
  if (problems.length > 0) throw new ResultsError(source, problems);
  return results;
}

export async function loadResults(file: string): Promise<RunResults> {
  const read = await readJsonFile(file);
  if (!read.ok) throw new ResultsError(file, [read.problem]);
  return parseResults(read.value, file);
}

/** Write results.json into `dir` (created if needed); returns the file path. */
export async function writeResults(dir: string, results: RunResults): Promise<string> {
  parseResults(results, join(dir, 'results.json'));
  await mkdir(dir, { recursive: true });
  const file = join(dir, 'results.json');
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
