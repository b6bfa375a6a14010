/** Activity ledger read routes. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';

const SOURCE = 'hosted_activity_ledger';

export function activityHandlers(core: Core): HttpHandler[] {
  return [
    http.get('*/v1/activity', ({ request }) => {
      const auth = core.ctx.authenticate(request, 'activity list');
      if ('response' in auth) return auth.response;
      const query = new URL(request.url).searchParams;
      const rawLimit = query.get('limit');
      const limit = rawLimit === null ? 20 : Number(rawLimit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
        return core.ctx.fail('activity list', 400, 'INVALID_ARGUMENT', 'limit must be an integer from 1 to 100.', { actor: auth.actor });
      }
      const subject = query.get('subject') ?? undefined;
      return core.ctx.ok('activity list', { events: core.activity.list(auth.agent.agent_id, { limit, subject }), source: SOURCE }, { actor: auth.actor });
    }),
    http.get('*/v1/activity/:ref', ({ request, params }) => {
      const auth = core.ctx.authenticate(request, 'activity show');
      if ('response' in auth) return auth.response;
      const ref = String(params.ref);
      const events = core.activity.list(auth.agent.agent_id, { limit: 100, subject: ref });
      const exact = events.filter((e) => e.event_id === ref);
      const shown = exact.length > 0 ? exact : events;
      if (shown.length === 0) return core.ctx.fail('activity show', 404, 'NOT_FOUND', `No activity for ${ref}.`, { actor: auth.actor });
      return core.ctx.ok('activity show', { reference: ref, events: shown, source: SOURCE }, { actor: auth.actor });
    }),
  ];
}
