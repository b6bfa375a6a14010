import { test, expect } from '@playwright/test';
import type { FullConfig, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { execa } from 'execa';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ConformanceReporter from '../../harness/report/playwright-reporter.js';
import { loadResults } from '../../harness/report/results.js';
import { scenarioIdOf } from '../../harness/report/build-scenario.js';
import { CLI_TIME_LOG_ENV } from '../../harness/runner/cli-time-log.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NESTED_CONFIG = join(ROOT, 'tests/fixtures/report/pw/playwright.config.ts');

async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'isc-report-reporter-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function childEnv(reportDir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && (k === CLI_TIME_LOG_ENV || !/^(TEST_|PW_|PLAYWRIGHT_|ISC_)/.test(k))) env[k] = v;
  }
  return { ...env, ISC_REPORT_DIR: reportDir };
}

async function filesUnder(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const name of names) if ((await stat(join(dir, name))).isFile()) files.push(join(dir, name));
  return files;
}

test('end to end: a real Playwright run produces results.json, transcripts and summary.md', async () => {
  await withTempDir(async (dir) => {
    const cli = join(dirname(createRequire(import.meta.url).resolve('@playwright/test/package.json')), 'cli.js');
    const child = await execa(process.execPath, [cli, 'test', '-c', NESTED_CONFIG], { cwd: ROOT, env: childEnv(dir), extendEnv: false, reject: false });
    expect(child.exitCode, child.stderr).toBe(1); // one scenario fails on purpose
    expect(child.stdout).toContain(`1 passed, 1 new failure, 0 expected failures, 1 not run, 1 skipped, of 4 scenarios; harness gaps in 0 (0 checks), observations in 0 (0 checks) — report: ${join(dir, 'summary.md')}`);

    const results = await loadResults(join(dir, 'results.json'));
    expect(results.summary).toEqual({ passed: 1, failed: 1, not_run: 1, skipped: 1, total: 4 });
    const byId = Object.fromEntries(results.scenarios.map((s) => [s.id, s]));
    expect(byId['sample.x402-deposit'].status).toBe('not-run');
    expect(byId['sample.x402-deposit'].not_run_reason).toBe('no local chain available');
    expect(byId['sample.optional-plain-skip']).toMatchObject({ status: 'skipped', skip_reason: 'not on this platform' });
    expect(byId['sample.quota-exit-code'].errors[0]).toContain('exit code of inv-b1');
    expect(results.cli).toMatchObject({ name: 'image-skill', version: '0.1.25' });
    expect(results.chain_mode).toBe('local');

    const signup = byId['sample.signup-shows-the-token-once'];
    expect(signup.status).toBe('passed');
    expect(signup.invocations.map((i) => i.id)).toEqual(['inv-a1', 'inv-a2']);
    const transcript = JSON.parse(await readFile(join(dir, signup.invocations[0].transcript), 'utf8'));
    expect(transcript.id).toBe('inv-a1');
    expect(transcript.args).toEqual(['signup', '--agent', '--show-token', '--json']);

    for (const file of await filesUnder(dir)) {
      if (file.includes('test-output')) continue;
      const text = await readFile(file, 'utf8');
      expect(text, file).not.toMatch(/isk_r_[0-9a-f]{8,}/);
    }
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('NOT RUN (1)');
  });
});

// ---- the same logic driven with hand-made Playwright objects (fast, covers retries and odd inputs) ----

interface FakeTestSpec {
  id: string;
  title: string;
  expectedStatus?: TestCase['expectedStatus'];
  annotations?: TestCase['annotations'];
}

function fakeTest(spec: FakeTestSpec): TestCase {
  const project = { name: 'scenarios' };
  return {
    id: spec.id,
    title: spec.title,
    titlePath: () => ['', 'scenarios', 'scenarios/fake.spec.ts', spec.title],
    location: { file: join(ROOT, 'scenarios/fake.spec.ts'), line: 1, column: 1 },
    parent: { project: () => project },
    expectedStatus: spec.expectedStatus ?? 'passed',
    annotations: spec.annotations ?? [],
  } as unknown as TestCase;
}

