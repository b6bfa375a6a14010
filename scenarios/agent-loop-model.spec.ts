/**
 * Model-based agent loops (harness/model): fast-check draws sequences of the documented commands
 * an agent would run (signup, whoami, quota, credits packs/methods/quote/buy/status, the payer
 * finishing Checkout, create and its guide, jobs, assets, activity, models, the printed
 * next_command), runs each against a fresh fake and sandbox, and checks after every step that
 * the CLI and the service agree with the model. A failure is shrunk to the shortest sequence
 * and printed as the shell script an agent would have typed, with the seed that replays it.
 *
 * ISC_MODEL_RUNS (sequences, default 8: about 40 CLI steps, ≤ 30 s against the reference), ISC_MODEL_MAX_COMMANDS
 * (drawn per sequence, default 24; those whose precondition fails are skipped at no cost), ISC_MODEL_SEED
 * (default 2028), ISC_MODEL_PATH / ISC_MODEL_REPLAY_PATH (replay a failure as printed).
 */
import { test } from '../fixtures/test.js';
import { runAgentLoops } from '../harness/model/run.js';
import type { ModelRunSettings } from '../harness/model/run.js';
import { agentLoopWorld } from './agent-loop-world.js';

const TITLE = 'agent loops: random sequences of documented commands keep the CLI, the service and the model in step';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : fallback;
}

function settingsFor(cliSpec: string): ModelRunSettings {
  return {
    runs: envNumber('ISC_MODEL_RUNS', 8),
    maxCommands: envNumber('ISC_MODEL_MAX_COMMANDS', 24),
    seed: envNumber('ISC_MODEL_SEED', 2028),
    path: process.env.ISC_MODEL_PATH || undefined,
    replayPath: process.env.ISC_MODEL_REPLAY_PATH || undefined,
    rerun: `node bin/image-skill-conformance.mjs run --cli ${cliSpec} --grep "agent loops" --workers 1`,
  };
}

test(TITLE, { tag: ['@signup', '@credits', '@create', '@guide', '@token', '@config'] }, async ({ cli, fake, sandbox, contract, stated, contractDocuments, target }, testInfo) => {
  test.setTimeout(15 * 60_000);
  const settings = settingsFor(target.spec);
  const started = Date.now();
  const result = await runAgentLoops(agentLoopWorld({ cli, contract, fake, sandbox, stated, contractDocuments }), settings);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = `${result.sequences} sequence(s), ${result.steps} step(s) in ${seconds} s (seed ${settings.seed}, up to ${settings.maxCommands} commands each)`;
  testInfo.annotations.push({ type: 'agent-loops', description: summary });
  console.log(`agent loops (${target.spec}): ${summary}`);
  if (result.failure) {
    await testInfo.attach('agent-loop.sh', { body: result.failure.script, contentType: 'text/x-shellscript' });
    throw result.failure.error;
  }
});
