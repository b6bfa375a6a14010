/** Read the network guard's JSON-lines log (see network-guard.cjs). */
import { promises as fs } from 'node:fs';
import type { NetworkAttempt } from './types.js';

export async function guardLogSize(file: string): Promise<number> {
  return fs.stat(file).then(
    (s) => s.size,
    () => 0,
  );
}

/** Attempts logged after byte offset `from`; malformed lines are skipped. */
export async function readGuardLog(file: string, from = 0): Promise<NetworkAttempt[]> {
  let text: string;
  try {
    const buf = await fs.readFile(file);
    text = buf.subarray(from).toString('utf8');
  } catch {
    return [];
  }
  const attempts: NetworkAttempt[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let rec: unknown;
    try {
      rec = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof rec !== 'object' || rec === null) continue;
    const r = rec as Record<string, unknown>;
    attempts.push({
      host: typeof r.host === 'string' ? r.host : String(r.host),
      port: typeof r.port === 'number' ? r.port : Number(r.port) || 0,
      outcome: 'blocked',
      api: typeof r.api === 'string' ? r.api : 'unknown',
    });
  }
  return attempts;
}
