/**
 * The real system of the model: the CLI under test (the scenario's checked runner, in its
 * sandbox) against the scenario's fake, plus what the agent learnt on the way (real ids behind
 * the model's symbolic ones, its token) and the script of the commands run so far.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { CheckedInvocation, Cli, ScenarioFake } from '../../fixtures/test.js';
import type { ContractChecks } from '../../fixtures/contract-checks.js';
import type { Sandbox } from '../runner/sandbox.js';
import type { ScriptLine, Word } from './script.js';

/** Rule ids of behaviours that releases word differently (scenarios/rules-in-force.ts): each entry lists every wording. */
export interface WordedRules {
  nextCommandRuns: readonly string[];
  promptRequired: readonly string[];
  authRequired: readonly string[];
  readyToCreate: readonly string[];
  /** Signup prints the token only under --show-token. */
  showToken: readonly string[];
  /** The public model registry (0.1.25), the compact model menu (0.1.40 on). */
  modelsPublic: readonly string[];
}

export interface RealSystem {
  cli: Cli;
  contract: ContractChecks;
  fake: ScenarioFake;
  sandbox: Sandbox;
  rules: WordedRules;
  /** The ids of one behaviour the documents in force state (the first id when none is: its check is then only observed). */
  inForce(ids: readonly string[]): string[];
  /** Flags the documents in force spell out (`--pack`, …): a printed command may use only these. */
  documentedFlags: ReadonlySet<string>;
  /** Distinguishes this sequence's idempotency keys and files from earlier ones. */
  runTag: string;
  /** Symbolic name → real id (QUOTE_1 → quote_…), or → the printed command line (NEXT_1). */
  ids: Map<string, string>;
  /** The token a --show-token signup printed, passed as IMAGE_SKILL_TOKEN when the model says so. */
  token: string | null;
  tokenInEnv: boolean;
  agentId: string | null;
  script: ScriptLine[];
  /** CLI invocations and harness moves this sequence made. */
  steps: number;
}

export function newRealSystem(base: Pick<RealSystem, 'cli' | 'contract' | 'fake' | 'sandbox' | 'rules' | 'inForce' | 'documentedFlags'>, runTag: string): RealSystem {
  return { ...base, runTag, ids: new Map(), token: null, tokenInEnv: false, agentId: null, script: [], steps: 0 };
}

/** The real id behind a symbolic one; a missing one is a harness bug. */
export function idOf(r: RealSystem, name: string): string {
  const id = r.ids.get(name);
  if (id === undefined) throw new Error(`model: no real id recorded for ${name}`);
  return id;
}

/** Words to argv: symbolic ids replaced by the real ones. */
export function realArgs(r: RealSystem, words: readonly Word[]): string[] {
  return words.map((w) => (typeof w === 'string' ? w : idOf(r, w.ref)));
}

function envOf(r: RealSystem): Record<string, string> {
  return r.tokenInEnv && r.token ? { IMAGE_SKILL_TOKEN: r.token } : {};
}

/** Run one CLI command as the agent types it (checked by the fixture), and record its script line. */
export async function runCli(r: RealSystem, line: Extract<ScriptLine, { kind: 'cli' }>): Promise<CheckedInvocation> {
  r.script.push(line);
  r.steps++;
  return r.cli.run(realArgs(r, line.args), { env: envOf(r) });
}

/** Run a command line the CLI printed, as printed (placeholders filled by the fixture). */
export async function runPrinted(r: RealSystem, line: Extract<ScriptLine, { kind: 'eval' }>): Promise<CheckedInvocation> {
  r.script.push(line);
  r.steps++;
  return r.cli.runPrinted(idOf(r, line.ref), { env: envOf(r) });
}

/** A move of the harness (the payer), recorded in the script as the fake admin call that makes it. */
export function recordHarness(r: RealSystem, line: Extract<ScriptLine, { kind: 'harness' }>): void {
  r.script.push(line);
  r.steps++;
}

/** A fresh system for the next sequence: the fake forgets everything, the sandbox loses config and work files. */
export async function resetWorld(fake: ScenarioFake, sandbox: Sandbox): Promise<void> {
  await fake.admin.reset();
  await emptyDir(sandbox.work);
  for (const entry of await readdir(sandbox.home)) {
    const p = join(sandbox.home, entry);
    if (p === sandbox.configHome) await emptyDir(p);
    else await rm(p, { recursive: true, force: true });
  }
}

async function emptyDir(dir: string): Promise<void> {
  for (const entry of await readdir(dir).catch(() => [] as string[])) await rm(join(dir, entry), { recursive: true, force: true });
}