function fakeResult(status: TestResult['status'], extra: Partial<TestResult> = {}): TestResult {
  return { status, duration: 10, annotations: [], errors: [], attachments: [], retry: 0, ...extra } as unknown as TestResult;
}

function transcriptAttachment(id: string, body: unknown) {
  return { name: `transcript:${id}`, contentType: 'application/json', body: Buffer.from(JSON.stringify(body)) };
}

test('retries, not-started tests, not-run marks and bad evidence', async () => {
  await withTempDir(async (dir) => {
    const metaFile = join(dir, 'meta.json');
    await writeFile(metaFile, JSON.stringify({ run_id: '20261121-050500-abcd', contract_version: '0.1.24', stripe_backend: 'stripe-mock (STRIPE_MOCK_URL)' }));
    {
      const flaky = fakeTest({ id: 't1', title: 'flaky one' });
      const neverRan = fakeTest({ id: 't2', title: 'never ran' });
      const passedButMarked = fakeTest({ id: 't3', title: 'passed but marked' });
      const badEvidence = fakeTest({ id: 't4', title: 'bad evidence' });
      const timedOut = fakeTest({ id: 't5', title: 'timed out' });
      const unitTest = { ...fakeTest({ id: 't6', title: 'a unit test' }), parent: { project: () => ({ name: 'unit' }) } } as unknown as TestCase;
      const tests = [flaky, neverRan, passedButMarked, badEvidence, timedOut, unitTest];
      const coverage = (exercised: Record<string, number>, missing: string[]) => ({ version: '0.1.25', total: 3, covered: 1, percent: 33.3, missing, exercised });
      await mkdir(join(dir, 'out/coverage'), { recursive: true });
      await writeFile(join(dir, 'out/coverage/scenarios-worker-0.json'), JSON.stringify(coverage({ whoami: 2 }, ['doctor', 'trust'])));
      await writeFile(join(dir, 'out/coverage/scenarios-worker-1.json'), JSON.stringify(coverage({ whoami: 1, trust: 1 }, ['doctor'])));
      const reporter = new ConformanceReporter({ outputDir: join(dir, 'out'), quiet: true, projects: ['scenarios'], runMetaFile: metaFile, cliSpec: 'npm:image-skill@0.1.24' });
      reporter.onBegin({ configFile: join(ROOT, 'playwright.config.ts') } as FullConfig, { allTests: () => tests } as unknown as Suite);
      reporter.onTestEnd(flaky, fakeResult('failed', { errors: [{ message: 'first try' }] }));
      reporter.onTestEnd(flaky, fakeResult('passed', { retry: 1 }));
      reporter.onTestEnd(passedButMarked, fakeResult('passed', { annotations: [{ type: 'not-run', description: 'proof mode only' }] }));
      reporter.onTestEnd(
        badEvidence,
        fakeResult('passed', {
          attachments: [
            transcriptAttachment('inv-1', { id: 'inv-1', argv: ['x'] }),
            transcriptAttachment('inv-2', { id: 'other', argv: ['x'] }),
            transcriptAttachment('inv-3', { argv: 'nope' }),
          ],
        }),
      );
      reporter.onTestEnd(timedOut, fakeResult('timedOut', { duration: 30000 }));
      reporter.onTestEnd(unitTest, fakeResult('passed'));
      await reporter.onEnd({ status: 'failed' } as never);

      const results = await loadResults(join(dir, 'out/results.json'));
      expect(results.schema_coverage).toMatchObject({ version: '0.1.25', total: 3, covered: 2, missing: ['doctor'], exercised: { whoami: 3, trust: 1 } });
      const byTitle = Object.fromEntries(results.scenarios.map((s) => [s.title, s]));
      expect(byTitle['flaky one']).toMatchObject({ status: 'passed', flaky: true });
      expect(byTitle['never ran'].status).toBe('not-run');
      expect(byTitle['never ran'].not_run_reason).toMatch(/did not start/);
      expect(byTitle['passed but marked']).toMatchObject({ status: 'not-run', not_run_reason: 'proof mode only' });
      const bad = byTitle['bad evidence'];
      expect(bad.status).toBe('failed');
      expect(bad.invocations.map((i) => i.id)).toEqual(['inv-1']);
      expect(bad.errors.join('\n')).toContain('attachment "transcript:inv-2" is unusable: its id is "other"');
      expect(bad.errors.join('\n')).toContain('attachment "transcript:inv-3" is unusable');
      expect(byTitle['timed out'].errors).toEqual(['timed out after 30000 ms']);
      expect(results.summary).toEqual({ passed: 1, failed: 2, not_run: 2, skipped: 0, total: 5 });
      expect(results.run_id).toBe('20261121-050500-abcd');
      expect(results.contract_version).toBe('0.1.24');
      expect(results.cli.spec).toBe('npm:image-skill@0.1.24');
      expect(results.scenarios.map((s) => s.file)).toEqual(Array(5).fill('scenarios/fake.spec.ts'));
      const ids = results.scenarios.map((s) => s.id);
      expect(ids).toEqual([...ids].sort());
    }
  });
});


