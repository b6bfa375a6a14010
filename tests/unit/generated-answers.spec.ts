/**
 * Generated service answers (harness/fake/generated/): the arbitraries produce every variation
 * kind within their bounds, a generated answer's stub replays on a fake (the same answer comes
 * back through the admin API), and the property fails, shrunk and charged to its rule, on a
 * CLI that crashes on a null field (tests/fixtures/clis/crash-on-null.mjs).
 */
import { test, expect } from '@playwright/test';
import fc from 'fast-check';
import path from 'node:path';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake } from '../../harness/fake/client.js';
import { parseStub } from '../../harness/fake/stubs/validate.js';
import { processFindings } from '../../harness/checks/findings.js';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { createSandbox, type Sandbox } from '../../harness/runner/sandbox.js';
import { resolveTarget } from '../../harness/target/resolve.js';
import { answerArbitrary, type CaseBase } from '../../harness/fake/generated/answer.js';
import { baseAnswer, exampleEnvelope, type Envelope } from '../../harness/fake/generated/bases.js';
import { CASES } from '../../harness/fake/generated/cases.js';
import { EDIT_KINDS, editArbitrary } from '../../harness/fake/generated/edits.js';
import type { Json } from '../../harness/fake/generated/json.js';
import { nodesOf } from '../../harness/fake/generated/paths.js';
import { applyPatch, patchOf } from '../../harness/fake/generated/patch.js';
import { checkGeneratedAnswers } from '../../harness/fake/generated/property.js';
import { replayRecord } from '../../harness/fake/generated/replay.js';
import { createRunOne } from '../../harness/fake/generated/run-one.js';
import { stubFor } from '../../harness/fake/generated/stub.js';
import { MAX_ARRAY_ITEMS, MAX_STRING_BYTES, NUMBER_EDGES, numberEdge } from '../../harness/fake/generated/values.js';
import { prepareWorld, readCatalogue } from '../../harness/fake/generated/world.js';

const caseOf = (id: string) => {
  const c = CASES.find((x) => x.id === id);
  if (!c) throw new Error(`no case ${id}`);
  return c;
};

let fake: RunningFake;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 11 });
});
test.afterEach(async () => {
  await fake.close();
});

test('the arbitraries produce every variation kind, within the bounds, as valid stubs', async () => {
  const base: Envelope = {
    ok: true, command: 'models list', trace_id: 'trace_x', actor: null, warnings: [], error: null,
    data: { models: [{ id: 'm', credits: 12, ready: true, tags: ['a'] }], summary: { total: 1 } },
  };
  const edits = fc.sample(editArbitrary(nodesOf(base)), { numRuns: 1200, seed: 5 });
  const kinds = new Set(edits.map((e) => e.kind));
  expect([...kinds].sort()).toEqual([...EDIT_KINDS].sort());
  const byteLength = (v: Json) => Buffer.byteLength(typeof v === 'string' ? v : '');
  for (const e of edits) {
    if (e.kind === 'huge-array' && Array.isArray(e.value)) expect(e.value.length).toBeLessThanOrEqual(MAX_ARRAY_ITEMS);
    if (e.kind === 'long-string' || e.kind === 'non-ascii') expect(byteLength(e.value)).toBeLessThanOrEqual(MAX_STRING_BYTES);
    if (e.kind === 'non-ascii') expect(e.value, 'outside printable ASCII').toMatch(/[^\x20-\x7e]/);
    // Neither `ok`, `data` nor `error` itself is touched: the answer stays an envelope.
    expect(['ok', 'data', 'error']).not.toContain(e.path);
  }
  expect(new Set(fc.sample(numberEdge(), { numRuns: 400, seed: 1 }))).toEqual(new Set(NUMBER_EDGES));
  expect(NUMBER_EDGES).toEqual(expect.arrayContaining([0, -1, Number.MAX_SAFE_INTEGER, 1e308, 'NaN']));
  for (const answer of fc.sample(answerArbitrary([{ case: caseOf('models list'), base }]), { numRuns: 50, seed: 9 })) {
    const parsed = parseStub(stubFor(caseOf('models list'), patchOf(answer.edits), base));
    expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  }
});

