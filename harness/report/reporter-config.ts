/** Reporter list for playwright.config.ts; every output lands in one report folder (junit.xml comes from our reporter). */
import type { ReporterDescription } from '@playwright/test';
import { join, resolve } from 'node:path';
import { newRunId } from './run-id.js';

/**
 * ISC_REPORT_DIR when set; otherwise reports/<new run id>. The chosen folder is written
 * back to ISC_REPORT_DIR so worker processes (which reload the config) agree with it.
 */
export function defaultReportDir(root: string = process.cwd()): string {
  const dir = process.env.ISC_REPORT_DIR ?? join(root, 'reports', newRunId(new Date()));
  process.env.ISC_REPORT_DIR = dir;
  return dir;
}

/** Sharded runs (env ISC_SHARD, e.g. "2/4") also write a blob for `playwright merge-reports`. */
export function reporterConfig(
  reportDir: string,
  env: NodeJS.ProcessEnv = process.env,
  opts: { projects?: string[] } = {},
): ReporterDescription[] {
  const dir = resolve(reportDir);
  const reporters: ReporterDescription[] = [
    ['list'],
    ['json', { outputFile: join(dir, 'playwright-results.json') }],
    ['html', { outputFolder: join(dir, 'html'), open: 'never' }],
  ];
  const shard = env.ISC_SHARD?.trim();
  if (shard) {
    reporters.push(['blob', { outputDir: join(dir, 'blob'), fileName: `report-${shard.replace(/[^0-9]+/g, '-')}.zip` }]);
  }
  reporters.push(['./harness/report/playwright-reporter.ts', { outputDir: dir, ...(opts.projects ? { projects: opts.projects } : {}) }]);
  return reporters;
}
