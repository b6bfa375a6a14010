/** POST /v1/telemetry: the sink records what the CLI sends and answers 202; never required. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';

export const TELEMETRY_PATH = '/v1/telemetry';

export function telemetryHandlers(core: Core): HttpHandler[] {
  return [
    http.post(`*${TELEMETRY_PATH}`, async ({ request }) => {
      const text = await request.text();
      const telemetryId = core.ctx.newId('tel');
      core.store.telemetry.create({ telemetry_id: telemetryId, received_at: core.ctx.now().toISOString(), body_json: text });
      return core.ctx.ok('telemetry', { accepted: true, telemetry_id: telemetryId }, { status: 202 });
    }),
  ];
}
