/**
 * The rest of the durable-media loop: upload a local image, edit it, recover the job with
 * jobs show / jobs wait, plan a zero-cost dry run (a planned job, no debit, job.planned in
 * activity), and inspect one capability.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, signupSaved } from '../fixtures/scenario-helpers.js';
import { makePng } from '../harness/fake/png.js';
import type { ActivityListData, CapabilitiesData, CreateData, DryRunData, QuotaData, UploadData } from '../fixtures/shapes.js';

test('upload a local image, edit it, and recover the edit job', { tag: ['@create', '@assets'] }, async ({ cli, sandbox }) => {
  await signupSaved(cli);
  const source = join(sandbox.work, 'source.png');
  await writeFile(source, makePng('a1b2c3', 320, 320));

  const uploaded = await cli.run(['upload', source, '--json']);
  const up = dataOf<UploadData>(uploaded);
  expect(up.asset.asset_id).toMatch(/^image_/);
  expect(up.upload.mime_type).toBe('image/png');
  const body = uploaded.requests.find((r) => r.path === '/v1/upload')?.body as Record<string, unknown>;
  expect(body.filename).toBe('source.png');
  expect(JSON.stringify(body), 'no local path may reach the service').not.toContain(sandbox.work);

  const edited = await cli.run(['edit', '--input', up.asset.asset_id, '--prompt', 'make the sky orange', '--accept-unknown-cost', '--idempotency-key', 'edit-run-1', '--json']);
  const e = dataOf<CreateData>(edited);
  expect(e.job_id).toMatch(/^job_/);
  const editBody = edited.requests.find((r) => r.path === '/v1/edit')?.body as Record<string, unknown>;
  expect(editBody.input_asset_id).toBe(up.asset.asset_id);

  const shown = dataOf(await cli.run(['jobs', 'show', e.job_id, '--json']));
  expect(JSON.stringify(shown)).toContain(e.job_id);
  const waited = await cli.run(['jobs', 'wait', e.job_id, '--timeout-ms', '5000', '--poll-interval-ms', '100', '--json']);
  expect(waited.exitCode).toBe(0);
});

test('an unsupported upload type is refused with exit 6', { tag: ['@assets', '@exit-codes'] }, async ({ cli, sandbox }) => {
  await signupSaved(cli);
  const text = join(sandbox.work, 'notes.txt');
  await writeFile(text, 'this is not an image');
  const inv = await cli.run(['upload', text, '--json']);
  expect(inv.exitCode).toBe(6);
  expect(errorOf(inv).code).toBe('INPUT_POLICY_DENIED');
  const sent = inv.requests.filter((r) => r.path === '/v1/upload');
  expect(sent, 'the CLI normalises uploads client-side and sends only image bytes').toEqual([]);
});

test('a dry run plans a job without debiting credits', { tag: ['@create'] }, async ({ cli, fake }) => {
  await signupSaved(cli);
  const before = dataOf<QuotaData>(await cli.run(['usage', 'quota', '--json'])).limits.remaining_credits;
  const plan = dataOf<DryRunData>(await cli.run(['create', '--dry-run', '--prompt', 'a lighthouse at dusk', '--json']));
  expect(plan.quota.consumed_credits).toBe(0);
  const after = dataOf<QuotaData>(await cli.run(['usage', 'quota', '--json'])).limits.remaining_credits;
  expect(after).toBe(before);
  expect(fake.state.reservations()).toHaveLength(0);
  const events = dataOf<ActivityListData>(await cli.run(['activity', 'list', '--json'])).events.map((ev: { type: string }) => ev.type);
  expect(events).toContain('job.planned');
});

test('capabilities show one capability', { tag: ['@network'] }, async ({ cli }) => {
  const list = dataOf<CapabilitiesData>(await cli.run(['capabilities', 'list', '--json']));
  const id = list.capabilities[0].id as string;
  const show = await cli.run(['capabilities', 'show', id, '--json']);
  expect(show.exitCode).toBe(0);
  expect(show.requests.some((r) => r.path === `/v1/capabilities/${id}`)).toBe(true);
});
