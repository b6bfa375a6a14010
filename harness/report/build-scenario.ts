/**
 * Turns one finished Playwright test (reduced to a plain record) plus its transcripts
 * into a ScenarioResult. Pure, so it is testable without running Playwright.
 */
import type { InvocationResult, ScenarioResult, ScenarioStatus } from './results.js';
import type { TranscriptView } from './transcript.js';
import type { CheckRecord } from './checks.js';
import { KNOWN_DEFECT_ANNOTATION, NOT_RUN_ANNOTATION, SCENARIO_ID_ANNOTATION } from './attach.js';
import { fileStem, slugify } from './slug.js';

export interface TestRecord {
  /** Describe titles and the test title (no project or file). */
  titles: string[];
  /** File relative to the repository root, posix separators. */
  file: string;
  project: string;
  /** 'not-started' when the run ended before the test got a worker. */
  status: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted' | 'not-started';
  expectedStatus: 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';
  durationMs: number;
  /** True when an earlier attempt failed and this one passed. */
  passedOnRetry: boolean;
  annotations: Array<{ type: string; description?: string }>;
  errors: string[];
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A scenario's id: its scenario-id annotation, else file stem + describe and test titles. The fixture and the reporter both use it. */
export function scenarioIdOf(file: string, titles: readonly string[], annotations: ReadonlyArray<{ type: string; description?: string }>): string {
  const explicit = annotations.find((a) => a.type === SCENARIO_ID_ANNOTATION)?.description?.trim();
  if (explicit) return explicit;
  return `${slugify(fileStem(file), 40)}.${slugify(titles.join(' '), 100)}`;
}

export function scenarioId(record: TestRecord): string {
  return scenarioIdOf(record.file, record.titles, record.annotations);
}

function annotation(record: TestRecord, type: string): { found: boolean; text: string | undefined } {
  const hit = record.annotations.find((a) => a.type === type);
  return { found: hit !== undefined, text: hit?.description?.trim() || undefined };
}

function baseStatus(record: TestRecord): ScenarioStatus {
  if (record.status === 'not-started') return 'not-run';
  if (record.status === 'skipped') return 'skipped';
  // A known defect is expected to fail only so Playwright keeps its worker: its status is its own.
  if (record.annotations.some((a) => a.type === KNOWN_DEFECT_ANNOTATION)) return record.status === 'passed' ? 'passed' : 'failed';
  return record.status === record.expectedStatus ? 'passed' : 'failed';
}

/** A not-run mark turns a skip or even a pass into not-run; a real failure stays visible. */
export function scenarioStatus(record: TestRecord): { status: ScenarioStatus; reason?: string } {
  const status = baseStatus(record);
  const mark = annotation(record, NOT_RUN_ANNOTATION);
  if (status === 'failed') return { status };
  if (mark.found) return { status: 'not-run', reason: mark.text ?? 'marked not-run without a reason' };
  if (status === 'not-run') return { status, reason: 'did not start: the run ended before this test got a worker' };
  if (status === 'skipped') return { status, reason: annotation(record, 'skip').text };
  return { status };
}

function failureLines(record: TestRecord): string[] {
  const errors = record.errors.map((e) => stripAnsi(e).trim()).filter(Boolean);
  if (errors.length > 0) return errors;
  if (record.status === 'timedOut') return [`timed out after ${Math.round(record.durationMs)} ms`];
  if (record.status === 'interrupted') return ['interrupted before it finished'];
  if (record.status === 'passed' && record.expectedStatus === 'failed') return ['expected to fail but passed'];
  return ['failed without an error message'];
}

export function toInvocationResult(t: TranscriptView, transcriptRef: string): InvocationResult {
  const result: InvocationResult = {
    id: t.id,
    argv: t.argv,
    args: t.args,
    exit_code: t.exitCode,
    signal: t.signal,
    timed_out: t.timedOut,
    duration_ms: t.durationMs,
    schema: t.schema
      ? { schema_id: t.schema.schemaId ?? null, ok: t.schema.ok, issues: t.schema.issues ?? [], ...(t.schema.note ? { note: t.schema.note } : {}) }
      : { schema_id: null, ok: true, issues: [], note: 'no schema check recorded' },
    secrets: { ok: t.secrets.length === 0, findings: t.secrets },
    transcript: transcriptRef,
  };
  if (t.shellCommand !== null) result.shell_command = t.shellCommand;
  return result;
}

export interface BuildInput {
  record: TestRecord;
  id: string;
  invocations: InvocationResult[];
  /** Problems with the evidence (bad transcript attachments); they fail the scenario. */
  evidenceProblems: string[];
  /** Checks from the `isc-checks` attachment; null when the test attached none. */
  checks?: CheckRecord[] | null;
  /** Rule ids the checks exercised (`isc-checks` rules_checked); null when the test gave none. */
  rulesChecked?: string[] | null;
}

export function buildScenario({ record, id, invocations, evidenceProblems, checks = null, rulesChecked = null }: BuildInput): ScenarioResult {
  const { status: judged, reason } = scenarioStatus(record);
  const status: ScenarioStatus = evidenceProblems.length > 0 && judged === 'passed' ? 'failed' : judged;
  const errors = status === 'failed' && judged === 'failed' ? failureLines(record) : [];
  const scenario: ScenarioResult = {
    id,
    title: record.titles.join(' › '),
    file: record.file,
    project: record.project,
    status,
    duration_ms: Math.max(0, Math.round(record.durationMs)),
    errors: [...errors, ...evidenceProblems],
    invocations,
  };
  if (checks !== null) scenario.checks = checks;
  if (rulesChecked !== null) scenario.rules_checked = rulesChecked;
  if (reason !== undefined && status === 'not-run') scenario.not_run_reason = reason;
  if (reason !== undefined && status === 'skipped') scenario.skip_reason = reason;
  if (status === 'passed' && record.passedOnRetry) scenario.flaky = true;
  return scenario;
}
