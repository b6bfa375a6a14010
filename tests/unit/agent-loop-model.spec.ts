/**
 * The model-based agent loops (harness/model): the commands' preconditions, the script printer,
 * and a run against a reference mutant that prints the token again after signup
 * (token-in-later-output, breaks secrets.not-printed): the run fails, cites that rule, and
 * shrinks to the two commands that show it.
 */
import { test, expect } from '../../fixtures/test.js';
import { ContractFailure } from '../../fixtures/contract-checks.js';
import { BuyCommand, PayCommand, QuoteCommand, StatusCommand } from '../../harness/model/commands/credits.js';
import { SignupCommand } from '../../harness/model/commands/identity.js';
import { AssetCommand, CreateCommand, JobCommand, MAX_LIVE_CREATES } from '../../harness/model/commands/media.js';
import { RunNextCommand } from '../../harness/model/commands/next.js';
import { freshName, initialModel } from '../../harness/model/model.js';
import type { Model } from '../../harness/model/model.js';
import { printedCommandProblems } from '../../harness/model/next-command.js';
import { runAgentLoops } from '../../harness/model/run.js';
import { renderLine, renderScript } from '../../harness/model/script.js';
import { agentLoopWorld } from '../../scenarios/agent-loop-world.js';

// The file's one CLI: the reference mutant that prints the token again (the pure tests below ignore it).
test.use({ cliSpec: 'reference:token-in-later-output' });

function signedIn(): Model {
  return { ...initialModel(true), signedIn: true, tokenHome: 'config', configSaved: true, credits: 40 };
}

test.describe('preconditions', () => {
  test('signup: once, and saving only where the documents say signup saves', () => {
    expect(new SignupCommand('saved').check(initialModel(true))).toBe(true);
    expect(new SignupCommand('saved').check(initialModel(false))).toBe(false);
    expect(new SignupCommand('shown').check(initialModel(false))).toBe(true);
    expect(new SignupCommand('shown').check(signedIn())).toBe(false);
  });

  test('quote needs a signed-in agent; a retry needs an earlier quote', () => {
    expect(new QuoteCommand(null).check(initialModel(true))).toBe(false);
    expect(new QuoteCommand(null).check(signedIn())).toBe(true);
    expect(new QuoteCommand(0).check(signedIn())).toBe(false);
    const m = signedIn();
    m.quotes.push({ name: freshName(m, 'QUOTE'), key: 'k', credits: 500, attempt: null });
    expect(new QuoteCommand(3).check(m)).toBe(true);
  });

  test('buy needs an unbought quote; the payer needs an attempt; Stripe redelivers only a completed one; status needs an attempt', () => {
    const m = signedIn();
    expect(new BuyCommand(0).check(m)).toBe(false);
    expect(new StatusCommand(0).check(m)).toBe(false);
    m.quotes.push({ name: 'QUOTE_1', key: 'k', credits: 500, attempt: null });
    expect(new BuyCommand(1).check(m)).toBe(true);
    m.quotes[0].attempt = 'ATTEMPT_1';
    m.attempts.push({ name: 'ATTEMPT_1', quote: 'QUOTE_1', credits: 500, completed: false });
    expect(new BuyCommand(0).check(m)).toBe(false);
    expect(new PayCommand(0, false).check(m)).toBe(true);
    expect(new PayCommand(0, true).check(m)).toBe(false);
    expect(new StatusCommand(2).check(m)).toBe(true);
    m.attempts[0].completed = true;
    expect(new PayCommand(0, false).check(m)).toBe(false);
    expect(new PayCommand(0, true).check(m)).toBe(true);
  });

  test('create needs a signed-in agent and stays below the live-create cap; jobs and assets need one made', () => {
    const m = signedIn();
    expect(new CreateCommand(false).check(initialModel(true))).toBe(false);
    expect(new JobCommand('show', 0).check(m)).toBe(false);
    expect(new AssetCommand('get', 0).check(m)).toBe(false);
    for (let i = 1; i <= MAX_LIVE_CREATES; i++) m.jobs.push(`JOB_${i}`);
    m.assets.push('ASSET_1');
    expect(new CreateCommand(false).check(m)).toBe(false);
    expect(new CreateCommand(true).check(m)).toBe(true);
    expect(new JobCommand('wait', 7).check(m)).toBe(true);
    expect(new AssetCommand('show', 0).check(m)).toBe(true);
  });

  test('the printed next_command runs once, and a printed live create respects the cap', () => {
    const m = signedIn();
    expect(new RunNextCommand().check(m)).toBe(false);
    m.guide = { name: 'NEXT_1', stage: 'auth_required', ran: false };
    expect(new RunNextCommand().check(m)).toBe(true);
    m.guide = { name: 'NEXT_2', stage: 'ready_to_create', ran: false };
    for (let i = 1; i <= MAX_LIVE_CREATES; i++) m.jobs.push(`JOB_${i}`);
    expect(new RunNextCommand().check(m)).toBe(false);
    m.guide = { name: 'NEXT_3', stage: 'quota_required', ran: true };
    expect(new RunNextCommand().check(m)).toBe(false);
  });
});

