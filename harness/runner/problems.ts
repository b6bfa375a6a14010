/** Plain-language problems with an invocation that no scenario should have to tolerate. */
import type { Invocation } from './types.js';

function extra(inv: Invocation): { timeoutMs?: number; spawnError?: string | null } {
  const r = inv as Invocation & { timeoutMs?: unknown; spawnError?: unknown };
  return {
    timeoutMs: typeof r.timeoutMs === 'number' ? r.timeoutMs : undefined,
    spawnError: typeof r.spawnError === 'string' ? r.spawnError : null,
  };
}

export function describeInvocationProblems(inv: Invocation): string[] {
  const problems: string[] = [];
  const { timeoutMs, spawnError } = extra(inv);
  if (spawnError) problems.push(`could not be started: ${spawnError}`);
  if (inv.timedOut) problems.push(`timed out after ${timeoutMs ?? inv.durationMs} ms and was killed`);
  else if (inv.signal) problems.push(`exited by signal ${inv.signal}`);
  if (inv.jsonError && !spawnError) problems.push(`${inv.jsonError.message}: ${JSON.stringify(inv.jsonError.firstBytes)}`);

  const seen = new Set<string>();
  for (const a of inv.networkAttempts) {
    const key = `${a.host}:${a.port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(
      a.api.startsWith('dns') && a.port === 0
        ? `network guard blocked a DNS lookup of ${a.host} (${a.api})`
        : `network guard blocked a connection to ${key} (${a.api})`,
    );
  }
  for (const r of inv.requests) {
    if (r.unknownRoute) problems.push(`unknown route requested: ${r.method} ${r.path}`);
  }
  return problems;
}
