/**
 * Playwright reporter that writes reports/<run-id>/{results.json, summary.md, transcripts/}.
 * Scenarios come from the finished tests; invocations from `transcript:<id>` attachments.
 */
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { collectCoverage } from './coverage-files.js';
import { computeCommandCoverage } from './command-coverage.js';
import { readTargetFile } from '../target/handoff.js';
import { buildScenario, scenarioId, stripAnsi, toInvocationResult, type TestRecord } from './build-scenario.js';
import { readEvidence, type AttachmentLike } from './evidence.js';
import { renderSummaryMarkdown } from './markdown.js';
import { tallyLine, tallyOf } from './tally.js';
import { renderConsoleSummary } from './console-summary.js';
import { classify, loadExpectations } from './expectations.js';
import { publishToGithub } from './github.js';
import { renderJunit } from './junit.js';
import { RESULTS_SCHEMA, summarise, writeResults, type RunResults, type ScenarioResult } from './results.js';
import { fillRunMeta, parseRunMeta, type RunMeta } from './run-meta.js';
import { isRunId, newRunId } from './run-id.js';
import { safeSegment } from './slug.js';
import type { RunConfig } from '../run-config.js';

/** Set by playwright.config.ts from the run config (harness/run-config.ts); tests pass them directly. */
export interface ConformanceReporterOptions {
  /** Report directory; else reports/<run-id>. */
  outputDir?: string | null;
  /** Run metadata the launcher wrote (wins over everything else). */
  runMetaFile?: string | null;
  /** Fallbacks where no test attached metadata. */
  runId?: string | null;
  cliSpec?: string | null;
  contract?: string | null;
  contractSource?: string | null;
  networkMode?: string | null;
  /** `run --expect`: the baseline to judge the run against (validated by the launcher first). */
  expect?: { file: string; strict: boolean; partial: boolean } | null;
  /** Only report tests of these Playwright projects (default: all). */
  projects?: string[];
  /** Write nothing unless one of `projects` is part of this run (a report for an optional project). */
  onlyIfProjectRuns?: boolean;
  /** Silence the closing one-line summary (tests). */
  quiet?: boolean;
  /**
   * The resolved target the front end handed to the workers (its commands.json gives the
   * command coverage); default: the `targetFile` option of the reported projects.
   */
  targetFile?: string | null;
}

interface Finished {
  test: TestCase;
  result: TestResult;
  failedBefore: boolean;
}

function toPosix(p: string): string {
  return p.split('\\').join('/');
}

/** The reporter's options from the run config the front end handed over. */
export function reporterOptionsFrom(run: RunConfig): ConformanceReporterOptions {
  return {
    outputDir: run.reportDir,
    runMetaFile: run.runMeta,
    runId: run.runId,
    cliSpec: run.cli,
    contract: run.contract,
    contractSource: run.contractSource,
    networkMode: run.networkMode,
    expect: run.expect,
  };
}

/** The target file the reported projects' workers were given (playwright.config.ts sets `use.targetFile`), if any. */
function handedTargetOf(config: FullConfig, projects: string[] | undefined): { file: string; cliSpec: string | null } | null {
  for (const p of config.projects ?? []) {
    if (projects && !projects.includes(p.name)) continue;
    const use = p.use as { targetFile?: unknown; cliSpec?: unknown };
    if (typeof use.targetFile === 'string' && use.targetFile !== '') return { file: use.targetFile, cliSpec: typeof use.cliSpec === 'string' ? use.cliSpec : null };
  }
  return null;
}

/** Metadata given explicitly by the launcher: wins over everything else. */
async function metaFromFile(file: string | null | undefined): Promise<RunMeta> {
  return file ? parseRunMeta(JSON.parse(await readFile(file, 'utf8')), file) : {};
}

/** What the run config says; used only where no test attached anything better. */
function metaFromOptions(o: ConformanceReporterOptions): RunMeta {
  const fallback: RunMeta = {};
  if (o.runId) fallback.run_id = o.runId;
  if (o.contract) fallback.contract_version = o.contract;
  if (o.cliSpec) fallback.cli = { spec: o.cliSpec, name: null, version: null, integrity: null, ships_documents: [] };
  return fallback;
}

