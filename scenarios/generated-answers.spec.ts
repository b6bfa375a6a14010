/**
 * Generated service answers (fast-check): for a sampled route+command and an answer generated
 * from the fake's normal answer (or the documented example), the CLI prints exactly one JSON
 * envelope and exits with a documented exit code, without hanging. The variations are the
 * hostile-service matrix's kinds, generated and combined (harness/fake/generated/); each is
 * applied as a stub through the admin API, so a counterexample is a replayable stub.
 *
 * Budget: ISC_GENERATED_RUNS runs (default 25) from a fixed seed (ISC_GENERATED_SEED); a
 * counterexample is shrunk, charged to the rules it breaks, and attached with its seed, path,
 * stub and replay commands (docs/generated-answers.md). Schema checks are off (the service,
 * not the CLI, broke the shape); a stack trace on stderr beside a good envelope is observed
 * only (no sentence states it), as in hostile-service.spec.ts.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { withEnv } from '../fixtures/scenario-helpers.js';
import { commandLineOf } from '../harness/runner/transcript.js';
import { makePng } from '../harness/fake/png.js';
import type { Finding } from '../harness/checks/findings.js';
import { answerArbitrary, type CaseBase } from '../harness/fake/generated/answer.js';
import { baseAnswer } from '../harness/fake/generated/bases.js';
import { CASES } from '../harness/fake/generated/cases.js';
import { checkGeneratedAnswers } from '../harness/fake/generated/property.js';
import { replayRecord, SPEC_TITLE } from '../harness/fake/generated/replay.js';
import { createRunOne } from '../harness/fake/generated/run-one.js';
import { generatedSettings } from '../harness/fake/generated/settings.js';
import { prepareWorld, readCatalogue } from '../harness/fake/generated/world.js';

/** The rules the property checks on every run (harness/rules/catalogue/output.ts, exit-codes.ts). */
const PROPERTY_RULES = ['output.json-default', 'output.envelope', 'output.error-envelope', 'exit.deterministic', 'exit.code-0-success'];

test(`${SPEC_TITLE}: every sampled route and command gives one well-formed envelope and a documented exit code`, { tag: ['@robustness', '@envelope', '@generated'] }, async ({ cli, fake, contract, schemaSet, stated, sandbox, cliSpec }, testInfo) => {
  const settings = generatedSettings();
  test.setTimeout(settings.timeLimitMs + 60_000);

  const catalogue = await readCatalogue(fake.url);
  const imagePath = join(sandbox.work, 'generated.png');
  await writeFile(imagePath, makePng('a1b2c3'));
  const setup = await prepareWorld(fake.url, ['job', 'quote', 'attempt'], catalogue, imagePath);
  const bases: CaseBase[] = [];
  for (const c of CASES) bases.push({ case: c, base: await baseAnswer(fake.url, c, setup, schemaSet.examples) });

  const observed = new Map<string, string[]>();
  const { runOne, ran } = createRunOne({
    url: fake.url,
    admin: fake.admin,
    bases,
    catalogue,
    imagePath,
    stated: stated.ids,
    run: async (argv, token) => {
      const inv = await withEnv(cli, { IMAGE_SKILL_TOKEN: token }).runUnchecked(argv, { skipSchema: true, timeoutMs: settings.hangMs });
      return { ...inv, command: commandLineOf(inv) };
    },
  });
  const outcome = await checkGeneratedAnswers(
    answerArbitrary(bases, settings.exclude),
    async (answer) => {
      const verdict = await runOne(answer);
      for (const o of verdict.observations) observed.set(o.what, [...(observed.get(o.what) ?? []), o.message]);
      return verdict;
    },
    settings,
  );
  testInfo.annotations.push({
    type: 'generated answers',
    description: `${outcome.runs} runs, ${outcome.numShrinks} shrinks, seed ${outcome.seed}${outcome.path ? `, path ${outcome.path}` : ''}${settings.exclude.length ? `, excluding ${settings.exclude.join(',')}` : ''}, ${(outcome.elapsedMs / 1000).toFixed(1)} s${outcome.interrupted ? ', interrupted by the time limit' : ''}`,
  });

  // Observations first (they never fail), then the counterexample's problems under their rules.
  for (const [what, lines] of observed) await contract.observe(what, () => expect(lines.slice(0, 20), `${lines.length} run(s)`).toEqual([]));
  await contract.observe('the property ran its whole budget within the time limit', () => expect(outcome.interrupted, `ISC_GENERATED_TIME_LIMIT_MS=${settings.timeLimitMs}`).toBe(false));

  const found = outcome.counterexample;
  expect(outcome.error, 'the property failed without a verdict (the run threw)').toBeNull();
  if (!found) {
    contract.judge([], { command: `${outcome.runs} generated runs`, invocationId: null }, () => '', PROPERTY_RULES);
    return;
  }
  const shown = ran(found.answer);
  if (!shown) throw new Error('generated answers: the counterexample has no recorded run');
  const record = replayRecord({ seed: outcome.seed, path: outcome.path, answer: found.answer, argv: shown.argv, problems: found.verdict.problems, stub: shown.stub, cliSpec, exclude: settings.exclude });
  await testInfo.attach('generated-answer-counterexample.json', { body: JSON.stringify(record, null, 2), contentType: 'application/json' });
  await testInfo.attach('generated-answer-stub.json', { body: JSON.stringify(record.stub, null, 2), contentType: 'application/json' });

  const harness = found.verdict.problems.filter((p) => p.rule === null).map((p) => p.message);
  expect(harness, `the harness could not run the CLI:\n${harness.join('\n')}`).toEqual([]);
  const stubText = JSON.stringify(record.stub);
  const detail = [
    `  counterexample after ${outcome.runs} run(s) and ${outcome.numShrinks} shrink(s): case ${found.answer.caseId}, seed ${outcome.seed}, path ${outcome.path}`,
    `  shrunk answer as a stub (attachment generated-answer-stub.json): ${stubText.length > 2000 ? `${stubText.slice(0, 2000)}…` : stubText}`,
    `  replay the spec: ${record.replay.spec}`,
    `  replay by hand: see attachment generated-answer-counterexample.json (replay.serve) and docs/generated-answers.md`,
  ].join('\n');
  const findings: Finding[] = found.verdict.problems.map((p) => ({ rule: p.rule, observation: false, message: p.message }));
  contract.judge(findings, { command: shown.command, invocationId: null }, () => detail, PROPERTY_RULES);
});