test('a known defect (expected to fail so the worker is kept) reports its own outcome, not Playwright\'s expectation', async () => {
  await withTempDir(async (dir) => {
    const known = { type: 'known-defect', description: 'media.upload.unsupported-exit-6' };
    const stillFails = fakeTest({ id: 'k1', title: 'still fails', expectedStatus: 'failed' });
    const nowPasses = fakeTest({ id: 'k2', title: 'now passes', expectedStatus: 'failed' });
    const plainExpectedFail = fakeTest({ id: 'k3', title: 'plain test.fail', expectedStatus: 'failed' });
    const reporter = new ConformanceReporter({ outputDir: join(dir, 'out'), quiet: true, projects: ['scenarios'], cliSpec: 'reference' });
    reporter.onBegin({ configFile: join(ROOT, 'playwright.config.ts') } as FullConfig, { allTests: () => [stillFails, nowPasses, plainExpectedFail] } as unknown as Suite);
    reporter.onTestEnd(stillFails, fakeResult('failed', { annotations: [known], errors: [{ message: 'exited 2; expected exit 6' }] }));
    reporter.onTestEnd(nowPasses, fakeResult('passed', { annotations: [known] }));
    reporter.onTestEnd(plainExpectedFail, fakeResult('failed'));
    await reporter.onEnd({ status: 'passed' } as never);
    const results = await loadResults(join(dir, 'out/results.json'));
    const byTitle = Object.fromEntries(results.scenarios.map((s) => [s.title, s]));
    expect(byTitle['still fails']).toMatchObject({ status: 'failed', errors: ['exited 2; expected exit 6'] });
    expect(byTitle['now passes']).toMatchObject({ status: 'passed', errors: [] });
    expect(byTitle['plain test.fail'].status).toBe('passed');
    // The fixture finds a baseline's scenario by the id the reporter gives it.
    expect(scenarioIdOf(join(ROOT, 'scenarios/fake.spec.ts'), ['still fails'], [])).toBe(byTitle['still fails'].id);
  });
});

test('a report for an optional project is written only when that project runs', async () => {
  await withTempDir(async (dir) => {
    const projectSuite = (name: string) => ({ project: () => ({ name }) });
    const run = async (out: string, projects: string[]) => {
      const reporter = new ConformanceReporter({ outputDir: join(dir, out), quiet: true, projects: ['x402-fork'], onlyIfProjectRuns: true });
      reporter.onBegin({ configFile: join(ROOT, 'playwright.config.ts') } as FullConfig, { suites: projects.map(projectSuite), allTests: () => [] } as unknown as Suite);
      await reporter.onEnd({ status: 'passed' } as never);
    };
    await run('without', ['unit', 'scenarios']);
    await run('with', ['scenarios', 'x402-fork']);
    expect(await stat(join(dir, 'without')).catch(() => null)).toBeNull();
    expect((await loadResults(join(dir, 'with/results.json'))).summary.total).toBe(0);
  });
});
