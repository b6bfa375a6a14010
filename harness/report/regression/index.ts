/**
 * Regression report between two builds (`diff`): measure (measure.ts, invocation.ts, steps.ts,
 * values.ts), fold (fold.ts), classify against both sides' documents (classify.ts,
 * documents.ts), release notes (release-notes.ts), render (markdown.ts, html.ts, text.ts),
 * regression.json and its schema (schema.ts), report folders as input (load.ts).
 */
import type { RegressionReport } from './types.js';

export * from './types.js';
export { diffRuns, type SideInput } from './report.js';
export { renderRegressionMarkdown, summaryLines, SUMMARY_MAX } from './markdown.js';
export { renderRegressionHtml } from './html.js';
export { regressionJsonSchema, regressionProblems } from './schema.js';
export { loadSide, packageChangelog, readSavedDocuments, saveDocuments, transcriptLoaderFor } from './load.js';
export { commandForm, pairSteps, stepName } from './steps.js';

export type FailOn = 'regressed' | 'changed' | 'never';

/**
 * regressed: a change breaks a rule the head's documents state; changed: any change other than
 * a harness gap, or a difference of the documented schemas; never: always 0.
 */
export function diffExitCode(report: RegressionReport, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  const t = report.totals.by_class;
  if (failOn === 'regressed') return t.regression > 0 ? 1 : 0;
  const changes = report.totals.changes - t['harness-gap'];
  return changes > 0 || (report.documents?.changes.length ?? 0) > 0 ? 1 : 0;
}

/** The JSON text of regression.json (stable: keys in model order, two-space indent). */
export function renderRegressionJson(report: RegressionReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
