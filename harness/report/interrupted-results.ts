/**
 * A run stopped before Playwright's reporter could write anything (e.g. a signal while the
 * test runner was still starting) still leaves a results.json: no scenarios, `interrupted: true`.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isRunId, newRunId } from './run-id.js';
import { RESULTS_SCHEMA, summarise, writeResults, type RunResults } from './results.js';

export async function ensureInterruptedResults(reportDir: string, cliSpec: string, startedAt: Date, signal: string, networkMode: string | null = null): Promise<boolean> {
  if (existsSync(join(reportDir, 'results.json'))) return false;
  const results: RunResults & { interrupted: true; interrupted_by: string } = {
    schema: RESULTS_SCHEMA,
    run_id: isRunId(basename(reportDir)) ? basename(reportDir) : newRunId(startedAt),
    started_at: startedAt.toISOString(),
    finished_at: new Date().toISOString(),
    cli: { spec: cliSpec, name: null, version: null, integrity: null, ships_documents: [] },
    contract_version: null,
    stripe_backend: null,
    chain_mode: null,
    scenarios: [],
    summary: summarise([]),
    interrupted: true,
    interrupted_by: signal,
  };
  if (networkMode) Object.assign(results, { network_mode: networkMode });
  await writeResults(reportDir, results);
  return true;
}
