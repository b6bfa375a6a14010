import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake, dataOf } from '../../harness/fake/client.js';

interface Row {
  id: string;
  provider_id: string;
  status: string;
  operations: string[];
  execution: { model_execution_status: string };
  economics: { credit_pricing: { credits_required: number } };
}

let fake: RunningFake;
test.beforeAll(async () => {
  fake = await startFakeService({ seed: 3 });
});
test.afterAll(async () => {
  await fake.close();
});

async function list(query = ''): Promise<{ models: Row[]; summary: Record<string, unknown> }> {
  const call = await callFake(fake.url, 'GET', `/v1/models${query}`);
  expect(call.status).toBe(200);
  expect(call.body).toMatchObject({ ok: true, command: 'models list' });
  return dataOf(call) as unknown as { models: Row[]; summary: Record<string, unknown> };
}

const ids = (rows: Row[]): string[] => rows.map((r) => r.id);

test('the default list leaves out catalog-only rows and summarises the whole catalogue', async () => {
  const { models, summary } = await list();
  expect(models.every((m) => m.execution.model_execution_status === 'executable')).toBe(true);
  expect(ids(models)).toEqual(['xai.grok-imagine-image-quality', 'openai.gpt-image-2', 'fal.nano-banana-2-edit', 'openai.gpt-image-1.5']);
  expect(summary).toMatchObject({ total: 6, returned: 4, available: 3, executable: 4, cataloged_not_wired: 2, unavailable: 1, catalog_only_excluded_by_default: true });
  expect(summary.first_actionable_model_ids).toEqual(['xai.grok-imagine-image-quality', 'openai.gpt-image-2', 'fal.nano-banana-2-edit']);
  expect(summary.execution_availability).toMatchObject({ 'image.generate': { status: 'runnable' }, 'image.edit': { status: 'runnable' } });
  expect(summary.recommended_filter_commands).toContain('image-skill models list --available --operation image.generate --json');
  const grok = models.find((m) => m.id === 'xai.grok-imagine-image-quality');
  expect(grok?.economics.credit_pricing.credits_required).toBe(12);
  expect(models.find((m) => m.id === 'openai.gpt-image-2')?.economics.credit_pricing.credits_required).toBe(17);
});

test('available, executable, catalog_only, operation and provider filters', async () => {
  expect(ids((await list('?available=true')).models)).toEqual(['xai.grok-imagine-image-quality', 'openai.gpt-image-2', 'fal.nano-banana-2-edit']);
  expect(ids((await list('?executable=true')).models)).toContain('openai.gpt-image-1.5');
  const catalog = (await list('?catalog_only=true')).models;
  expect(ids(catalog)).toEqual(['fal.kling-image-o3-text-to-image', 'fal.flux-pro-kontext-max']);
  expect(catalog.every((m) => m.status === 'available' && m.execution.model_execution_status === 'catalog_only')).toBe(true);
  expect(ids((await list('?available=true&operation=image.edit')).models)).toEqual(['fal.nano-banana-2-edit']);
  expect(ids((await list('?catalog_only=true&provider=fal&operation=image.generate')).models)).toEqual(['fal.kling-image-o3-text-to-image']);
  const xai = await list('?provider=xai&operation=image.edit');
  expect(xai.models).toEqual([]);
  expect(xai.summary.execution_availability).toMatchObject({ 'image.edit': { status: 'no_runnable_model' } });
});

test('models show and capabilities', async () => {
  const show = await callFake(fake.url, 'GET', '/v1/models/openai.gpt-image-2');
  expect(show.body).toMatchObject({ command: 'models show' });
  expect(dataOf(show)).toMatchObject({ model: { id: 'openai.gpt-image-2', media: { output: { max_outputs_per_request: 4 } }, parameters: { type: 'object' } } });
  const missing = await callFake(fake.url, 'GET', '/v1/models/nope.model');
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  const caps = dataOf(await callFake(fake.url, 'GET', '/v1/capabilities')).capabilities as Array<{ id: string; model_ids: string[] }>;
  expect(caps.map((c) => c.id)).toContain('is.image.generate.xai-grok-imagine-image-quality.v1');
  const one = await callFake(fake.url, 'GET', `/v1/capabilities/${caps[0].id}`);
  expect(dataOf(one)).toMatchObject({ capability: { id: caps[0].id, model_ids: caps[0].model_ids } });
});
