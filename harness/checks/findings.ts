/**
 * The automatic checks of one invocation as findings: each names the rule it rests on, or
 * none (an observation, or a problem of the harness itself).
 */
import type { Invocation, SchemaIssue, SchemaResult, SecretFinding } from '../runner/types.js';
import { checkJournal } from './journal-rules.js';

export interface Finding {
  /** Catalogue rule id; null: no sentence of the contract states it. */
  rule: string | null;
  message: string;
  /** True: recorded and shown, never failing (when `rule` is null, false marks a harness problem). */
  observation: boolean;
  /**
   * Set when the fault is the fake's or the harness's, not the CLI's: the ground for that
   * verdict, in words (e.g. the service answer the CLI relayed lacked the field). Never failing.
   */
  harnessGap?: string;
}

/** Exit codes of the documented table. */
const DOCUMENTED_EXIT_CODES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

function extra(inv: Invocation): { timeoutMs: number | null; spawnError: string | null } {
  const r = inv as Invocation & { timeoutMs?: unknown; spawnError?: unknown };
  return {
    timeoutMs: typeof r.timeoutMs === 'number' ? r.timeoutMs : null,
    spawnError: typeof r.spawnError === 'string' ? r.spawnError : null,
  };
}

/** How the process ran: started, exited by itself with a documented code, printed one JSON document, stayed on loopback. */
export function processFindings(inv: Invocation): Finding[] {
  const { timeoutMs, spawnError } = extra(inv);
  const out: Finding[] = [];
  if (spawnError) {
    out.push({ rule: null, observation: false, message: `could not be started: ${spawnError}` });
    return out;
  }
  if (inv.timedOut) out.push({ rule: 'exit.deterministic', observation: false, message: `timed out after ${timeoutMs ?? inv.durationMs} ms and was killed` });
  else if (inv.signal) out.push({ rule: 'exit.deterministic', observation: false, message: `exited by signal ${inv.signal}` });
  else if (inv.exitCode !== null && !DOCUMENTED_EXIT_CODES.has(inv.exitCode)) {
    out.push({ rule: 'exit.deterministic', observation: false, message: `exit code ${inv.exitCode} is not in the documented exit-code table (0-9)` });
  }
  if (inv.jsonError) out.push({ rule: 'output.json-default', observation: false, message: `${inv.jsonError.message}: ${JSON.stringify(inv.jsonError.firstBytes)}` });
  const seen = new Set<string>();
  // The fake is the only host the CLI was pointed at: any other connection attempt (or a DNS
  // lookup, the first step of one) breaks the base-URL override rule, in both network modes
  // (the namespace mode keeps the guard on top, for this record).
  for (const a of inv.networkAttempts) {
    const key = `${a.host}:${a.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      rule: 'network.base-url-override',
      observation: false,
      message: a.api.startsWith('dns') && a.port === 0 ? `network guard blocked a DNS lookup of ${a.host} (${a.api})` : `network guard blocked a connection to ${key} (${a.api})`,
    });
  }
  for (const r of inv.requests) {
    if (r.unknownRoute && !r.telemetry) out.push({ rule: null, observation: true, message: `unknown route requested: ${r.method} ${r.path}` });
  }
  return out;
}

/** The process findings as plain sentences (transcripts, self-tests). */
export function describeInvocationProblems(inv: Invocation): string[] {
  return processFindings(inv).map((f) => f.message);
}

/**
 * Schema issues as findings. `gapOf` (harness/checks/blame.ts) tells, per issue, whether the
 * fault is the fake's (a field the service answer already lacked, relayed as is): such an issue
 * is a harness gap with its ground, never the CLI's failure.
 */
export function schemaFindings(schema: SchemaResult | null, gapOf: (issue: SchemaIssue) => string | null = () => null): Finding[] {
  if (!schema || schema.ok) return [];
  const where = schema.schemaId ?? 'schema';
  return schema.issues.map((i) => {
    const finding: Finding = { rule: i.rule, observation: false, message: `${where} at ${i.pointer}: expected ${i.expected}, got ${i.actual} (${i.message})` };
    const gap = gapOf(i);
    return gap === null ? finding : { ...finding, harnessGap: gap };
  });
}

/** Which sentence a leaked token breaks depends on where it was found. */
export function secretFindings(found: SecretFinding[]): Finding[] {
  return found.map((f) => ({
    rule: /^(stdout|stderr)/.test(f.where) ? 'secrets.not-printed' : /telemetry/i.test(f.where) ? 'telemetry.no-tokens' : 'secrets.not-in-logs-or-feedback',
    observation: false,
    message: `raw token in ${f.where}: …${f.excerpt}…`,
  }));
}

export function journalFindings(args: string[], inv: Invocation): Finding[] {
  return checkJournal(args, inv.requests).map((v) => ({ rule: v.rule, observation: v.rule === null, message: v.message }));
}
