/**
 * A run's settings as the front end hands them to Playwright: the one place the `ISC_*`
 * variables are named and read. playwright.config.ts reads them once and passes them on as
 * `use` options (fixtures) and reporter options; nothing else reads the environment.
 */
import { availableParallelism } from 'node:os';

/**
 * The workers of a run without `--workers`: one per core (a plain scenario run is fastest so,
 * 72 s against 77 s with one more). npm test gives its steps that wait a lot one more.
 */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Playwright's outputDir in a run with a report folder (attachments such as error-context.md).
 * Playwright makes a folder there for every test; the front end removes the empty ones when
 * the run ends (harness/cli/playwright.ts).
 */
export function testOutputDir(reportDir: string): string {
  return `${reportDir}/test-output`;
}

/** Variable names; the front end (harness/cli) writes exactly these. */
export const RUN_ENV = {
  cli: 'ISC_CLI',
  contract: 'ISC_CONTRACT',
  contractDir: 'ISC_CONTRACT_DIR',
  contractSource: 'ISC_CONTRACT_SOURCE',
  seed: 'ISC_SEED',
  invocationTimeoutMs: 'ISC_INVOCATION_TIMEOUT_MS',
  reportDir: 'ISC_REPORT_DIR',
  targetFile: 'ISC_TARGET_FILE',
  networkMode: 'ISC_NETWORK_MODE',
  expect: 'ISC_EXPECT',
  expectStrict: 'ISC_EXPECT_STRICT',
  expectPartial: 'ISC_EXPECT_PARTIAL',
  runMeta: 'ISC_RUN_META',
  runId: 'ISC_RUN_ID',
  blob: 'ISC_BLOB',
  mutationPlan: 'ISC_MUTATION_PLAN',
  buildsPlan: 'ISC_BUILDS_PLAN',
  mutationKills: 'ISC_MUTATION_KILLS',
  mutationCoverage: 'ISC_MUTATION_COVERAGE',
  mutationSchedule: 'ISC_MUTATION_SCHEDULE',
  proofOut: 'ISC_PROOF_OUT',
} as const;

export interface RunConfig {
  cli: string;
  contract: string | null;
  /** `run --contract <folder>`: the folder of documents the run is judged against (absolute). */
  contractDir: string | null;
  contractSource: string | null;
  seed: number | null;
  invocationTimeoutMs: number | null;
  reportDir: string | null;
  targetFile: string | null;
  networkMode: string | null;
  expect: { file: string; strict: boolean; partial: boolean } | null;
  runMeta: string | null;
  runId: string | null;
  blob: boolean;
  mutationPlan: string | null;
  /** `run` with several --cli: the builds, one project each (harness/cli/builds-plan.ts). */
  buildsPlan: string | null;
  /** The mutation run's per-test settings (harness/mutation/gate.ts). */
  mutation: { coverageDir: string | null; scheduleFile: string | null; killsDir: string | null };
  proofOut: string | null;
}

function text(env: NodeJS.ProcessEnv, name: string): string | null {
  const v = env[name]?.trim();
  return v ? v : null;
}

function positive(env: NodeJS.ProcessEnv, name: string): number | null {
  const v = text(env, name);
  if (v === null) return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${v}"`);
  return n;
}

export function readRunConfig(env: NodeJS.ProcessEnv = process.env): RunConfig {
  const expectFile = text(env, RUN_ENV.expect);
  const seed = text(env, RUN_ENV.seed);
  if (seed !== null && !/^\d+$/.test(seed)) throw new Error(`${RUN_ENV.seed} must be a whole number, got "${seed}"`);
  return {
    cli: text(env, RUN_ENV.cli) ?? 'reference',
    contract: text(env, RUN_ENV.contract),
    contractDir: text(env, RUN_ENV.contractDir),
    contractSource: text(env, RUN_ENV.contractSource),
    seed: seed === null ? null : Number(seed),
    invocationTimeoutMs: positive(env, RUN_ENV.invocationTimeoutMs),
    reportDir: text(env, RUN_ENV.reportDir),
    targetFile: text(env, RUN_ENV.targetFile),
    networkMode: text(env, RUN_ENV.networkMode),
    expect: expectFile ? { file: expectFile, strict: env[RUN_ENV.expectStrict] === '1', partial: env[RUN_ENV.expectPartial] === '1' } : null,
    runMeta: text(env, RUN_ENV.runMeta),
    runId: text(env, RUN_ENV.runId),
    blob: Boolean(text(env, RUN_ENV.blob)),
    mutationPlan: text(env, RUN_ENV.mutationPlan),
    buildsPlan: text(env, RUN_ENV.buildsPlan),
    mutation: { coverageDir: text(env, RUN_ENV.mutationCoverage), scheduleFile: text(env, RUN_ENV.mutationSchedule), killsDir: text(env, RUN_ENV.mutationKills) },
    proofOut: text(env, RUN_ENV.proofOut),
  };
}
