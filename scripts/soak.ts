/**
 * Soak: the scenario suite N times on the reference CLI (Playwright's --repeat-each), then two
 * `run`s started at the same moment on this machine. Prints flaky scenarios (passed in some
 * repetitions, failed in others), the slowest scenario, the spread of durations, and any
 * collision between the parallel runs (same report folder, a failure in one only, address in
 * use, a lock or an existing file).
 *
 *   npm run soak                                        # 20 repetitions of the whole suite
 *   npm run soak -- --repeat 3 --grep 'signup modes'    # small N on a busy machine
 */
import { execa } from 'execa';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runPlaywright } from '../harness/cli/playwright.js';
import { withRunTmpDir } from '../harness/cli/run-tmp.js';
import { newRunId } from '../harness/report/run-id.js';
import { NETWORK_MODE_ENV, insideNamespace, namespaceSupport, runInFreshNamespace } from '../harness/runner/netns.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

export interface SpecStats {
  title: string;
  runs: number;
  passed: number;
  failed: number;
  durationsMs: number[];
}

interface PwResult {
  status?: string;
  duration?: number;
}
interface PwSpec {
  title?: string;
  file?: string;
  tests?: Array<{ results?: PwResult[]; status?: string }>;
}
interface PwSuite {
  title?: string;
  specs?: PwSpec[];
  suites?: PwSuite[];
}

/** Per scenario (file › title): how its repetitions went, from Playwright's JSON report. */
export function specStats(report: { suites?: PwSuite[] }): SpecStats[] {
  const out = new Map<string, SpecStats>();
  // Describe titles are part of a scenario's name: two describes may hold tests of the same title.
  const walk = (suite: PwSuite, describes: string[]): void => {
    for (const spec of suite.specs ?? []) {
      const title = `${spec.file ?? '?'} › ${[...describes, spec.title ?? '?'].join(' › ')}`;
      const s = out.get(title) ?? { title, runs: 0, passed: 0, failed: 0, durationsMs: [] };
      for (const t of spec.tests ?? []) {
        const last = t.results?.at(-1);
        if (!last || last.status === 'skipped') continue;
        s.runs++;
        if (last.status === 'passed') s.passed++;
        else s.failed++;
        s.durationsMs.push(last.duration ?? 0);
      }
      out.set(title, s);
    }
    for (const child of suite.suites ?? []) walk(child, [...describes, child.title ?? '']);
  };
  // The top-level suites are the spec files; their titles are not describe titles.
  for (const suite of report.suites ?? []) walk(suite, []);
  return [...out.values()].filter((s) => s.runs > 0);
}

export function isFlaky(s: SpecStats): boolean {
  return s.passed > 0 && s.failed > 0;
}

const COLLISION = /EADDRINUSE|EEXIST|ENOTEMPTY|database is locked|already in use|lock file/i;

async function repeated(repeat: number, grep: string | undefined, workers: number | undefined): Promise<SpecStats[]> {
  const reportDir = join(root, 'reports', `soak-${newRunId(new Date())}`);
  const env: Record<string, string> = { ISC_CLI: 'reference', ISC_REPORT_DIR: reportDir, [NETWORK_MODE_ENV]: insideNamespace() ? 'namespace' : 'guard' };
  const extraArgs = ['--repeat-each', String(repeat), '--reporter', 'dot,json'];
  const code = await withRunTmpDir((tmpEnv) =>
    runPlaywright({ projects: ['scenarios'], grep, workers, env: { ...env, ...tmpEnv, PLAYWRIGHT_JSON_OUTPUT_NAME: join(reportDir, 'soak.json') }, extraArgs }),
  );
  console.log(`repetitions: Playwright exited ${code}; report ${reportDir}`);
  return specStats(JSON.parse(await readFile(join(reportDir, 'soak.json'), 'utf8')) as { suites?: PwSuite[] });
}

async function parallel(grep: string | undefined): Promise<{ collisions: string[]; seconds: number }> {
  const args = ['run', '--allow-not-run', ...(grep ? ['--grep', grep] : [])];
  const started = Date.now();
  const runs = await Promise.all([0, 1].map(() => execa(process.execPath, [bin, ...args], { cwd: root, reject: false, all: true, timeout: 40 * 60_000 })));
  const collisions: string[] = [];
  const dirs = runs.map((r) => /report: (\S+?)\)?$/m.exec(r.all ?? '')?.[1] ?? null);
  if (dirs[0] !== null && dirs[0] === dirs[1]) collisions.push(`both runs wrote ${dirs[0]}`);
  runs.forEach((r, i) => {
    if (r.exitCode !== 0) collisions.push(`run ${i + 1} exited ${r.exitCode}: ${(r.all ?? '').split('\n').slice(-5).join(' | ')}`);
    for (const line of (r.all ?? '').split('\n')) if (COLLISION.test(line)) collisions.push(`run ${i + 1}: ${line.trim().slice(0, 200)}`);
  });
  return { collisions, seconds: Math.round((Date.now() - started) / 1000) };
}

function stats(list: number[]): { min: number; max: number; mean: number } {
  const sum = list.reduce((a, b) => a + b, 0);
  return { min: Math.min(...list), max: Math.max(...list), mean: sum / list.length };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '20' }, grep: { type: 'string' }, workers: { type: 'string' }, 'no-parallel': { type: 'boolean', default: false } } });
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 100) {
    console.error(`--repeat must be an integer from 1 to 100, got "${values.repeat}"`);
    return 2;
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (namespaceSupport().ok && !insideNamespace()) {
    // Like `run`: everything inside one fresh loopback-only network namespace.
    return runInFreshNamespace(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)]);
  }
  const all = await repeated(repeat, values.grep, workers);
  const flaky = all.filter(isFlaky);
  const alwaysFailed = all.filter((s) => s.passed === 0);
  console.log(`\nsoak: ${all.length} scenarios × ${repeat} repetitions (${insideNamespace() ? 'namespace' : 'guard'} mode)`);
  console.log(`flaky: ${flaky.length}${flaky.map((s) => `\n  ${s.title}: ${s.passed} passed, ${s.failed} failed`).join('')}`);
  if (alwaysFailed.length > 0) console.log(`failed every time: ${alwaysFailed.length}${alwaysFailed.map((s) => `\n  ${s.title}`).join('')}`);
  const ranked = all.map((s) => ({ s, d: stats(s.durationsMs) })).sort((a, b) => b.d.mean - a.d.mean);
  if (ranked[0]) console.log(`slowest: ${ranked[0].s.title}: mean ${(ranked[0].d.mean / 1000).toFixed(1)} s`);
  console.log('spread (min / mean / max per scenario, slowest first):');
  for (const { s, d } of ranked.slice(0, 10)) console.log(`  ${(d.min / 1000).toFixed(1)} / ${(d.mean / 1000).toFixed(1)} / ${(d.max / 1000).toFixed(1)} s  ${s.title}`);
  let collisions = 0;
  if (!values['no-parallel']) {
    const p = await parallel(values.grep);
    collisions = p.collisions.length;
    console.log(`\ntwo parallel runs (${p.seconds} s): ${collisions} collisions${p.collisions.map((c) => `\n  ${c}`).join('')}`);
  }
  console.log(`\nsoak summary: repetitions ${repeat}, scenarios ${all.length}, flaky ${flaky.length}, always failed ${alwaysFailed.length}, parallel collisions ${values['no-parallel'] ? 'not measured' : collisions}`);
  return flaky.length === 0 && alwaysFailed.length === 0 && collisions === 0 ? 0 : 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main();
}
