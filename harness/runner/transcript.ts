/** An invocation as a report attachment (JSON) or as readable text, secrets redacted. */
import type { JournalEntry } from '../fake/types.js';
import { redactDeep, redactSecrets } from './redact.js';
import type { Invocation, InvocationChecks } from './types.js';

export { describeInvocationProblems } from '../checks/findings.js';

/** The command line an invocation ran: the printed line as the CLI printed it, else `image-skill <args>`. */
export function commandLineOf(inv: { args: readonly string[]; shell: { original: string } | null }): string {
  return inv.shell ? inv.shell.original : `image-skill ${inv.args.join(' ')}`;
}

/** Journal entries without the raw authorization header (never written anywhere). */
function requestSummary(r: JournalEntry): Record<string, unknown> {
  return {
    seq: r.seq,
    at: r.at,
    method: r.method,
    path: r.path,
    query: r.query,
    status: r.status,
    headers: r.headers,
    body: r.body,
    unknownRoute: r.unknownRoute,
    telemetry: r.telemetry,
    override: r.override,
  };
}

/** An invocation with its check results (an unchecked one shows no schema and no secret findings). */
export function transcriptToJson(inv: Invocation & Partial<InvocationChecks>, secrets: string[]): object {
  const { requests, ...rest } = inv;
  const plain = { schema: null, secrets: [], ...rest, json: rest.json === undefined ? null : rest.json, requests: requests.map(requestSummary) };
  return redactDeep(plain, secrets) as object;
}

function block(title: string, text: string): string[] {
  if (text === '') return [`${title}: (empty)`];
  return [`${title}:`, ...text.replace(/\n$/, '').split('\n').map((l) => `  | ${l}`)];
}

export function formatTranscript(inv: Invocation, secrets: string[]): string {
  const r = (s: string): string => redactSecrets(s, secrets);
  const lines: string[] = [`invocation ${inv.id}`];
  if (inv.shell) {
    lines.push(`printed command: ${r(inv.shell.original)}`, `executed:        ${r(inv.shell.executed)}`);
    if (inv.shell.prefixMapping) lines.push(`prefix mapping:  ${inv.shell.prefixMapping}`);
  }
  lines.push(`argv: ${r(JSON.stringify(inv.argv))}`, `cwd: ${inv.cwd}`);
  if (inv.uid !== null) lines.push(`uid: ${inv.uid}`);
  const env = Object.entries(inv.envChanges).map(([k, v]) => `  ${k}=${v === null ? '(removed)' : r(v)}`);
  lines.push(env.length ? 'environment changes:' : 'environment changes: (none)', ...env);
  lines.push(inv.stdin === null ? 'stdin: (none)' : `stdin: ${JSON.stringify(r(inv.stdin))}`);
  const end = inv.timedOut ? 'timed out, killed' : inv.signal ? `killed by ${inv.signal}` : `exit code ${inv.exitCode}`;
  lines.push(`result: ${end} after ${inv.durationMs} ms`);
  lines.push(...block('stdout', r(inv.stdout)), ...block('stderr', r(inv.stderr)));
  if (inv.jsonError) lines.push(`JSON: ${inv.jsonError.message}; first bytes: ${JSON.stringify(r(inv.jsonError.firstBytes))}`);
  lines.push(inv.requests.length ? 'requests:' : 'requests: (none)');
  for (const q of inv.requests) lines.push(`  ${q.method} ${q.path} ${q.status}${q.unknownRoute ? ' (unknown route)' : ''}${q.override ? ` [override ${q.override}]` : ''}`);
  lines.push(inv.networkAttempts.length ? 'network attempts blocked:' : 'network attempts blocked: (none)');
  for (const a of inv.networkAttempts) lines.push(`  ${a.host}:${a.port} via ${a.api}`);
  lines.push(inv.fsChanges.length ? 'filesystem changes:' : 'filesystem changes: (none)');
  for (const c of inv.fsChanges) lines.push(`  ${c.kind} ${c.path}${c.mode ? ` mode ${c.mode}` : ''}${c.size !== null ? ` ${c.size} bytes` : ''}`);
  return lines.join('\n');
}
