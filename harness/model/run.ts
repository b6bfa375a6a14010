/**
 * Run agent loops: fast-check draws command sequences, each runs against a fresh world (the
 * fake reset, the sandbox's config and work files gone); on a failure it shrinks to the
 * shortest failing sequence, which is run once more so the scenario's checks hold exactly its
 * failure, and printed as a shell script with the seed and path that replay it.
 */
import fc from 'fast-check';
import { ContractFailure } from '../../fixtures/contract-checks.js';
import type { ContractChecks } from '../../fixtures/contract-checks.js';
import { agentLoops } from './arbitrary.js';
import type { AgentLoop } from './arbitrary.js';
import { initialModel } from './model.js';
import { newRealSystem } from './real.js';
import type { RealSystem } from './real.js';
import { renderScript } from './script.js';
import type { ReplayInfo } from './script.js';

export interface ModelWorld {
  /** What every sequence's real system shares (runner, checks, fake, sandbox, rules). */
  base: Pick<RealSystem, 'cli' | 'contract' | 'fake' | 'sandbox' | 'rules' | 'inForce' | 'documentedFlags'>;
  /** Back to a world where nothing happened yet. */
  reset(): Promise<void>;
  savedSignupDocumented: boolean;
}

export interface ModelRunSettings {
  runs: number;
  seed: number;
  maxCommands: number;
  /** fast-check's counterexample path (replay). */
  path?: string;
  /** fast-check's commands replayPath (replay). */
  replayPath?: string;
  /** The command line that reruns this scenario alone (printed in the script's header). */
  rerun: string;
}

export interface ModelRunFailure {
  /** The shrunk sequence as the shell script an agent would have typed. */
  script: string;
  /** Commands in the shrunk sequence that ran (harness moves included). */
  steps: number;
  replay: ReplayInfo;
  /** The shrunk sequence's failure, with the script appended (a ContractFailure when a rule broke). */
  error: Error;
}

export interface ModelRunResult {
  /** Sequences run, shrinking and the final replay included. */
  sequences: number;
  /** CLI invocations and harness moves over all sequences. */
  steps: number;
  failure: ModelRunFailure | null;
}

/** The replayPath fast-check prints after a commands value (`/*replayPath="…"*\/`). */
export function replayPathOf(commands: unknown): string | null {
  return /replayPath="([^"]*)"/.exec(String(commands))?.[1] ?? null;
}

export async function runAgentLoops(world: ModelWorld, settings: ModelRunSettings): Promise<ModelRunResult> {
  const tally = { sequences: 0, steps: 0, runs: 0 };
  /** One sequence on a fresh world; `seen` gets its real system first, so its script survives a throw. */
  const runOnce = async (cmds: AgentLoop, seen: (real: RealSystem) => void = () => {}): Promise<void> => {
    await world.reset();
    const real = newRealSystem(world.base, `${settings.seed}-${++tally.runs}`);
    seen(real);
    tally.sequences++;
    try {
      await fc.asyncModelRun(() => ({ model: initialModel(world.savedSignupDocumented), real }), cmds);
    } finally {
      tally.steps += real.steps;
    }
  };
  const contract: ContractChecks = world.base.contract;
  const recordsBefore = contract.records.length;
  const details = await fc.check(
    fc.asyncProperty(agentLoops({ maxCommands: settings.maxCommands, replayPath: settings.replayPath }), (cmds) => runOnce(cmds)),
    { numRuns: settings.runs, seed: settings.seed, path: settings.path },
  );
  if (!details.failed || !details.counterexample) return { sequences: tally.sequences, steps: tally.steps, failure: null };

  // Only the shrunk sequence's checks stay: the exploring runs' records go, the replay's come in.
  contract.records.splice(recordsBefore);
  const [cmds] = details.counterexample;
  const replay: ReplayInfo = { seed: details.seed, path: details.counterexamplePath, replayPath: replayPathOf(cmds), command: settings.rerun };
  let shrunk: RealSystem['script'] = [];
  let again: unknown = null;
  try {
    await runOnce(cmds, (real) => (shrunk = real.script));
  } catch (err) {
    again = err;
  }
  const script = renderScript(shrunk, replay);
  const note = again === null ? '\n(the shrunk sequence did not fail again when replayed: flaky?)' : '';
  const error = withScript(again ?? details.errorInstance, `${note}\n\nshrunk agent loop:\n${script}`);
  return { sequences: tally.sequences, steps: tally.steps, failure: { script, steps: shrunk.length, replay, error } };
}

function withScript(cause: unknown, tail: string): Error {
  if (cause instanceof ContractFailure) return new ContractFailure(cause.records, tail.trimStart());
  const err = new Error(`${cause instanceof Error ? cause.message : String(cause)}${tail}`);
  if (cause instanceof Error && cause.stack) err.stack = `${err.message}\n${cause.stack.split('\n').slice(1).join('\n')}`;
  return err;
}
