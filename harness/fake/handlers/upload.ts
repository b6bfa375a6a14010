/** POST /v1/upload: client-normalized image bytes become an owned input asset. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { sha256Hex } from '../ids.js';
import { EXTENSION_BY_MIME, publicAsset, storeAsset } from '../production.js';
import { optionalString, readJsonObject } from './request-body.js';
import { fromBase64 } from '../bytes.js';

const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export function uploadHandlers(core: Core): HttpHandler[] {
  return [
    http.post('*/v1/upload', async ({ request }) => {
      const auth = core.ctx.authenticate(request, 'upload');
      if ('response' in auth) return auth.response;
      const { agent, actor } = auth;
      const invalid = (message: string): Response => core.ctx.fail('upload', 400, 'INVALID_ARGUMENT', message, { actor });
      const body = await readJsonObject(request);
      if (!body) return invalid('The request body must be a JSON object.');
      const mime = optionalString(body, 'mime_type');
      if (!mime || !(mime in EXTENSION_BY_MIME)) {
        return core.ctx.fail('upload', 415, 'INPUT_POLICY_DENIED', `Uploads must be one of ${Object.keys(EXTENSION_BY_MIME).join(', ')}.`, { actor });
      }
      const b64 = optionalString(body, 'bytes_base64');
      if (!b64) return invalid('bytes_base64 is required.');
      const bytes = fromBase64(b64);
      if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES) return invalid(`Upload size must be 1..${MAX_UPLOAD_BYTES} bytes.`);
      if (body.content_length !== undefined && body.content_length !== bytes.length) return invalid('content_length does not match the bytes sent.');
      const sha = optionalString(body, 'sha256');
      if (sha && sha.toLowerCase() !== sha256Hex(bytes)) return invalid('sha256 does not match the bytes sent.');

      const jobId = core.ctx.newId('job');
      const asset = storeAsset(core, { agent, jobId, kind: 'uploaded', mimeType: mime, bytes });
      const now = core.ctx.now().toISOString();
      const cost = { estimated_usd: 0, credit_pricing: { credit_unit_usd: 0.01, credits_required: 0, pricing_confidence: 'known' } };
      core.store.job.create({
        job_id: jobId,
        agent_id: agent.agent_id,
        organization_id: agent.organization_id,
        operation: 'upload',
        status: 'completed',
        trace_id: core.ctx.traceId(),
        created_at: now,
        completed_at: now,
        capability_id: 'is.asset.upload.v1',
        model_id: '',
        idempotency_key: null,
        credits: 0,
        asset_ids: asset.asset_id,
        usage_event_id: null,
        response_json: '{}',
        plan_receipt_json: null,
        cost_json: JSON.stringify(cost),
      });
      core.activity.add(agent.agent_id, {
        type: 'asset.uploaded',
        summary: 'Input image uploaded',
        operation: 'upload',
        subject: { type: 'asset', id: asset.asset_id },
        links: { job_id: jobId, asset_ids: [asset.asset_id] },
      });
      const sourceKind = optionalString(body, 'source_kind') ?? 'local_path';
      return core.ctx.ok(
        'upload',
        {
          request: { source_kind: sourceKind, filename: optionalString(body, 'filename') ?? null, remote_origin: optionalString(body, 'remote_origin') ?? null },
          asset: publicAsset(core, asset),
          upload: { bytes: bytes.length, mime_type: mime, sha256: asset.sha256, policy: { status: 'allowed' } },
        },
        { actor },
      );
    }),
  ];
}
