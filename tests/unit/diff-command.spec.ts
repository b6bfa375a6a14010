/**
 * `diff` end to end on a handful of scenarios (signup, guide loop, create, credits quote), on the
 * real 0.1.25 (../shared/real-cli or ISC_REAL_CLI_DIR; the reference CLI when it is missing, said
 * loudly): the build against itself reports no change and passes `--fail-on changed`; a variant
 * of it made here with one documented field deleted from its `credits quote` output, diffed
 * against the first run's base folder (`--base-from`), is a regression naming the rule.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { regressionProblems, type RegressionReport } from '../../harness/report/regression/index.js';
import { makeBuildVariant, realBuildOrReference } from './helpers/build-variant.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');
/** Signup, whoami and quota; the guide loop (quote, buy, create); a dry-run create; a quote conflict; the default signup. */
const GREP = 'signup, whoami, usage quota|guide loop from prompt_required|a dry run plans|quote idempotency conflict|default signup saves';

/** The build both tests use: the real 0.1.25, else the reference CLI (said loudly). */
const build = (): string => realBuildOrReference('0.1.25', "diff's end-to-end tests");

/** Ours, in front of the build's bin: credits quote prints its JSON without data.live_money (a field of cli.md's minimum example). */
const DROP_LIVE_MONEY = `if (process.argv.includes('quote')) {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk, ...rest) => {
    try {
      const doc = JSON.parse(String(chunk));
      if (doc && doc.data && typeof doc.data === 'object' && 'live_money' in doc.data) {
        delete doc.data.live_money;
        chunk = JSON.stringify(doc, null, 2) + '\\n';
      }
    } catch {}
    return write(chunk, ...rest);
  };
}`;

function conformance(args: string[]) {
  return execa(process.execPath, [bin, ...args], { cwd: root, reject: false, env: { ...process.env }, timeout: 240_000 });
}

async function report(dir: string): Promise<RegressionReport> {
  return JSON.parse(await readFile(join(dir, 'regression.json'), 'utf8')) as RegressionReport;
}

test.describe.configure({ mode: 'serial' });

let work = '';
test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'isc-diff-'));
});
test.afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

test('the same build against itself: zero changes, exit 0 with --fail-on changed, regression.json valid', async () => {
  test.setTimeout(300_000);
  const out = join(work, 'same');
  const cli = build();
  const r = await conformance(['diff', '--base', cli, '--head', cli, '--grep', GREP, '--workers', '2', '--out', out, '--fail-on', 'changed']);
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(0);
  expect(r.stdout).toContain('0 changes: 0 regressions, 0 undocumented');
  const json = await report(out);
  expect(regressionProblems(json)).toEqual([]);
  expect(json.totals.scenarios).toBeGreaterThanOrEqual(5);
  expect(json.changes).toEqual([]);
  expect(json.scenarios.every((s) => s.base_status === s.head_status && !s.changed)).toBe(true);
  expect(await readFile(join(out, 'regression.md'), 'utf8')).toContain('No changes between the two runs.');
  // The documents are kept beside each run, so the folder can be diffed again without the build.
  const kept = await readFile(join(out, 'base', 'documents', 'cli.md'), 'utf8');
  expect(kept).toContain('### `image-skill credits quote`');
  expect(json.base.contract_version).toBe('0.1.25');
});

test('a head build with a documented field deleted from its output is a regression naming the rule (exit 1)', async () => {
  test.setTimeout(300_000);
  const variant = makeBuildVariant(build(), DROP_LIVE_MONEY);
  test.info().annotations.push({ type: 'head', description: `${variant.version} with data.live_money deleted from credits quote's output` });
  try {
    await diffAgainstVariant(variant.dir);
  } finally {
    variant.dispose();
  }
});

async function diffAgainstVariant(cli: string): Promise<void> {
  const out = join(work, 'deleted');
  const r = await conformance(['diff', '--base-from', join(work, 'same', 'base'), '--head', cli, '--grep', GREP, '--workers', '2', '--out', out]);
  expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(1);
  const json = await report(out);
  expect(regressionProblems(json)).toEqual([]);
  const regressions = json.changes.filter((c) => c.class === 'regression');
  expect(regressions.length).toBeGreaterThan(0);
  const removed = regressions.find((c) => c.subject === '/data/live_money');
  expect(removed).toMatchObject({ kind: 'removed', command: 'credits quote', base: 'true', head: null, rule: { id: 'shape.credits-quote', stated_by: 'head' } });
  // Nothing else changed: every other row would be noise.
  expect(json.changes.filter((c) => c.class !== 'regression')).toEqual([]);
  const md = await readFile(join(out, 'regression.md'), 'utf8');
  expect(md).toContain('`shape.credits-quote`');
}
