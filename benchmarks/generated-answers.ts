/**
 * The generated-answers property with a longer budget: runs scenarios/generated-answers.spec.ts
 * through the front end (one worker) with ISC_GENERATED_RUNS=N and prints the figures: runs,
 * shrinks, counterexamples (0 or 1: fast-check stops at the first failure and shrinks it),
 * wall seconds and seconds per run, and the counterexample's case, rules and shrunk stub.
 *
 *   npx tsx benchmarks/generated-answers.ts --runs 200 [--cli reference] [--node 22] [--seed N] [--exclude warnings]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SPEC_TITLE, type ReplayRecord } from '../harness/fake/generated/replay.js';
import { DEFAULT_SEED } from '../harness/fake/generated/settings.js';
import { isRecord } from '../harness/json.js';
import { figuresLine, isMainModule } from './stats.js';

interface Args {
  runs: number;
  cli: string;
  node: string | null;
  seed: number;
  exclude: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { runs: 200, cli: 'reference', node: null, seed: DEFAULT_SEED, exclude: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--runs') args.runs = Number(value);
    else if (flag === '--cli') args.cli = value;
    else if (flag === '--node') args.node = value;
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--exclude') args.exclude = value;
    else throw new Error(`unknown flag ${flag} (--runs N --cli SPEC --node V --seed N --exclude PATHS)`);
  }
  if (!Number.isSafeInteger(args.runs) || args.runs < 1) throw new Error('--runs takes a positive integer');
  return args;
}

/** Every attachment of the Playwright JSON report, with its inline body or file read. */
async function attachments(report: unknown, name: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (v: unknown): Promise<void> => {
    if (Array.isArray(v)) for (const x of v) await walk(x);
    else if (isRecord(v)) {
      if (v.name === name && (typeof v.body === 'string' || typeof v.path === 'string')) {
        out.push(typeof v.body === 'string' ? Buffer.from(v.body, 'base64').toString('utf8') : await readFile(String(v.path), 'utf8'));
      }
      for (const x of Object.values(v)) await walk(x);
    }
  };
  await walk(report);
  return out;
}

function annotation(report: unknown): string | null {
  const text = JSON.stringify(report);
  const m = /"type":"generated answers","description":"([^"]*)"/.exec(text);
  return m ? m[1] : null;
}

export async function benchGeneratedAnswers(args: Args): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'isc-bench-generated-'));
  const flags = ['bin/image-skill-conformance.mjs', 'run', '--cli', args.cli, '--grep', SPEC_TITLE, '--workers', '1', '--report-dir', dir, ...(args.node ? ['--node', args.node] : [])];
  const env = { ...process.env, ISC_GENERATED_RUNS: String(args.runs), ISC_GENERATED_SEED: String(args.seed), ISC_GENERATED_EXCLUDE: args.exclude, ISC_GENERATED_TIME_LIMIT_MS: String(Math.max(240_000, args.runs * 3_000)) };
  const started = performance.now();
  const result = await promisify(execFile)(process.execPath, flags, { env, maxBuffer: 64 * 1024 * 1024 }).catch((err: { stdout?: string; code?: number }) => ({ stdout: err.stdout ?? '', code: err.code }));
  const seconds = (performance.now() - started) / 1000;
  try {
    const report: unknown = JSON.parse(await readFile(path.join(dir, 'playwright.json'), 'utf8'));
    const described = annotation(report);
    const found = (await attachments(report, 'generated-answer-counterexample.json')).map((t) => JSON.parse(t) as ReplayRecord);
    const runs = Number(/^(\d+) runs/.exec(described ?? '')?.[1] ?? NaN);
    const shrinks = Number(/(\d+) shrinks/.exec(described ?? '')?.[1] ?? 0);
    console.log(`generated answers against ${args.cli}${args.node ? ` (node ${args.node})` : ''}: budget ${args.runs}, seed ${args.seed}${args.exclude ? `, excluding ${args.exclude}` : ''}`);
    console.log(`  ${described ?? 'no annotation (the spec did not reach the property)'}`);
    console.log(`  wall ${seconds.toFixed(1)} s (front end, fake and workers included); ${Number.isFinite(runs) && runs > 0 ? `${(seconds / runs).toFixed(2)} s per run` : ''}`);
    console.log(`  counterexamples: ${found.length}`);
    for (const r of found) {
      console.log(`    case ${r.case}: ${r.problems.map((p) => `${p.rule ?? 'harness'}: ${p.message}`).join('; ')}`);
      console.log(`    stub ${JSON.stringify(r.stub).slice(0, 1500)}`);
      console.log(`    replay: ${r.replay.spec}`);
    }
    console.log(
      figuresLine({
        benchmark: 'generated-answers',
        figures: [
          { label: 'runs', value: Number.isFinite(runs) ? runs : 0, unit: 'runs' },
          { label: 'shrinks', value: shrinks, unit: 'shrinks' },
          { label: 'counterexamples', value: found.length, unit: 'count' },
          { label: 'wall', value: Math.round(seconds * 10) / 10, unit: 's' },
        ],
      }),
    );
  } catch (err) {
    console.log(`generated answers: no report (${err instanceof Error ? err.message : String(err)}); front end output:\n${result.stdout.slice(-3000)}`);
    process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  await benchGeneratedAnswers(parseArgs(process.argv.slice(2)));
}
