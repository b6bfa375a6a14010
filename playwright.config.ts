import { defineConfig } from '@playwright/test';
import type { PlaywrightTestConfig } from '@playwright/test';
import { readPlan } from './harness/mutation/plan.js';
import type { ChainForkOption } from './harness/chain/project-chain.js';

const reportDir = process.env.ISC_REPORT_DIR ?? null;
// `.ts` in a checkout, `.js` in the built package (dist/), which Playwright loads from node_modules.
const ownExtension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const mutationPlan = process.env.ISC_MUTATION_PLAN ? readPlan(process.env.ISC_MUTATION_PLAN) : null;

function reporters(): PlaywrightTestConfig['reporter'] {
  if (mutationPlan) return [['dot'], ['json', { outputFile: mutationPlan.jsonReport }]];
  if (!reportDir) return [['list']];
  const list: NonNullable<PlaywrightTestConfig['reporter']> = [
    [process.env.CI ? 'dot' : 'list'],
    ['json', { outputFile: `${reportDir}/playwright.json` }],
    ['html', { outputFolder: `${reportDir}/html`, open: 'never' }],
    [`./harness/report/playwright-reporter${ownExtension}`],
  ];
  if (process.env.ISC_BLOB) list.push(['blob', { outputDir: `${reportDir}/blob` }]);
  return list;
}

const scenarioProjects = mutationPlan
  ? mutationPlan.projects.map((p) => ({
      name: p.name,
      testDir: 'scenarios',
      grep: p.grep ? new RegExp(p.grep) : undefined,
      use: { cliSpec: p.cliSpec },
    }))
  : [
      { name: 'unit', testDir: 'tests/unit' },
      { name: 'scenarios', testDir: 'scenarios' },
      // The x402 scenarios again, on a fork of a Base stand-in upstream the worker starts itself.
      {
        name: 'x402-fork',
        testDir: 'scenarios',
        testMatch: /x402-(payment|negative)\.spec\.ts$/,
        use: { chainFork: { upstream: 'base-stand-in' } as ChainForkOption },
      },
    ];

export default defineConfig<object, { cliSpec: string; chainFork: ChainForkOption }>({
  projects: scenarioProjects,
  workers: 2,
  retries: 0,
  timeout: 120_000,
  outputDir: reportDir ? `${reportDir}/test-output` : 'test-results',
  reporter: reporters(),
});
