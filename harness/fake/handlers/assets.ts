/** Asset metadata (auth) and the media bytes (no auth) at /media/a/<asset_id>.<ext>. */
import { HttpResponse, type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { findOwnedAsset, publicAsset } from '../production.js';
import { fromBase64 } from '../bytes.js';

export function assetHandlers(core: Core): HttpHandler[] {
  return [
    http.get('*/v1/assets/:id', ({ request, params }) => {
      const auth = core.ctx.authenticate(request, 'assets show');
      if ('response' in auth) return auth.response;
      const id = String(params.id);
      const asset = findOwnedAsset(core, auth.agent, id);
      if (!asset) return core.ctx.fail('assets show', 404, 'NOT_FOUND', `No asset ${id} for this organization.`, { actor: auth.actor });
      return core.ctx.ok(
        'assets show',
        { request: { reference: id, reference_type: 'asset_id' }, asset: { ...publicAsset(core, asset), sha256: asset.sha256, source: 'hosted_metadata' } },
        { actor: auth.actor },
      );
    }),
    http.get('*/media/a/:file', ({ params }) => {
      const file = String(params.file);
      const assetId = file.replace(/\.[a-z0-9]+$/i, '');
      const asset = core.store.asset.findFirst({ where: { asset_id: { equals: assetId } } });
      if (!asset) return core.ctx.fail('assets get', 404, 'NOT_FOUND', `No media at ${file}.`);
      const bytes = fromBase64(asset.bytes_base64);
      return new HttpResponse(bytes, {
        headers: { 'content-type': asset.mime_type, 'content-length': String(bytes.length), 'cache-control': 'public, max-age=31536000, immutable' },
      });
    }),
  ];
}
