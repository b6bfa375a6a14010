/**
 * The floor of one `npm test` run (issue 16): every CLI process its Playwright reports recorded
 * (the scenario step's `playwright.json`, the real builds' and the mutation rounds'), their
 * process time ÷ cores, and with `--wall` npm test's wall time ÷ that floor. A figure, never a
 * verdict; bin/run-tests.mjs prints it at the end. CLIs the unit tests start are not in reports.
 *
 *   npx tsx benchmarks/npm-test-floor.ts <npm-test-report-dir> [--wall <seconds>]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cliTimeFromReport } from './suite-ratios.js';
import { figuresLine, isMainModule, type BenchFigure } from './stats.js';

export interface NpmTestFloor {
  reports: number;
  invocations: number;
  cliMs: number;
  floorMs: number;
}

/** The Playwright JSON reports of an npm test report folder. */
export function reportFiles(dir: string): string[] {
  const files = [path.join(dir, 'playwright.json'), path.join(dir, 'real-builds', 'playwright.json')];
  const mutation = path.join(dir, 'mutation');
  if (existsSync(mutation)) for (const f of readdirSync(mutation).sort()) if (/^round\d+\.playwright\.json$/.test(f)) files.push(path.join(mutation, f));
  return files.filter((f) => existsSync(f));
}

/** Sum of the CLI process times in these reports, and that sum ÷ cores. */
export function floorOf(reports: unknown[], cores: number): NpmTestFloor {
  let invocations = 0;
  let cliMs = 0;
  for (const r of reports) {
    const t = cliTimeFromReport(r);
    invocations += t.invocations;
    cliMs += t.totalMs;
  }
  return { reports: reports.length, invocations, cliMs, floorMs: cliMs / cores };
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { wall: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir || !existsSync(dir)) {
    console.error('usage: npx tsx benchmarks/npm-test-floor.ts <npm-test-report-dir> [--wall <seconds>]');
    process.exitCode = 2;
    return;
  }
  const files = reportFiles(dir);
  const cores = availableParallelism();
  const floor = floorOf(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown), cores);
  console.log(`npm test floor: ${floor.invocations} CLI processes in ${floor.reports} report(s), ${(floor.cliMs / 1000).toFixed(1)} s of CLI process time ÷ ${cores} cores = ${(floor.floorMs / 1000).toFixed(1)} s`);
  const figures: BenchFigure[] = [
    { label: 'npm test CLI processes', value: floor.invocations, unit: 'count' },
    { label: 'npm test CLI process time', value: floor.cliMs / 1000, unit: 's' },
    { label: 'npm test floor', value: floor.floorMs / 1000, unit: 's' },
  ];
  const wall = values.wall === undefined ? NaN : Number(values.wall);
  if (Number.isFinite(wall) && floor.floorMs > 0) {
    const ratio = (wall * 1000) / floor.floorMs;
    console.log(`npm test wall ${wall.toFixed(1)} s = ${ratio.toFixed(2)}× its floor (target ≤ 1.5×; with more workers than cores each CLI process waits for a core, which raises the floor)`);
    figures.push({ label: 'npm test wall', value: wall, unit: 's', target: '≤ 360 s', status: wall <= 360 ? 'PASS' : 'MISS' });
    figures.push({ label: 'npm test wall ÷ floor', value: ratio, unit: 'x', target: '≤ 1.5×', status: ratio <= 1.5 ? 'PASS' : 'MISS' });
  }
  console.log(figuresLine({ benchmark: 'npm-test-floor', figures }));
}

if (isMainModule(import.meta.url)) main();
