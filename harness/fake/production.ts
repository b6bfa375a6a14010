/** Creating jobs and assets in the store, and their public JSON shapes. */
import type { Core } from './core.js';
import type { AgentRecord } from './context.js';
import { sha256Hex } from './ids.js';
import { makePng, pngSize } from './png.js';
import { toBase64, type Bytes } from './bytes.js';

export type AssetRow = NonNullable<ReturnType<Core['store']['asset']['findFirst']>>;
export type JobRow = NonNullable<ReturnType<Core['store']['job']['findFirst']>>;

export const EXTENSION_BY_MIME: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

export function assetUrl(core: Core, asset: { asset_id: string; extension: string }): string {
  return core.ctx.url(`/media/a/${asset.asset_id}.${asset.extension}`);
}

export function publicAsset(core: Core, a: AssetRow): Record<string, unknown> {
  const url = assetUrl(core, a);
  return {
    asset_id: a.asset_id,
    job_id: a.job_id,
    kind: a.kind,
    path: url,
    url,
    mime_type: a.mime_type,
    content_length: a.content_length,
    width: a.width,
    height: a.height,
  };
}

export function storeAsset(core: Core, input: { agent: AgentRecord; jobId: string; kind: 'generated' | 'uploaded'; mimeType: string; bytes: Bytes }): AssetRow {
  const size = pngSize(input.bytes);
  return core.store.asset.create({
    asset_id: core.ctx.newId('image'),
    job_id: input.jobId,
    agent_id: input.agent.agent_id,
    organization_id: input.agent.organization_id,
    kind: input.kind,
    mime_type: input.mimeType,
    extension: EXTENSION_BY_MIME[input.mimeType] ?? 'bin',
    bytes_base64: toBase64(input.bytes),
    content_length: input.bytes.length,
    width: size?.width ?? null,
    height: size?.height ?? null,
    sha256: sha256Hex(input.bytes),
    created_at: core.ctx.now().toISOString(),
  });
}

/**
 * `count` freshly generated PNG assets for a job. Their colours (and so their sizes) derive from
 * what was asked (`request`: the operation, model and intent), not from the order ids were drawn
 * in: two runs of the same build get the same bytes, and a regression report shows no size
 * change that only the order of requests made.
 */
export function generateAssets(core: Core, agent: AgentRecord, jobId: string, count: number, request: string): AssetRow[] {
  return Array.from({ length: count }, (_, i) => storeAsset(core, { agent, jobId, kind: 'generated', mimeType: 'image/png', bytes: makePng(sha256Hex(new TextEncoder().encode(`${request}#${i}`)).slice(0, 6)) }));
}

export function findOwnedAsset(core: Core, agent: AgentRecord, assetId: string): AssetRow | null {
  const a = core.store.asset.findFirst({ where: { asset_id: { equals: assetId } } });
  return a && a.organization_id === agent.organization_id ? a : null;
}

export function assetsOfJob(core: Core, job: JobRow): AssetRow[] {
  return job.asset_ids
    .split(' ')
    .filter(Boolean)
    .map((id) => core.store.asset.findFirst({ where: { asset_id: { equals: id } } }))
    .filter((a): a is AssetRow => a !== null);
}

export function publicJob(core: Core, job: JobRow): Record<string, unknown> {
  const out: Record<string, unknown> = {
    job_id: job.job_id,
    status: job.status,
    operation: job.operation,
    trace_id: job.trace_id,
    created_at: job.created_at,
    completed_at: job.completed_at,
    capability: { id: job.capability_id },
    cost: JSON.parse(job.cost_json) as unknown,
    safety: { status: 'allowed' },
    assets: assetsOfJob(core, job).map((a) => publicAsset(core, a)),
    usage_event_id: job.usage_event_id,
  };
  if (job.plan_receipt_json) out.plan_receipt = JSON.parse(job.plan_receipt_json) as unknown;
  return out;
}
