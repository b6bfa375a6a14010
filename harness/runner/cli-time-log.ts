/**
 * The CLI process time log (issue 16's floor): when `ISC_CLI_TIME_LOG` names a file, every CLI
 * process the runner starts appends one JSON line `{"durationMs":…}` to it, in whatever process
 * the runner runs (a scenario worker, a nested run a unit test starts, a mutation round). One
 * `npm test` sets it once, so its floor counts every CLI process, not only those in the reports
 * it keeps. Appends of one short line are atomic, so processes never interleave. A measurement:
 * a write that fails is ignored.
 */
import { appendFileSync, readFileSync } from 'node:fs';

export const CLI_TIME_LOG_ENV = 'ISC_CLI_TIME_LOG';

export function recordCliTime(durationMs: number, env: NodeJS.ProcessEnv = process.env): void {
  const file = env[CLI_TIME_LOG_ENV];
  if (!file) return;
  try {
    appendFileSync(file, `${JSON.stringify({ durationMs })}\n`);
  } catch {
    // a figure, never a reason to fail a run
  }
}

/** Count and sum of the durations in a log; lines that are not such a record are counted apart. */
export function readCliTimeLog(file: string): { invocations: number; totalMs: number; badLines: number } {
  let invocations = 0;
  let totalMs = 0;
  let badLines = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      record = null;
    }
    const ms = typeof record === 'object' && record !== null ? (record as { durationMs?: unknown }).durationMs : undefined;
    if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) {
      invocations++;
      totalMs += ms;
    } else badLines++;
  }
  return { invocations, totalMs, badLines };
}
