/**
 * The floor of one `npm test` run (issue 16): the process time of every CLI process it started
 * ÷ cores, and with `--wall` npm test's wall time ÷ that floor. A figure, never a verdict;
 * bin/run-tests.mjs prints it at the end. With `--cli-log` the processes are those of the CLI
 * process time log (harness/runner/cli-time-log.ts), which also has the CLIs that the unit tests'
 * own runs start; the figure from the kept Playwright reports alone (the scenario step's
 * `playwright.json`, the real builds' and the mutation rounds') is printed beside it.
 *
 *   npx tsx benchmarks/npm-test-floor.ts <npm-test-report-dir> [--wall <seconds>] [--cli-log <file>] [--cpu <seconds>]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readCliTimeLog } from '../harness/runner/cli-time-log.js';
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
  const usage = 'usage: npx tsx benchmarks/npm-test-floor.ts <npm-test-report-dir> [--wall <seconds>] [--cli-log <file>]';
  const { values, positionals } = parseArgs({ options: { wall: { type: 'string' }, 'cli-log': { type: 'string' }, cpu: { type: 'string' } }, allowPositionals: true });
  const dir = positionals[0];
  if (!dir || !existsSync(dir)) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const logFile = values['cli-log'];
  if (logFile !== undefined && !existsSync(logFile)) {
    console.error(`no CLI process time log at ${logFile}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  const files = reportFiles(dir);
  const cores = availableParallelism();
  const inReports = floorOf(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as unknown), cores);
  const say = (f: NpmTestFloor, what: string) =>
    `${f.invocations} CLI processes ${what}, ${(f.cliMs / 1000).toFixed(1)} s of CLI process time ÷ ${cores} cores = ${(f.floorMs / 1000).toFixed(1)} s`;
  let floor = inReports;
  if (logFile !== undefined) {
    const log = readCliTimeLog(logFile);
    floor = { reports: inReports.reports, invocations: log.invocations, cliMs: log.totalMs, floorMs: log.totalMs / cores };
    console.log(`npm test floor: ${say(floor, "in all (the CLI process time log, the unit tests' own runs included)")}`);
    console.log(`  of which in the ${inReports.reports} kept report(s): ${say(inReports, 'there')}${log.badLines ? `; ${log.badLines} unreadable log line(s) left out` : ''}`);
  } else console.log(`npm test floor: ${say(floor, `in ${floor.reports} report(s)`)}`);
  const figures: BenchFigure[] = [
    { label: 'npm test CLI processes', value: floor.invocations, unit: 'count' },
    { label: 'npm test CLI process time', value: floor.cliMs / 1000, unit: 's' },
    { label: 'npm test floor', value: floor.floorMs / 1000, unit: 's' },
  ];
  if (floor !== inReports) figures.push({ label: 'npm test floor (kept reports only)', value: inReports.floorMs / 1000, unit: 's' });
  const wall = values.wall === undefined ? NaN : Number(values.wall);
  if (Number.isFinite(wall) && floor.floorMs > 0) {
    const ratio = (wall * 1000) / floor.floorMs;
    console.log(`npm test wall ${wall.toFixed(1)} s = ${ratio.toFixed(2)}× its floor (target ≤ 1.3×; with more workers than cores each CLI process waits for a core, which raises the floor)`);
    figures.push({ label: 'npm test wall', value: wall, unit: 's', target: '≤ 600 s', status: wall <= 600 ? 'PASS' : 'MISS' });
    figures.push({ label: 'npm test wall ÷ floor', value: ratio, unit: 'x', target: '≤ 1.3×', status: ratio <= 1.3 ? 'PASS' : 'MISS' });
  }
  // The CPU time of every process npm test started (its steps and all their children), ÷ cores:
  // the least wall time this much work can take on this machine, however it is scheduled.
  const cpu = values.cpu === undefined ? NaN : Number(values.cpu);
  if (Number.isFinite(cpu) && cpu > 0) {
    console.log(`npm test CPU time: ${cpu.toFixed(1)} s in all its processes ÷ ${cores} cores = ${(cpu / cores).toFixed(1)} s, the least wall time this work can take here${Number.isFinite(wall) ? ` (wall ${((wall * cores) / cpu).toFixed(2)}× that)` : ''}`);
    figures.push({ label: 'npm test CPU time', value: cpu, unit: 's' }, { label: 'npm test CPU time ÷ cores', value: cpu / cores, unit: 's' });
  }
  console.log(figuresLine({ benchmark: 'npm-test-floor', figures }));
}

if (isMainModule(import.meta.url)) main();
