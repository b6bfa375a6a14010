/**
 * GitHub Actions integration (when GITHUB_ACTIONS is set): the grouped summary goes to
 * $GITHUB_STEP_SUMMARY and every failure becomes an `::error` annotation naming its rule.
 */
import { appendFile } from 'node:fs/promises';
import { failuresOf } from './expectations.js';
import type { RunResults } from './results.js';

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Workflow commands for the run: one `::error` per new failure, one `::warning` per stale baseline entry. */
export function githubAnnotations(r: RunResults): string[] {
  const byId = new Map(r.scenarios.map((s) => [s.id, s]));
  const expected = new Set((r.expectations?.expected ?? []).map((e) => `${e.scenario}\u0000${e.rule}`));
  const lines: string[] = [];
  for (const f of failuresOf(r)) {
    if (f.rule !== null && expected.has(`${f.scenario}\u0000${f.rule}`)) continue;
    const file = byId.get(f.scenario)?.file;
    const title = f.rule ? `rule ${f.rule}` : 'harness error';
    const props = [file ? `file=${escapeProperty(file)}` : null, `title=${escapeProperty(title)}`].filter(Boolean).join(',');
    lines.push(`::error ${props}::${escapeData(`${f.scenario}: ${f.message}`)}`);
  }
  for (const e of r.expectations?.fixed ?? []) {
    const where = e.scenario ? ` in ${e.scenario}` : '';
    lines.push(`::warning title=${escapeProperty(`baseline ${r.expectations?.file ?? ''}`)}::${escapeData(`${e.rule}${where} no longer fails: remove it from the baseline`)}`);
  }
  return lines;
}

export async function publishToGithub(r: RunResults, summaryMarkdown: string, env: NodeJS.ProcessEnv = process.env, print: (line: string) => void = console.log): Promise<void> {
  if (!env.GITHUB_ACTIONS) return;
  for (const line of githubAnnotations(r)) print(line);
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${summaryMarkdown}\n`);
}
