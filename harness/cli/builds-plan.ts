/**
 * `run --cli A --cli B …`: several builds in one Playwright invocation, so they share its
 * workers. The front end resolves each target and writes this plan (ISC_BUILDS_PLAN);
 * playwright.config.ts makes one project per build (the scenario suite, with that build's
 * target and report folder as worker options) and one conformance reporter per build, which
 * writes that build's results.json judged against that build's --expect file.
 */
import { readFileSync } from 'node:fs';
import { isRecord } from '../json.js';
import { safeSegment } from '../report/slug.js';
import type { ResolvedTarget } from '../target/types.js';

export interface PlannedBuild {
  /** Playwright project name, also the build's report subfolder. */
  project: string;
  cliSpec: string;
  /** The resolved target (harness/target/handoff.ts). */
  targetFile: string;
  reportDir: string;
  /** How its contract version was chosen, for the summary. */
  contractSource: string;
  expect: { file: string; strict: boolean; partial: boolean } | null;
}

export interface BuildsPlan {
  builds: PlannedBuild[];
  /**
   * The most workers one build's project may use (null: no limit). A build's target is a worker
   * fixture, so a worker that moves on to another build's tests is replaced by a new one, which
   * loads the harness and sets up its fixtures again; with the workers shared out between the
   * builds, each worker stays with one build.
   */
  workersPerBuild: number | null;
}

/** The workers shared out between the builds of one run, rounded up (never below one). */
export function workersPerBuild(workers: number, builds: number): number {
  return Math.max(1, Math.ceil(workers / Math.max(1, builds)));
}

const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

export function parseBuildsPlan(doc: unknown, file: string): BuildsPlan {
  if (!isRecord(doc) || !Array.isArray(doc.builds) || doc.builds.length === 0) throw new Error(`${file}: expected {"builds": [ … ]} with at least one build`);
  const builds = doc.builds.map((b: unknown, i): PlannedBuild => {
    if (!isRecord(b) || !str(b.project) || !str(b.cliSpec) || !str(b.targetFile) || !str(b.reportDir) || !str(b.contractSource)) {
      throw new Error(`${file}: build ${i} needs string project, cliSpec, targetFile, reportDir and contractSource`);
    }
    const e = b.expect;
    if (e !== null && (!isRecord(e) || !str(e.file) || typeof e.strict !== 'boolean' || typeof e.partial !== 'boolean')) {
      throw new Error(`${file}: build ${i} (${b.project}): expect must be null or {file, strict, partial}`);
    }
    return { project: b.project, cliSpec: b.cliSpec, targetFile: b.targetFile, reportDir: b.reportDir, contractSource: b.contractSource, expect: e === null ? null : { file: String(e.file), strict: e.strict === true, partial: e.partial === true } };
  });
  const names = builds.map((b) => b.project);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`${file}: two builds are both named ${twice}`);
  const perBuild = doc.workersPerBuild ?? null;
  if (perBuild !== null && !(Number.isInteger(perBuild) && Number(perBuild) > 0)) throw new Error(`${file}: workersPerBuild must be null or a positive integer`);
  return { builds, workersPerBuild: perBuild === null ? null : Number(perBuild) };
}

export function readBuildsPlan(file: string): BuildsPlan {
  return parseBuildsPlan(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** A build's name in the report: `<package>-<version>` (e.g. image-skill-0.1.24), made unique. */
export function buildName(target: ResolvedTarget, taken: ReadonlySet<string>): string {
  const base = safeSegment(target.name && target.version ? `${target.name.replace(/^@/, '').replace('/', '-')}-${target.version}` : target.kind === 'reference' ? 'reference' : target.spec);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}