export default class ConformanceReporter implements Reporter {
  private readonly options: ConformanceReporterOptions;
  private rootDir = process.cwd();
  private suite: Suite | null = null;
  private active = true;
  private startedAt = new Date();
  private readonly finished = new Map<string, Finished>();
  /** Where the workers' resolved target is, and the spec it must be for (as targetForWorker checks). */
  private handedTarget: { file: string; cliSpec: string | null } | null = null;
  /** Transcript files to write once the report folder is known. */
  private pending: Array<{ dir: string; file: string; body: unknown }> = [];

  constructor(options: ConformanceReporterOptions = {}) {
    this.options = options;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.rootDir = config.configFile ? dirname(config.configFile) : process.cwd();
    this.suite = suite;
    this.startedAt = new Date();
    const projects = this.options.projects;
    if (this.options.onlyIfProjectRuns && projects) this.active = suite.suites.some((s) => projects.includes(s.project()?.name ?? ''));
    this.handedTarget = this.options.targetFile ? { file: this.options.targetFile, cliSpec: null } : handedTargetOf(config, projects);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const previous = this.finished.get(test.id);
    const failedBefore = previous !== undefined && (previous.failedBefore || previous.result.status !== test.expectedStatus);
    this.finished.set(test.id, { test, result, failedBefore });
  }

  async onEnd(result: FullResult): Promise<void> {
    if (!this.active) return;
    const results: RunResults & { network_mode?: string; interrupted?: boolean } = await this.buildResults(new Date());
    if (this.options.networkMode) results.network_mode = this.options.networkMode;
    if (result.status === 'interrupted') results.interrupted = true;
    const reportDir = this.reportDir(results.run_id);
    if (!results.schema_coverage) {
      const coverage = await collectCoverage(reportDir, (line) => console.warn(line));
      if (coverage) results.schema_coverage = coverage;
    }
    await this.addCommandCoverage(results);
    await this.judgeAgainstBaseline(results);
    await this.writeAll(reportDir, results);
  }

  /** Coverage of the build's commands.json, when the handed-over target ships one; never fails the run. */
  private async addCommandCoverage(results: RunResults): Promise<void> {
    const handed = this.handedTarget;
    if (!handed) return;
    try {
      const target = await readTargetFile(handed.file);
      if (handed.cliSpec !== null && target.spec !== handed.cliSpec) return;
      if (target.commandManifest) results.command_coverage = computeCommandCoverage(target.commandManifest, results.scenarios);
    } catch (err) {
      console.warn(`report: command coverage left out of results.json: ${(err as Error).message}`);
    }
  }

  private async judgeAgainstBaseline(results: RunResults): Promise<void> {
    if (!this.options.expect) return;
    const { file, strict, partial } = this.options.expect;
    try {
      const baseline = await loadExpectations(file);
      results.expectations = classify(results, baseline, {
        file: relative(this.rootDir, resolve(file)).startsWith('..') ? resolve(file) : toPosix(relative(this.rootDir, resolve(file))),
        strict,
        partial,
      });
    } catch (err) {
      console.error(`report: baseline not applied: ${(err as Error).message}`);
    }
  }

  /** Resolved after metadata is known, because the default folder is named after the run id. */
  private reportDir(runId: string): string {
    const configured = this.options.outputDir;
    return configured ? resolve(this.rootDir, configured) : join(this.rootDir, 'reports', runId);
  }

  private runIdFor(meta: RunMeta): string {
    if (meta.run_id) return meta.run_id;
    const configured = this.options.outputDir;
    if (configured && isRunId(basename(configured))) return basename(configured);
    return newRunId(this.startedAt);
  }