test.describe('printed commands and the script', () => {
  test('a printed next_command must name a command of the table; unknown flags are listed apart', () => {
    const flags = new Set(['--guide', '--prompt', '--json']);
    expect(printedCommandProblems('npx -y image-skill@latest create --guide --prompt "x" --json', flags)).toEqual({ command: [], flags: [] });
    expect(printedCommandProblems('image-skill frobnicate --json', flags).command).toEqual(['names no documented command: frobnicate']);
    expect(printedCommandProblems('curl https://example.invalid', flags).command).toEqual(['calls no image-skill command']);
    expect(printedCommandProblems('image-skill create --guide --colour red', flags).flags).toEqual(['flag --colour is not in the documents']);
  });

  test('each kind of line prints as an agent would type it', () => {
    expect(renderLine({ kind: 'cli', args: ['whoami', '--json'] })).toBe('image-skill whoami --json');
    expect(renderLine({ kind: 'cli', args: ['signup', '--agent', '--show-token', '--no-save', '--json'], exportToken: true })).toBe(
      "export IMAGE_SKILL_TOKEN=$(image-skill signup --agent --show-token --no-save --json | jq -r '.data.token')",
    );
    expect(renderLine({ kind: 'cli', args: ['credits', 'buy', '--quote-id', { ref: 'QUOTE_1' }, '--json'], captures: [{ name: 'ATTEMPT_1', path: '.data.payment_attempt_id' }] })).toBe(
      `ATTEMPT_1=$(image-skill credits buy --quote-id "$QUOTE_1" --json | jq -r '.data.payment_attempt_id')`,
    );
    expect(
      renderLine({ kind: 'cli', args: ['create', '--prompt', 'a cat on a mat', '--json'], captures: [{ name: 'JOB_1', path: '.data.job_id' }, { name: 'ASSET_1', path: '.data.assets[0].asset_id' }] }),
    ).toBe(`out=$(image-skill create --prompt 'a cat on a mat' --json); JOB_1=$(printf '%s' "$out" | jq -r '.data.job_id'); ASSET_1=$(printf '%s' "$out" | jq -r '.data.assets[0].asset_id')`);
    expect(renderLine({ kind: 'eval', ref: 'NEXT_1' })).toBe('eval "$NEXT_1"');
    expect(renderLine({ kind: 'harness', what: 'the payer completes Stripe Checkout', method: 'POST', path: ['/__admin/stripe/checkout-sessions/', { ref: 'ATTEMPT_1' }, '/complete'] })).toBe(
      'curl -sS -X POST "$IMAGE_SKILL_API_BASE_URL/__admin/stripe/checkout-sessions/$ATTEMPT_1/complete"  # harness: the payer completes Stripe Checkout',
    );
  });

  test('the script starts with how to replay it', () => {
    const script = renderScript([{ kind: 'cli', args: ['whoami', '--json'] }], { seed: 7, path: '3:1', replayPath: 'AB:q', command: 'node bin/image-skill-conformance.mjs run --grep x' });
    expect(script.split('\n')).toEqual([
      '#!/bin/sh',
      '# agent loop of 1 command(s), as fast-check shrank it',
      '# replay: ISC_MODEL_SEED=7 ISC_MODEL_PATH=3:1 ISC_MODEL_REPLAY_PATH=AB:q node bin/image-skill-conformance.mjs run --grep x',
      '# against a fake: eval "$(image-skill-conformance serve --payments)"; every command prints one JSON envelope',
      'image-skill whoami --json',
    ]);
  });
});

test.describe('a broken CLI', () => {
  test('the run fails under secrets.not-printed and shrinks to signup then whoami', async ({ cli, fake, sandbox, contract, stated, contractDocuments }) => {
    test.setTimeout(5 * 60_000);
    const result = await runAgentLoops(
      agentLoopWorld({ cli, contract, fake, sandbox, stated, contractDocuments }),
      { runs: 30, seed: 42, maxCommands: 16, rerun: 'node bin/image-skill-conformance.mjs run --cli reference:token-in-later-output --grep "agent loops" --workers 1' },
    );
    // The mutant's failure is this test's subject, not a finding: clear it from the scenario's checks.
    const records = contract.records.splice(0);
    const failure = result.failure;
    expect(failure, 'the mutant must fail the run').not.toBeNull();
    if (!failure) return;
    expect(failure.error).toBeInstanceOf(ContractFailure);
    expect((failure.error as ContractFailure).records.map((r) => r.rule?.id)).toContain('secrets.not-printed');
    expect(records.some((r) => r.outcome === 'failed' && r.rule?.id === 'secrets.not-printed')).toBe(true);
    const commands = failure.script.split('\n').filter((l) => !l.startsWith('#'));
    expect(commands, failure.script).toHaveLength(2);
    expect(commands[0]).toMatch(/image-skill signup --agent /);
    expect(commands[1]).toBe('image-skill whoami --json');
    expect(failure.error.message).toContain('shrunk agent loop:');
    expect(failure.error.message).toContain('ISC_MODEL_SEED=42');
    expect(result.sequences).toBeGreaterThan(1);
  });
});
