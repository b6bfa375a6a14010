/**
 * A proof run: a fresh agent with an example.invalid contact goes from `create --guide` to a
 * first create and `assets get`, running only commands the CLI returned (the one exception,
 * `assets get`, uses the documented command form with the asset id the create returned and is
 * marked as such in the evidence). Writes an evidence bundle (redacted transcripts, request
 * journal, sha256 manifest) and verifies it. `image-skill-conformance proof` runs this file
 * with the proofOut option set; otherwise the bundle goes to the test's output folder.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, withEnv } from '../fixtures/scenario-helpers.js';
import type { CreateData, GuideData } from '../fixtures/shapes.js';
import { transcriptToJson } from '../harness/runner/transcript.js';
import { writeProofBundle, verifyProofBundle } from '../harness/report/proof.js';

test('proof run: guide to first create and asset download', { tag: ['@proof', '@guide', '@create', '@assets'] }, async ({ cli, fake, sandbox, target, contract, proofOut }, testInfo) => {
  const steps: Array<{ invocation: string; command: string; source: 'harness-entrypoint' | 'cli-next_command' | 'documented-form'; stage?: string; exit_code: number | null }> = [];
  const record = (inv: { id: string; exitCode: number | null; shell: { original: string } | null; args: string[] }, source: (typeof steps)[number]['source'], stage?: string) =>
    steps.push({ invocation: inv.id, command: inv.shell?.original ?? `image-skill ${inv.args.join(' ')}`, source, stage, exit_code: inv.exitCode });

  const entry = await cli.run(['create', '--guide', '--json']);
  let guide = (await contract.rule('shape.create-guide', () => dataOf<GuideData>(entry))) as GuideData;
  record(entry, 'harness-entrypoint', guide.stage);
  let guideLine: string | null = null;

  for (let step = 0; step < 6 && guide.stage !== 'ready_to_create'; step++) {
    const line = guide.next_command;
    const next = await cli.runPrinted(line);
    const out = (await contract.rule('guide.next-command-runs', () => {
      expect(next, `next_command failed: ${line}`).toExitWith(0);
      return dataOf<{ schema?: unknown }>(next);
    })) as { schema?: unknown };
    if (out.schema === 'image-skill.create-guide.v1') {
      guideLine = next.shell!.original;
      guide = out as GuideData;
      record(next, 'cli-next_command', guide.stage);
      continue;
    }
    record(next, 'cli-next_command');
    // Where the signup returned the token (documents that do not save it), the agent keeps it in IMAGE_SKILL_TOKEN.
    const token = (out as { token?: unknown }).token;
    if (typeof token === 'string') cli = withEnv(cli, { IMAGE_SKILL_TOKEN: token });
    await contract.rule('guide.stage.prompt-required', () =>
      expect(guideLine, 'the guide must have been rerun with a prompt before it asks for anything else').toBeTruthy(),
    );
    const rerun = await cli.runPrinted(guideLine!);
    guide = (await contract.rule('shape.create-guide', () => dataOf<GuideData>(rerun))) as GuideData;
    record(rerun, 'cli-next_command', guide.stage);
  }
  await contract.rule('guide.stage.ready-to-create', () => expect(guide.stage).toBe('ready_to_create'));

  const created = await cli.runPrinted(guide.next_command);
  const asset = (await contract.rule('guide.stage.ready-to-create', () => {
    expect(created).toExitWith(0);
    const first = dataOf<CreateData>(created).assets[0];
    expect(first?.asset_id, 'the asset of the first create').toBeTruthy();
    return first;
  }))!;
  record(created, 'cli-next_command');

  const output = join(sandbox.work, 'result.png');
  const got = await cli.run(['assets', 'get', asset.asset_id, '--output', output, '--json']);
  await contract.rule('media.assets.get', () => expect(got).toExitWith(0));
  record(got, 'documented-form');
  const bytes = new Uint8Array(await readFile(output));

  const tokens = fake.issuedTokens();
  const invocationIds = new Set(cli.invocations.map((i) => i.id));
  const out = proofOut ?? testInfo.outputPath('proof-bundle');
  await writeProofBundle(out, {
    transcripts: cli.invocations.map((inv) => transcriptToJson(inv, tokens) as object),
    journal: fake.journal.entries().filter((e) => !e.invocationId || invocationIds.has(e.invocationId)).map(({ rawAuthorization: _raw, ...entry }) => entry),
    summary: {
      schema: 'image-skill-conformance.proof-summary.v1',
      cli: { name: target.name, version: target.version, integrity: target.integrity },
      agent_contact: cli.placeholders.AGENT_OR_OPERATOR_INBOX,
      steps,
      asset: { asset_id: asset.asset_id, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    },
  });
  const verdict = await verifyProofBundle(out);
  expect(verdict.problems, 'the harness wrote a verifiable evidence bundle').toEqual([]);
  await testInfo.attach('proof-bundle', { body: out, contentType: 'text/plain' });
});
