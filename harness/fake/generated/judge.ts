/**
 * The property's verdict on one CLI run under a generated answer: one JSON document on stdout
 * that is the standard envelope, a documented exit code, no hang. Each problem is charged to
 * the catalogue rule it breaks (harness/rules/catalogue/output.ts, exit-codes.ts); one no
 * sentence states (a stack trace on stderr beside a good envelope) is only an observation.
 */
import type { Finding } from '../../checks/findings.js';
import { isRecord } from '../../json.js';

export interface RunOutput {
  exitCode: number | null;
  timedOut: boolean;
  json?: unknown;
  jsonError?: unknown;
  stdout: string;
  stderr: string;
  /** The automatic checks' findings (harness/checks/findings.ts). */
  findings: readonly Finding[];
}

export interface Problem {
  /** Catalogue rule id; null: the harness could not run the CLI (never the CLI's failure). */
  rule: string | null;
  message: string;
}

export interface Verdict {
  problems: Problem[];
  observations: Array<{ what: string; message: string }>;
}

const STACK_FRAME = /\n\s+at .+:\d+:\d+\)?/;

/** Why the printed document is not the standard envelope: [rule, problem] or null. */
function envelopeProblem(json: unknown, exitCode: number | null): [string, string] | null {
  if (!isRecord(json)) return ['output.envelope', 'stdout JSON is not an object'];
  const rule = json.ok === false ? 'output.error-envelope' : 'output.envelope';
  if (typeof json.ok !== 'boolean') return [rule, 'envelope has no boolean ok'];
  if (typeof json.trace_id !== 'string') return [rule, 'envelope has no trace_id'];
  if (!Array.isArray(json.warnings)) return [rule, 'envelope warnings is not an array'];
  if (json.ok && !isRecord(json.data)) return [rule, 'success envelope data is not an object'];
  if (!json.ok && !(isRecord(json.error) && typeof json.error.code === 'string')) return [rule, 'error envelope without error.code'];
  if (!json.ok && exitCode === 0) return ['exit.code-0-success', 'error envelope with exit 0'];
  return null;
}

export function judgeRun(out: RunOutput, stated: ReadonlySet<string>): Verdict {
  const verdict: Verdict = { problems: [], observations: [] };
  const charge = (rule: string, message: string): void => {
    if (stated.has(rule)) verdict.problems.push({ rule, message });
    else verdict.observations.push({ what: rule, message: `${message} (not stated by these documents)` });
  };
  for (const f of out.findings) {
    if (f.harnessGap !== undefined || f.observation) verdict.observations.push({ what: f.rule ?? 'automatic observations', message: f.message });
    else if (f.rule === null) verdict.problems.push({ rule: null, message: f.message });
    else charge(f.rule, out.timedOut && f.rule === 'exit.deterministic' ? `hang: ${f.message}` : f.message);
  }
  if (!out.timedOut && !out.jsonError && out.json !== undefined) {
    const problem = envelopeProblem(out.json, out.exitCode);
    if (problem) charge(...problem);
  }
  if (STACK_FRAME.test(out.stderr) || STACK_FRAME.test(out.stdout)) verdict.observations.push({ what: 'no stack trace is printed', message: 'a stack trace was printed' });
  return verdict;
}