test('the stub of a generated answer replays: posted to a fake, the route answers the patched answer', async () => {
  const catalogue = await readCatalogue(fake.url);
  const world = await prepareWorld(fake.url, [], catalogue, '/nonexistent.png');
  for (const id of ['models list', 'usage quota']) {
    const c = caseOf(id);
    const base = await baseAnswer(fake.url, c, world, {});
    for (const answer of fc.sample(answerArbitrary([{ case: c, base }]), { numRuns: 15, seed: 21 })) {
      const patch = patchOf(answer.edits);
      const stub = JSON.parse(JSON.stringify(stubFor(c, patch, base))) as ReturnType<typeof stubFor>;
      await fake.admin.clearStubs();
      const normal = await callFake(fake.url, c.route.method, c.route.path, { token: world.token });
      await fake.admin.addStub(stub);
      const replayed = await callFake(fake.url, c.route.method, c.route.path, { token: world.token });
      const expected = applyPatch(normal.body as Envelope, patch);
      const actual = replayed.body as Envelope;
      if (!('trace_id' in patch.set) && !patch.remove.includes('trace_id')) actual.trace_id = expected.trace_id;
      expect(actual, `${id}: ${JSON.stringify(answer.edits).slice(0, 300)}`).toEqual(expected);
    }
  }
  // A case built from a documented example answers the whole envelope the stub holds.
  const x402 = caseOf('credits buy (x402 deposit)');
  const base = exampleEnvelope('credits buy', { payment_attempt_id: 'payatt_1', stripe_x402: { payable_instructions: { token_amount_atomic: '5000000' } } });
  const [answer] = fc.sample(answerArbitrary([{ case: x402, base }]), { numRuns: 1, seed: 3 });
  await fake.admin.clearStubs();
  await fake.admin.addStub(stubFor(x402, patchOf(answer.edits), base));
  const got = await callFake(fake.url, 'POST', '/v1/credit-purchases/stripe-x402-deposits', { token: world.token, body: { quote_id: 'q', idempotency_key: 'k' } });
  expect(got.body).toEqual(applyPatch(base, patchOf(answer.edits)));
});

test.describe('a CLI that crashes on a null field', () => {
  let sandbox: Sandbox;
  test.beforeEach(async () => {
    sandbox = await createSandbox({ label: 'generated-answers' });
  });
  test.afterEach(async () => {
    await sandbox.dispose();
  });

  test('fails the property: shrunk to one edit, charged to output.json-default, and its stub replays the crash', async () => {
    test.setTimeout(120_000);
    const target = await resolveTarget(`cmd:node ${path.resolve('tests/fixtures/clis/crash-on-null.mjs')}`);
    const runner = createCliRunner({ target, sandbox, fakeUrl: fake.url, journal: fake.journal, defaultTimeoutMs: 10_000 });
    const catalogue = await readCatalogue(fake.url);
    const setup = await prepareWorld(fake.url, [], catalogue, '/nonexistent.png');
    const bases: CaseBase[] = [{ case: caseOf('whoami'), base: await baseAnswer(fake.url, caseOf('whoami'), setup, {}) }];
    const stated = new Set(['output.json-default', 'output.envelope', 'output.error-envelope', 'exit.deterministic', 'exit.code-0-success']);
    const run = async (argv: string[], token: string) => {
      const inv = await runner.run(argv, { env: { IMAGE_SKILL_TOKEN: token } });
      return { ...inv, findings: processFindings(inv), command: `image-skill ${argv.join(' ')}` };
    };
    const { runOne, ran } = createRunOne({ url: fake.url, admin: fake.admin, bases, catalogue, imagePath: '/nonexistent.png', stated, run });

    const outcome = await checkGeneratedAnswers(answerArbitrary(bases), runOne, { runs: 40, seed: 42, path: null, timeLimitMs: 100_000 });
    expect(outcome.error).toBeNull();
    const found = outcome.counterexample;
    expect(found, 'the property found no counterexample').not.toBeNull();
    if (!found) return;
    expect(found.answer.edits, JSON.stringify(found.answer.edits)).toHaveLength(1);
    expect(found.verdict.problems.map((p) => p.rule)).toContain('output.json-default');
    expect(outcome.path).toMatch(/^\d+(:\d+)*$/);

    // The record names the seed and path, and its stub alone reproduces the failure.
    const shown = ran(found.answer);
    expect(shown).toBeDefined();
    if (!shown) return;
    const record = replayRecord({ seed: outcome.seed, path: outcome.path, answer: found.answer, argv: shown.argv, problems: found.verdict.problems, stub: shown.stub, cliSpec: 'cmd:node crash-on-null.mjs' });
    expect(record.replay.spec).toContain(`ISC_GENERATED_SEED=42 ISC_GENERATED_PATH=${outcome.path}`);
    expect(record.replay.serve.join('\n')).toContain('/__admin/stubs');
    await fake.admin.clearStubs();
    await fake.admin.addStub(JSON.parse(JSON.stringify(record.stub)) as typeof record.stub);
    const again = await run(shown.argv, setup.token);
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toMatch(/TypeError/);
    expect(again.findings.map((f) => f.rule)).toContain('output.json-default');

    // Replaying by seed and path runs that counterexample first, and fails the same way.
    const replayed = await checkGeneratedAnswers(answerArbitrary(bases), runOne, { runs: 40, seed: outcome.seed, path: outcome.path, timeLimitMs: 100_000 });
    expect(replayed.counterexample?.answer).toEqual(found.answer);
  });
});
