import { defineConfig } from '@playwright/test';
import type { PlaywrightTestConfig } from '@playwright/test';
import { readPlan } from './harness/mutation/plan.js';
import { readBuildsPlan } from './harness/cli/builds-plan.js';
import type { ChainForkOption } from './harness/chain/project-chain.js';
import { defaultWorkers, readRunConfig, testOutputDir } from './harness/run-config.js';
import type { TestOptions, WorkerOptions } from './fixtures/test.js';
import { reporterOptionsFrom } from './harness/report/playwright-reporter.js';
import { knownDefectScenarios } from './harness/report/expectations.js';

// The front end's settings, read once; everything below passes them on as options.
const run = readRunConfig();
const reportDir = run.reportDir;
// `.ts` in a checkout, `.js` in the built package (dist/), which Playwright loads from node_modules.
const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const mutationPlan = run.mutationPlan ? readPlan(run.mutationPlan) : null;
const buildsPlan = run.buildsPlan ? readBuildsPlan(run.buildsPlan) : null;
const conformanceReporter = `./harness/report/playwright-reporter${ownExtension}`;
const forkReportDir = reportDir ? `${reportDir}/x402-fork` : null;

function reporters(): PlaywrightTestConfig['reporter'] {
  if (mutationPlan) return [['dot'], ['json', { outputFile: mutationPlan.jsonReport }]];
  if (!reportDir) return [['list']];
  const list: NonNullable<PlaywrightTestConfig['reporter']> = [
    [process.env.CI ? 'dot' : 'list'],
    ['json', { outputFile: `${reportDir}/playwright.json` }],
    ['html', { outputFolder: `${reportDir}/html`, open: 'never' }],
  ];
  if (buildsPlan) {
    // One conformance report per build: its tests only, its folder, its baseline.
    for (const b of buildsPlan.builds) {
      list.push([conformanceReporter, { ...reporterOptionsFrom(run), outputDir: b.reportDir, cliSpec: b.cliSpec, contractSource: b.contractSource, expect: b.expect, projects: [b.project] }]);
    }
  } else {
    // The x402 scenarios on a fork report on their own (<report>/x402-fork), so that
    // results.json says chain: fork; it is written only when that project runs.
    list.push([conformanceReporter, { ...reporterOptionsFrom(run), projects: ['unit', 'scenarios'] }]);
    list.push([conformanceReporter, { ...reporterOptionsFrom(run), outputDir: forkReportDir, projects: ['x402-fork'], onlyIfProjectRuns: true }]);
  }
  if (run.blob) list.push(['blob', { outputDir: `${reportDir}/blob` }]);
  return list;
}

const buildProjects = buildsPlan?.builds.map((b) => ({
  name: b.project,
  testDir: 'scenarios',
  workers: buildsPlan.workersPerBuild ?? undefined,
  use: { cliSpec: b.cliSpec, targetFile: b.targetFile, reportDir: b.reportDir, knownDefects: b.expect ? knownDefectScenarios(b.expect.file) : {} },
}));

const scenarioProjects = mutationPlan
  ? mutationPlan.projects.map((p) => ({
      name: p.name,
      testDir: 'scenarios',
      grep: p.grep ? new RegExp(p.grep) : undefined,
      use: { cliSpec: p.cliSpec },
    }))
  : buildProjects ?? [
      // The x402 scenarios again, on a fork of a Base stand-in upstream the worker starts itself.
      // First: Playwright hands out work in project order, and these two files of long tests
      // ended npm test's first step with one core idle when they came last.
      {
        name: 'x402-fork',
        testDir: 'scenarios',
        testMatch: /x402-(payment|negative)\.spec\.ts$/,
        // One worker: each one starts its own upstream and fork, and Playwright replaces a worker
        // that moves on to another project's tests.
        workers: 1,
        // Its own report folder (coverage files included); no mutant coverage (the mutation run reads the scenarios project).
        use: { chainFork: { upstream: 'base-stand-in' } as ChainForkOption, reportDir: forkReportDir, mutation: { coverageDir: null, scheduleFile: null, killsDir: null } },
      },
      { name: 'unit', testDir: 'tests/unit' },
      { name: 'scenarios', testDir: 'scenarios' },
    ];

export default defineConfig<Partial<TestOptions>, Partial<WorkerOptions>>({
  use: {
    cliSpec: run.cli,
    contractFlag: run.contract,
    contractDir: run.contractDir,
    targetFile: run.targetFile,
    reportDir: run.reportDir,
    networkMode: run.networkMode,
    seed: run.seed,
    invocationTimeoutMs: run.invocationTimeoutMs,
    mutation: run.mutation,
    proofOut: run.proofOut,
    knownDefects: run.expect ? knownDefectScenarios(run.expect.file) : {},
  },
  projects: scenarioProjects,
  // `run --workers N` overrides it, as npm test does for its steps that wait a lot.
  workers: defaultWorkers(),
  retries: 0,
  timeout: 120_000,
  outputDir: reportDir ? testOutputDir(reportDir) : 'test-results',
  reporter: reporters(),
});
