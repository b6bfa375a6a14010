import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake, dataOf, signupAgent, type SignedUpAgent } from '../../harness/fake/client.js';
import { makePng } from '../../harness/fake/png.js';

let fake: RunningFake;
let agent: SignedUpAgent;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 5 });
  agent = await signupAgent(fake.url);
});
test.afterEach(async () => {
  await fake.close();
});

const create = (body: Record<string, unknown>, token = agent.token) => callFake(fake.url, 'POST', '/v1/create', { token, body });
const remaining = () => fake.state.quotaFor(agent.agentId).remaining_credits;

test('a create retried with the same idempotency key reserves credits once', async () => {
  const first = await create({ prompt: 'a compact field camera', idempotency_key: 'create-run-001' });
  expect(first.status).toBe(200);
  const data = dataOf(first);
  expect(data).toMatchObject({ status: 'completed', dry_run: false, quota: { consumed_credits: 12, remaining_credits: 28 }, cost: { credit_pricing: { credits_required: 12 } } });
  const retry = await create({ prompt: 'a compact field camera', idempotency_key: 'create-run-001' });
  expect(retry.status).toBe(200);
  expect(dataOf(retry).job_id).toBe(data.job_id);
  expect(dataOf(retry).idempotent_replay).toBe(true);
  expect(fake.state.reservations()).toEqual([expect.objectContaining({ agent_id: agent.agentId, idempotency_key: 'create-run-001', credits: 12 })]);
  expect(remaining()).toBe(28);

  await create({ prompt: 'another', idempotency_key: 'create-run-002' });
  expect(fake.state.reservations()).toHaveLength(2);
  expect(remaining()).toBe(16);
});

test('a completed create serves its asset bytes and records activity', async () => {
  const data = dataOf(await create({ prompt: 'a camera' }));
  const assets = data.assets as Array<{ asset_id: string; url: string; content_length: number; mime_type: string }>;
  expect(assets).toHaveLength(1);
  expect(assets[0].url).toBe(`${fake.url}/media/a/${assets[0].asset_id}.png`);
  const media = await fetch(assets[0].url);
  expect(media.status).toBe(200);
  expect(media.headers.get('content-type')).toBe('image/png');
  const bytes = new Uint8Array(await media.arrayBuffer());
  expect(Number(media.headers.get('content-length'))).toBe(bytes.length);
  expect(bytes.length).toBe(assets[0].content_length);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  const types = fake.state.activity(agent.agentId).map((e) => e.type);
  expect(types.sort()).toEqual(['asset.created', 'job.completed', 'usage.credit_consumed']);
  const bySubject = dataOf(await callFake(fake.url, 'GET', `/v1/activity?subject=${String(data.job_id)}`, { token: agent.token }));
  expect(bySubject.source).toBe('hosted_activity_ledger');
  expect((bySubject.events as unknown[]).length).toBe(3);
  const job = dataOf(await callFake(fake.url, 'GET', `/v1/jobs/${String(data.job_id)}`, { token: agent.token }));
  expect(job).toMatchObject({ job: { job_id: data.job_id, status: 'completed', safety: { status: 'allowed' }, assets: [{ asset_id: assets[0].asset_id }] } });
  const shown = dataOf(await callFake(fake.url, 'GET', `/v1/assets/${assets[0].asset_id}`, { token: agent.token }));
  expect(shown).toMatchObject({ request: { reference_type: 'asset_id' }, asset: { asset_id: assets[0].asset_id, source: 'hosted_metadata' } });
});

test('a dry run plans a job without reserving credits', async () => {
  const call = await create({ prompt: 'a camera', dry_run: true });
  const data = dataOf(call);
  expect(data).toMatchObject({ dry_run: true, quota: { consumed_credits: 0 }, job: { status: 'planned' }, assets: [] });
  expect(fake.state.reservations()).toEqual([]);
  expect(remaining()).toBe(40);
  expect(fake.state.activity(agent.agentId).map((e) => e.type)).toEqual(['job.planned']);
  const job = dataOf(await callFake(fake.url, 'GET', `/v1/jobs/${String(data.job_id)}`, { token: agent.token }));
  expect(job).toMatchObject({ job: { status: 'planned', plan_receipt: { credits_required: 12 } } });
});

