/**
 * The rest of the durable-media loop: upload a local image, edit it, recover the job with
 * jobs show / jobs wait, plan a zero-cost dry run (a planned job, no debit, job.planned in
 * activity), and inspect one capability.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, signedIn } from '../fixtures/scenario-helpers.js';
import { makePng } from '../harness/fake/png.js';
import type { ActivityListData, CapabilitiesData, CreateData, DryRunData, QuotaData, UploadData } from '../fixtures/shapes.js';

/** A 2×2 24-bit BMP: a real image of a type outside the supported preview MIME list. */
function makeBmp(): Uint8Array {
  const pixels = Buffer.alloc(16, 0x7f); // 2 rows × (2 px × 3 bytes + 2 bytes padding)
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(2, 18);
  header.writeInt32LE(2, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(pixels.length, 34);
  const out = new Uint8Array(header.length + pixels.length);
  out.set(new Uint8Array(header), 0);
  out.set(new Uint8Array(pixels), header.length);
  return out;
}

test('upload a local image, edit it, and recover the edit job', { tag: ['@create', '@assets'] }, async ({ cli, sandbox, contract }) => {
  cli = await signedIn(cli);
  const source = join(sandbox.work, 'source.png');
  await writeFile(source, makePng('a1b2c3', 320, 320));

  const uploaded = await cli.run(['upload', source, '--json']);
  const body = uploaded.requests.find((r) => r.path === '/v1/upload')?.body as Record<string, unknown> | undefined;
  await contract.rule('media.upload.request', () => {
    expect(uploaded).toExitWith(0);
    expect(body?.filename, 'the file name (not its path)').toBe('source.png');
  });
  const up = await contract.rule('shape.upload', () => {
    const data = dataOf<UploadData>(uploaded);
    expect(data.asset.asset_id, 'the uploaded asset id').toBeTruthy();
    return data;
  });
  if (!up) return;
  await contract.rule('media.upload.no-local-paths', () => expect(JSON.stringify(body), 'no local path may reach the service').not.toContain(sandbox.work));
  await contract.observe('upload reports the PNG as image/png', () => expect(up.upload.mime_type).toBe('image/png'));

  const edited = await cli.run(['edit', '--input', up.asset.asset_id, '--prompt', 'make the sky orange', '--accept-unknown-cost', '--idempotency-key', 'edit-run-1', '--json']);
  const editBody = edited.requests.find((r) => r.path === '/v1/edit')?.body as Record<string, unknown> | undefined;
  await contract.rule('media.edit.owned-input', () => {
    expect(edited).toExitWith(0);
    dataOf<CreateData>(edited);
    expect(JSON.stringify(editBody ?? null), 'the edit request names the owned asset').toContain(up.asset.asset_id);
    expect(edited, 'the owned asset is used directly, not uploaded again').not.toHaveRequested('*', '/v1/upload');
  });
  await contract.observe('the edit request carries the asset as input_asset_id', () => expect(editBody?.input_asset_id).toBe(up.asset.asset_id));
  const e = edited.json && (edited.json as { ok?: unknown }).ok ? dataOf<CreateData>(edited) : null;
  if (typeof e?.job_id !== 'string') {
    await contract.observe('the edit prints its job id, data.job_id', () => expect(e?.job_id).toBeTruthy());
    return;
  }

  const shown = await cli.run(['jobs', 'show', e.job_id, '--json']);
  await contract.rule('media.jobs.show', () => {
    expect(shown).toExitWith(0);
    expect(JSON.stringify(dataOf(shown))).toContain(e.job_id);
  });
  const waited = await cli.run(['jobs', 'wait', e.job_id, '--timeout-ms', '5000', '--poll-interval-ms', '100', '--json']);
  await contract.rule('media.jobs.wait-completed', () => expect(waited).toExitWith(0));
});

test('an unsupported upload type is refused with exit 6', { tag: ['@assets', '@exit-codes'] }, async ({ cli, sandbox, contract }) => {
  cli = await signedIn(cli);
  const bmp = join(sandbox.work, 'diagram.bmp');
  await writeFile(bmp, makeBmp());
  const inv = await cli.run(['upload', bmp, '--json']);
  await contract.rule('media.upload.unsupported-exit-6', () => {
    expect(inv).toExitWith(6);
    expect(errorOf(inv).code).toBe('INPUT_POLICY_DENIED');
  });
  await contract.observe('the CLI refuses an unsupported type client-side, sending nothing', () =>
    expect(inv).not.toHaveRequested('*', '/v1/upload'),
  );
});

test('a dry run plans a job without debiting credits', { tag: ['@create'] }, async ({ cli, fake, contract }) => {
  cli = await signedIn(cli);
  const before = dataOf<QuotaData>(await cli.run(['usage', 'quota', '--json'])).limits.remaining_credits;
  const planInv = await cli.run(['create', '--dry-run', '--prompt', 'a lighthouse at dusk', '--json']);
  await contract.rule('media.dry-run.no-debit', () => expect(dataOf<DryRunData>(planInv).quota.consumed_credits).toBe(0));
  const after = dataOf<QuotaData>(await cli.run(['usage', 'quota', '--json'])).limits.remaining_credits;
  await contract.rule('media.dry-run.no-debit', () => {
    expect(after, 'remaining credits after the dry run').toBe(before);
    expect(fake.state.reservations(), 'reservations after the dry run').toHaveLength(0);
  });
  const list = await cli.run(['activity', 'list', '--json']);
  await contract.rule('media.dry-run.job-planned', () => {
    const events = dataOf<ActivityListData>(list).events.map((ev: { type: string }) => ev.type);
    expect(events).toContain('job.planned');
  });
});

test('capabilities show one capability', { tag: ['@network'] }, async ({ cli, contract }) => {
  const list = dataOf<CapabilitiesData>(await cli.run(['capabilities', 'list', '--json']));
  const id = list.capabilities[0]?.id as string;
  expect(id, 'the fake lists a capability (precondition)').toBeTruthy();
  const show = await cli.run(['capabilities', 'show', id, '--json']);
  await contract.rule('media.capabilities.show', () => {
    expect(show).toExitWith(0);
    expect(JSON.stringify(dataOf(show))).toContain(id);
  });
  await contract.observe('capabilities show reads GET /v1/capabilities/ID', () =>
    expect(show).toHaveRequested('GET', `/v1/capabilities/${id}`),
  );
});
