/**
 * The worker side of a mutation run, used by the `mutationGate` fixture (fixtures/test.ts).
 * Outside a mutation run it does nothing. In a run it works per test, through the worker's
 * target environment (the way ISC_REFERENCE_MUTANT reaches the reference CLI):
 *
 * - coverage pass (ISC_MUTATION_COVERAGE=<dir>): the test's CLI processes record the mutant
 *   switches they consult into `<dir>/<key folder>/` (see fixtures/reference-cli/lib/mutants.mjs);
 * - mutant rounds (ISC_MUTATION_SCHEDULE=<file>): a test runs against the mutant the schedule
 *   gives it (others are not in the round's test list), is skipped once that mutant is killed elsewhere
 *   (ISC_MUTATION_KILLS=<dir>), and a kill is recorded there. A kill is the expected outcome,
 *   so the worker (and its fixtures) carries on with the next mutant instead of restarting.
 */
import type { TestInfo } from '@playwright/test';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../cli/paths.js';
import { isRecord } from '../json.js';
import { COVERAGE_ENV, MUTANT_ENV } from '../target/reference.js';
import type { ResolvedTarget } from '../target/types.js';
import { keyFolderName, testKey, testRef } from './test-key.js';
import type { TestRef } from './test-key.js';
import { readRunConfig, RUN_ENV } from '../run-config.js';

export const COVERAGE_DIR_ENV = RUN_ENV.mutationCoverage;
export const SCHEDULE_ENV = RUN_ENV.mutationSchedule;
export const KILLS_ENV = RUN_ENV.mutationKills;
export const MUTANT_ANNOTATION = 'mutant';
/** What the coverage pass writes beside the records of one test. */
export const TEST_META_FILE = 'test.json';

/** Which mutant each test of a round runs: `{ tests: { <key>: <mutant> } }`. */
export interface MutantSchedule {
  tests: Record<string, string>;
}

export function parseSchedule(doc: unknown, source: string): MutantSchedule {
  if (!isRecord(doc) || !isRecord(doc.tests)) throw new Error(`${source}: expected { "tests": { <test key>: <mutant name> } }`);
  const tests: Record<string, string> = {};
  for (const [key, mutant] of Object.entries(doc.tests)) {
    if (typeof mutant !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(mutant)) throw new Error(`${source}: tests["${key}"] is not a mutant name`);
    tests[key] = mutant;
  }
  return { tests };
}

const schedules = new Map<string, MutantSchedule>();
function scheduleFrom(file: string): MutantSchedule {
  let schedule = schedules.get(file);
  if (!schedule) {
    schedule = parseSchedule(JSON.parse(readFileSync(file, 'utf8')), file);
    schedules.set(file, schedule);
  }
  return schedule;
}

export function killMarker(dir: string, mutant: string): string {
  return join(dir, mutant);
}

/** What the mutation run told the workers (Playwright's environment); all null outside a mutation run. */
export interface MutationSettings {
  coverageDir: string | null;
  scheduleFile: string | null;
  killsDir: string | null;
}

/** The settings from the run config (what playwright.config.ts hands the fixtures). */
export function mutationSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MutationSettings {
  return readRunConfig(env).mutation;
}

/** Run one test under the mutation run's rules (see the top of this file). */
export async function mutationGate(target: ResolvedTarget, use: () => Promise<void>, testInfo: TestInfo, settings: MutationSettings): Promise<void> {
  const ref = testRef(repoRoot(), testInfo.file, testInfo.titlePath);
  if (settings.coverageDir) return withCoverage(target, ref, settings.coverageDir, use);
  if (settings.scheduleFile) return withMutant(target, ref, settings.scheduleFile, settings.killsDir, use, testInfo);
  return use();
}

async function withCoverage(target: ResolvedTarget, ref: TestRef, root: string, use: () => Promise<void>): Promise<void> {
  const dir = join(root, keyFolderName(testKey(ref)));
  mkdirSync(dir, { recursive: true });
  // Scenarios that run the CLI as an unprivileged uid must be able to write here too.
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, TEST_META_FILE), `${JSON.stringify(ref)}\n`);
  target.env[COVERAGE_ENV] = dir;
  try {
    await use();
  } finally {
    delete target.env[COVERAGE_ENV];
  }
}

async function withMutant(target: ResolvedTarget, ref: TestRef, scheduleFile: string, kills: string | null, use: () => Promise<void>, testInfo: TestInfo): Promise<void> {
  const mutant = scheduleFrom(scheduleFile).tests[testKey(ref)] ?? null;
  testInfo.skip(mutant === null, 'no mutant scheduled for this test');
  if (mutant === null) return;
  testInfo.annotations.push({ type: MUTANT_ANNOTATION, description: mutant });
  testInfo.skip(kills !== null && existsSync(killMarker(kills, mutant)), `mutant ${mutant} already killed by another scenario`);
  target.env[MUTANT_ENV] = mutant;
  try {
    await use();
  } finally {
    delete target.env[MUTANT_ENV];
  }
  if (testInfo.status === 'failed' || testInfo.status === 'timedOut') {
    if (kills) {
      mkdirSync(kills, { recursive: true });
      writeFileSync(killMarker(kills, mutant), testKey(ref));
    }
    // A killed mutant is what the round is for: keep the worker for the next one.
    if (testInfo.status === 'failed') testInfo.expectedStatus = 'failed';
  }
}
