/** Agent signup, whoami and quota. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { actorOf } from '../core.js';
import { sha256Hex } from '../ids.js';
import { optionalString, readJsonObject } from './request-body.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const AGENT_GRANTS = [
  'docs.read',
  'models.read',
  'identity.read',
  'quota.read',
  'create.free_preview',
  'edit.free_preview',
  'asset.upload',
  'asset.read',
  'activity.read',
  'feedback.create',
  'credits.quote',
  'credits.purchase',
];

/** a***@example.invalid */
export function redactContact(contact: string): string {
  const [local, domain] = contact.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function identityHandlers(core: Core): HttpHandler[] {
  const { store, ids, ctx, ledger } = core;
  return [
    http.post('*/v1/agent-signups', async ({ request }) => {
      const body = await readJsonObject(request);
      if (!body) return ctx.fail('signup', 400, 'INVALID_ARGUMENT', 'The signup body must be a JSON object.');
      const contact = optionalString(body, 'agent_contact') ?? optionalString(body, 'human_email');
      // A contact may be left out only where the documents in force make signup anonymous.
      // (left out: the fields are absent, not given with another type)
      const anonymous = !('agent_contact' in body) && !('human_email' in body) && core.states('service.signup-contact-optional');
      if (!anonymous && (!contact || !EMAIL.test(contact))) {
        return ctx.fail('signup', 400, 'INVALID_ARGUMENT', 'agent_contact must be an email-shaped contact inbox.', {
          recovery: { required_flag: '--agent-contact' },
        });
      }
      const now = core.ctx.now().toISOString();
      const agentId = ctx.newId('agt');
      store.agent.create({
        agent_id: agentId,
        organization_id: ctx.newId('org'),
        claim_state: 'unclaimed',
        // '' for an anonymous signup (the store's columns are strings).
        agent_contact: contact ?? '',
        agent_contact_redacted: contact ? redactContact(contact) : '',
        agent_name: optionalString(body, 'agent_name') ?? 'agent',
        runtime: optionalString(body, 'runtime') ?? 'unknown',
        created_at: now,
        free_preview_credits: 0,
        payment_backed_credits: 0,
        daily_jobs_used: 0,
        daily_jobs_day: now.slice(0, 10),
      });
      ledger.openAccount(agentId);
      const token = ids.token();
      core.issuedTokens.push(token);
      store.token.create({ token_id: ctx.newId('tok'), token_hash: sha256Hex(token), agent_id: agentId, status: 'active', created_at: now });
      const agent = core.agent(agentId)!;
      const data: Record<string, unknown> = {
        agent_id: agent.agent_id,
        organization_id: agent.organization_id,
        claim_state: agent.claim_state,
        token_class: 'restricted',
        agent_contact: contact ? redactContact(contact) : null,
        agent_name: agent.agent_name,
        runtime: agent.runtime,
        token_prefix: 'isk_r_',
      };
      if (body.return_token === true) data.token = token;
      return ctx.ok('signup', data, { actor: actorOf(agent) });
    }),

    http.get('*/v1/whoami', ({ request }) => {
      const auth = core.ctx.authenticate(request, 'whoami');
      if ('response' in auth) return auth.response;
      const { agent, actor } = auth;
      return ctx.ok(
        'whoami',
        {
          actor,
          organization_id: agent.organization_id,
          claim_state: agent.claim_state,
          token_class: 'restricted',
          agent_name: agent.agent_name,
          runtime: agent.runtime,
          grants: AGENT_GRANTS,
        },
        { actor },
      );
    }),

    http.get('*/v1/quota', ({ request }) => {
      const auth = core.ctx.authenticate(request, 'usage quota');
      if ('response' in auth) return auth.response;
      const { agent, actor } = auth;
      return ctx.ok('usage quota', ctx.quotaData(agent), { actor });
    }),
  ];
}
