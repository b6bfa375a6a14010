/** POST /v1/feedback: accepted into the fake's product memory and the activity ledger. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { optionalString, readJsonObject } from './request-body.js';

export function feedbackHandlers(core: Core): HttpHandler[] {
  return [
    http.post('*/v1/feedback', async ({ request }) => {
      const auth = core.ctx.authenticate(request, 'feedback create');
      if ('response' in auth) return auth.response;
      const { agent, actor } = auth;
      const body = await readJsonObject(request);
      const title = body && optionalString(body, 'title');
      const text = body && optionalString(body, 'body');
      if (!body || !title || !text) {
        return core.ctx.fail('feedback create', 400, 'INVALID_ARGUMENT', 'Feedback needs at least a title and a body.', {
          actor,
          recovery: { required_flag: !title ? '--title' : '--body' },
        });
      }
      const type = optionalString(body, 'type') ?? 'user_feedback';
      const feedbackId = core.ctx.newId('fb');
      core.store.feedback.create({ feedback_id: feedbackId, agent_id: agent.agent_id, type, title, body_json: JSON.stringify(body), created_at: core.ctx.now().toISOString() });
      core.activity.add(agent.agent_id, {
        type: 'feedback.created',
        summary: 'Feedback accepted into product memory',
        operation: 'feedback',
        subject: { type: 'feedback', id: feedbackId },
        links: { feedback_id: feedbackId },
        status: 'accepted',
      });
      return core.ctx.ok('feedback create', { feedback_id: feedbackId, status: 'accepted', type, title }, { actor });
    }),
  ];
}
