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
import { test, expect, notRun } from '../fixtures/test.js';
import { dataOf, withEnv } from '../fixtures/scenario-helpers.js';
import type { CreateData, GuideData } from '../fixtures/shapes.js';
import { transcriptToJson } from '../harness/runner/transcript.js';
import { writeProofBundle, verifyProofBundle } from '../harness/report/proof.js';
import { GUIDE_RULES, inForce, ruleInForce } from './rules-in-force.js';

test('proof run: guide to first create and asset download', { tag: ['@proof', '@guide', '@create', '@assets'] }, async ({ cli, fake, sandbox, target, contract, stated, proofOut }, testInfo) => {
  const steps: Array<{ invocation: string; command: string; source: 'harness-entrypoint' | 'cli-next_command' | 'documented-form'; stage?: string; exit_code: number | null }> = [];
  const record = (inv: { id: string; exitCode: number | null; shell: { original: string } | null; args: string[] }, source: (typeof steps)[number]['source'], stage?: string) =>
    steps.push({ invocation: inv.id, command: inv.shell?.original ?? `image-skill ${inv.args.join(' ')}`, source, stage, exit_code: inv.exitCode });
  // A step the proof builds on. contract.rule gives undefined only when the step failed under a rule
  // these documents do not state (recorded as an observation): no failure to report, but no proof
  // either, so the scenario is not run, with the reason.
  const need = <T>(value: T | undefined | null, ruleId: string, what: string): T => {
    if (value !== undefined && value !== null) return value;
    return notRun(testInfo, `${what}; rule ${ruleId} is not stated by these documents, so this is only observed (see the checks in the report): the proof cannot go on`);
  };
  const outcome = (inv: { exitCode: number | null; signal: string | null; json: unknown }) => {
    const error = (inv.json as { error?: { code?: unknown; message?: unknown } | null } | undefined)?.error;
    return `exit ${inv.exitCode ?? inv.signal}${error ? `, ${String(error.code)}: ${String(error.message)}` : ''}`;
  };

  const entry = await cli.run(['create', '--guide', '--json']);
  let guide = need(await contract.rule('shape.create-guide', () => dataOf<GuideData>(entry)), 'shape.create-guide', `create --guide gave no guide data (${outcome(entry)})`);
  record(entry, 'harness-entrypoint', guide.stage);
  let guideLine: string | null = null;

  for (let step = 0; step < 6 && guide.stage !== 'ready_to_create'; step++) {
    const line = guide.next_command;
    const next = await cli.runPrinted(line);
    const out = need(
      await ruleInForce(contract, stated, GUIDE_RULES.nextCommandRuns, () => {
        expect(next, `next_command failed: ${line}`).toExitWith(0);
        return dataOf<{ schema?: unknown }>(next);
      }),
      inForce(stated, GUIDE_RULES.nextCommandRuns).join(', '),
      `the guide's next_command \`${line}\` did not run (${outcome(next)})`,
    );
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
    await ruleInForce(contract, stated, GUIDE_RULES.promptRequired, () =>
      expect(guideLine, 'the guide must have been rerun with a prompt before it asks for anything else').toBeTruthy(),
    );
    const rerun = await cli.runPrinted(need(guideLine, inForce(stated, GUIDE_RULES.promptRequired).join(', '), 'no guide command with a prompt to rerun'));
    guide = need(await contract.rule('shape.create-guide', () => dataOf<GuideData>(rerun)), 'shape.create-guide', `the rerun guide gave no guide data (${outcome(rerun)})`);
    record(rerun, 'cli-next_command', guide.stage);
  }
  const readyRules = inForce(stated, GUIDE_RULES.readyToCreate).join(', ');
  const ready = await ruleInForce(contract, stated, GUIDE_RULES.readyToCreate, () => {
    expect(guide.stage).toBe('ready_to_create');
    return true;
  });
  need(ready, readyRules, `the guide did not reach ready_to_create (stage ${guide.stage})`);

  const created = await cli.runPrinted(guide.next_command);
  const made = await ruleInForce(contract, stated, GUIDE_RULES.readyToCreate, () => {
    expect(created).toExitWith(0);
    dataOf<CreateData>(created);
    return true;
  });
  need(made, readyRules, `the create the guide printed did not succeed (${outcome(created)})`);
  const asset = need(
    await contract.rule('shape.create', () => {
      const first = dataOf<CreateData>(created).assets[0];
      expect(first?.asset_id, 'the asset of the first create').toBeTruthy();
      return first;
    }),
    'shape.create',
    `the create the guide printed gave no asset (${outcome(created)})`,
  );
  record(created, 'cli-next_command');

  const output = join(sandbox.work, 'result.png');
  const got = await cli.run(['assets', 'get', asset.asset_id, '--output', output, '--json']);
  const downloaded = await contract.rule('media.assets.get', () => {
    expect(got).toExitWith(0);
    return true;
  });
  need(downloaded, 'media.assets.get', `assets get did not download the asset (${outcome(got)})`);
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