test('deterministic refusals: content policy, claim-gated multi-output, quota, budget', async () => {
  const policy = await create({ prompt: 'something forbidden here' });
  expect(policy.status).toBe(422);
  expect(policy.headers.get('x-image-skill-exit-code')).toBe('6');
  expect(policy.body).toMatchObject({ error: { code: 'CONTENT_POLICY_DENIED' } });

  const gated = await create({ prompt: 'two please', model: 'openai.gpt-image-2', output_count: 2 });
  expect(gated.status).toBe(403);
  expect(gated.headers.get('x-image-skill-exit-code')).toBe('4');
  expect(gated.body).toMatchObject({ error: { code: 'CAPABILITY_DENIED' } });

  const budget = await create({ prompt: 'cheap', max_estimated_usd_per_image: 0.05 });
  expect(budget.status).toBe(402);
  expect(budget.body).toMatchObject({ error: { code: 'BUDGET_EXCEEDED' } });
  expect(fake.state.reservations()).toEqual([]);

  for (const key of ['a', 'b', 'c']) expect((await create({ prompt: 'x', idempotency_key: key })).status).toBe(200);
  expect(remaining()).toBe(4);
  const broke = await create({ prompt: 'x', idempotency_key: 'd' });
  expect(broke.status).toBe(402);
  expect(broke.headers.get('x-image-skill-exit-code')).toBeNull();
  expect(broke.body).toMatchObject({ error: { code: 'QUOTA_EXCEEDED', recovery: { required_credits: 12, remaining_credits: 4 } } });
  expect(fake.state.reservations()).toHaveLength(3);
});

test('paid credits from the payment seam are spent after free preview', async () => {
  fake.ctx.ledger.grantPaidCredits(agent.agentId, 500);
  expect(fake.ctx.ledger.limits(agent.agentId)).toEqual({ remaining_credits: 540, payment_backed_remaining_credits: 500, free_preview_remaining_credits: 40 });
  for (const key of ['1', '2', '3', '4']) expect((await create({ prompt: 'x', idempotency_key: key })).status).toBe(200);
  expect(fake.ctx.ledger.limits(agent.agentId)).toEqual({ remaining_credits: 492, payment_backed_remaining_credits: 492, free_preview_remaining_credits: 0 });
});

test('upload then edit with the executable edit model', async () => {
  const png = makePng('abcdef', 32, 32);
  const sha = createHash('sha256').update(png).digest('hex');
  const up = await callFake(fake.url, 'POST', '/v1/upload', {
    token: agent.token,
    body: { source_kind: 'local_path', filename: 'in.png', remote_origin: null, mime_type: 'image/png', content_length: png.length, sha256: sha, bytes_base64: Buffer.from(png).toString('base64') },
  });
  expect(up.status).toBe(200);
  const asset = dataOf(up).asset as { asset_id: string; width: number };
  expect(asset.width).toBe(32);
  const bad = await callFake(fake.url, 'POST', '/v1/upload', { token: agent.token, body: { mime_type: 'application/pdf', bytes_base64: 'AAAA' } });
  expect(bad.status).toBe(415);
  expect(bad.headers.get('x-image-skill-exit-code')).toBe('6');

  const edit = (extra: Record<string, unknown>) => callFake(fake.url, 'POST', '/v1/edit', { token: agent.token, body: { input_asset_id: asset.asset_id, prompt: 'brighter', ...extra } });
  const unconfirmed = await edit({});
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body).toMatchObject({ error: { code: 'BUDGET_REQUIRES_CONFIRMATION', recovery: { required_flag: '--accept-unknown-cost' } } });
  const done = await edit({ accept_unknown_cost: true, idempotency_key: 'edit-1' });
  expect(done.status).toBe(200);
  expect(dataOf(done)).toMatchObject({ status: 'completed', input_asset: { asset_id: asset.asset_id }, request: { selection: { model: { id: 'fal.nano-banana-2-edit' } } } });
  await edit({ accept_unknown_cost: true, idempotency_key: 'edit-1' });
  expect(fake.state.reservations().filter((r) => r.idempotency_key === 'edit-1')).toHaveLength(1);
});