  private record(test: TestCase, finished: Finished | undefined): TestRecord {
    const titles = test.titlePath().slice(3);
    const base = {
      titles: titles.length > 0 ? titles : [test.title],
      file: toPosix(relative(this.rootDir, test.location.file)),
      project: test.parent.project()?.name ?? '',
      expectedStatus: test.expectedStatus,
    };
    if (!finished) {
      return { ...base, status: 'not-started', durationMs: 0, passedOnRetry: false, annotations: [...test.annotations], errors: [] };
    }
    const { result } = finished;
    const annotations = [...(result.annotations ?? []), ...test.annotations];
    return {
      ...base,
      status: result.status,
      durationMs: result.duration,
      passedOnRetry: finished.failedBefore,
      annotations,
      errors: result.errors.map((e) => stripAnsi(e.message ?? e.value ?? '')),
    };
  }

  private async buildResults(finishedAt: Date): Promise<RunResults> {
    const projects = this.options.projects;
    const tests = (this.suite?.allTests() ?? [...this.finished.values()].map((f) => f.test)).filter(
      (t) => !projects || projects.includes(t.parent.project()?.name ?? ''),
    );
    let meta = await metaFromFile(this.options.runMetaFile);
    const scenarios: ScenarioResult[] = [];
    const usedIds = new Set<string>();
    this.pending = [];
    const attachmentMeta: RunMeta[] = [];
    for (const test of tests) {
      const finished = this.finished.get(test.id);
      const record = this.record(test, finished);
      let id = scenarioId(record);
      if (usedIds.has(id)) id = `${id}@${record.project || 'default'}`;
      for (let n = 2; usedIds.has(id); n++) id = `${scenarioId(record)}#${n}`;
      usedIds.add(id);
      const evidence = await readEvidence((finished?.result.attachments ?? []) as AttachmentLike[]);
      attachmentMeta.push(...evidence.runMeta);
      const dir = join('transcripts', safeSegment(id));
      const invocations = evidence.transcripts.map(({ view, redacted }) => {
        const ref = toPosix(join(dir, `${safeSegment(view.id)}.json`));
        this.pending.push({ dir, file: ref, body: redacted });
        return toInvocationResult(view, ref);
      });
      scenarios.push(buildScenario({ record, id, invocations, evidenceProblems: evidence.problems, checks: evidence.checks, rulesChecked: evidence.rulesChecked }));
    }
    for (const extra of attachmentMeta) meta = fillRunMeta(meta, extra);
    meta = fillRunMeta(meta, metaFromOptions(this.options));
    scenarios.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const results: RunResults = {
      schema: RESULTS_SCHEMA,
      run_id: this.runIdFor(meta),
      started_at: this.startedAt.toISOString(),
      finished_at: finishedAt.toISOString(),
      cli: meta.cli ?? { spec: 'unknown', name: null, version: null, integrity: null, ships_documents: [] },
      contract_version: meta.contract_version ?? null,
      stripe_backend: meta.stripe_backend ?? null,
      chain_mode: meta.chain_mode ?? null,
      scenarios,
      summary: summarise(scenarios),
    };
    if (meta.schema_coverage) results.schema_coverage = meta.schema_coverage;
    if (meta.mutation) results.mutation = meta.mutation;
    if (meta.chain_fork) results.chain_fork = meta.chain_fork;
    if (meta.no_longer_stated && meta.no_longer_stated.length > 0) results.no_longer_stated = meta.no_longer_stated;
    if (this.options.contractSource) results.contract_source = this.options.contractSource;
    return results;
  }

  private async writeAll(reportDir: string, results: RunResults): Promise<void> {
    for (const t of this.pending) {
      await mkdir(join(reportDir, t.dir), { recursive: true });
      await writeFile(join(reportDir, t.file), `${JSON.stringify(t.body, null, 2)}\n`);
    }
    await writeResults(reportDir, results);
    const summaryPath = join(reportDir, 'summary.md');
    const summary = renderSummaryMarkdown(results);
    await writeFile(summaryPath, summary);
    await writeFile(join(reportDir, 'junit.xml'), renderJunit(results));
    if (!this.options.quiet) {
      const grouped = renderConsoleSummary(results);
      if (grouped) console.log(grouped);
      await publishToGithub(results, summary);
      console.log(`${tallyLine(tallyOf(results))} — report: ${summaryPath}`);
    }
  }
}
