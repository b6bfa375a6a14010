/**
 * Blame goes where the fault is: a documented field the fake's own answer lacked, relayed by the
 * CLI as it got it, is a harness gap (never the CLI's failure); the same field dropped by the CLI
 * from an answer that had it fails the CLI, citing the shape rule.
 */
import { test, expect } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { contractForVersion } from '../../harness/fake/contract-in-force.js';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { createSandbox, type Sandbox } from '../../harness/runner/sandbox.js';
import { resolveTarget } from '../../harness/target/resolve.js';
import type { ResolvedTarget } from '../../harness/target/types.js';
import { loadSchemaSet } from '../../harness/checks/schema-registry.js';
import { validateInvocationJson } from '../../harness/checks/schema-validate.js';
import { schemaFindings } from '../../harness/checks/findings.js';
import { harnessGapGround } from '../../harness/checks/blame.js';
import { createContractChecks, ContractFailure } from '../../fixtures/contract-checks.js';
import type { SchemaIssue } from '../../harness/runner/types.js';

const VERSION = '0.1.25';
const ARGS = ['credits', 'packs', 'list', '--json'];

let fake: RunningFake;
let sandbox: Sandbox;
let scratch: string;
test.beforeEach(async () => {
  fake = await startFakeService({ contract: contractForVersion(VERSION) });
  sandbox = await createSandbox({ label: 'blame' });
  scratch = await mkdtemp(join(tmpdir(), 'isc-blame-'));
});
test.afterEach(async () => {
  await fake.close();
  await sandbox.dispose();
  await rm(scratch, { recursive: true, force: true });
});

/** One CLI run judged the way the scenario fixture judges it: schema findings with blame, then the rules. */
async function judge(target: ResolvedTarget) {
  const runner = createCliRunner({ target, sandbox, fakeUrl: fake.url, journal: fake.journal, defaultTimeoutMs: 20_000, guard: false });
  const inv = await runner.run(ARGS);
  expect(inv.exitCode, inv.stderr).toBe(0);
  const schema = validateInvocationJson(loadSchemaSet(VERSION), inv.args, inv.json);
  const findings = schemaFindings(schema, (issue: SchemaIssue) => harnessGapGround(inv.args, issue, inv.json, inv.requests));
  const checks = createContractChecks(new Set(['shape.credits-packs-list']));
  let thrown: unknown = null;
  try {
    checks.judge(findings, { command: ARGS.join(' '), invocationId: inv.id }, () => '');
  } catch (err) {
    thrown = err;
  }
  return { records: checks.records, thrown };
}

test('a field the fake did not send, relayed as is, is a harness gap, not a CLI failure', async () => {
  fake.override({ method: 'GET', path: '/v1/credit-packs', afterHandler: true, removePaths: ['data.packs.0.credits'] });
  const { records, thrown } = await judge(await resolveTarget('reference'));
  expect(thrown).toBeNull();
  expect(records).toEqual([
    expect.objectContaining({
      outcome: 'harness-gap',
      rule: expect.objectContaining({ id: 'shape.credits-packs-list' }),
      message: expect.stringMatching(/at \/data\/packs\/0\/credits.*harness gap: the fake's answer to GET \/v1\/credit-packs lacked \/packs\/0\/credits.*relays that answer/),
    }),
  ]);
});

test('the same field dropped by the CLI from an answer that had it fails the CLI', async () => {
  // A CLI that relays the answer but drops the first pack's credits.
  const cli = join(scratch, 'drops-credits.mjs');
  await writeFile(
    cli,
    `const r = await fetch(process.env.IMAGE_SKILL_API_BASE_URL + '/v1/credit-packs');
const env = await r.json();
delete env.data.packs[0].credits;
process.stdout.write(JSON.stringify(env) + '\\n');
`,
  );
  const { records, thrown } = await judge(await resolveTarget(`cmd:node ${cli}`));
  expect(thrown).toBeInstanceOf(ContractFailure);
  expect(records).toEqual([expect.objectContaining({ outcome: 'failed', rule: expect.objectContaining({ id: 'shape.credits-packs-list' }) })]);
});

test('the fake answers with every field of the documented example: a field a later example adds arrives without a code change', async () => {
  const later = contractForVersion(VERSION);
  const examples = structuredClone(later.examples) as Record<string, { packs: Array<Record<string, unknown>> }>;
  examples['credits-packs-list'].packs[0].display_name = 'Starter pack';
  const other = await startFakeService({ contract: { ...later, examples } });
  try {
    const answer = (await (await fetch(`${other.url}/v1/credit-packs`)).json()) as { data: { packs: Array<Record<string, unknown>> } };
    expect(answer.data.packs.length).toBeGreaterThan(1);
    for (const pack of answer.data.packs) expect(pack).toEqual(expect.objectContaining({ display_name: 'Starter pack', pack_id: expect.any(String) }));
    // The fake's own values stay its own.
    expect(answer.data.packs.map((p) => p.pack_id)).not.toEqual(answer.data.packs.map(() => 'starter-500'));
  } finally {
    await other.close();
  }
});
