/** GET /v1/jobs/:id for jobs of the caller's organization. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { publicJob } from '../production.js';

export function jobHandlers(core: Core): HttpHandler[] {
  return [
    http.get('*/v1/jobs/:id', ({ request, params }) => {
      const auth = core.ctx.authenticate(request, 'jobs show');
      if ('response' in auth) return auth.response;
      const id = String(params.id);
      const job = core.store.job.findFirst({ where: { job_id: { equals: id } } });
      if (!job || job.organization_id !== auth.agent.organization_id) {
        return core.ctx.fail('jobs show', 404, 'NOT_FOUND', `No job ${id} for this organization.`, { actor: auth.actor });
      }
      // What the fake keeps about the request and the job's state; the documented example adds the rest.
      return core.ctx.ok('jobs show', { request: { job_id: id }, state: job.status, job: publicJob(core, job) }, { actor: auth.actor });
    }),
  ];
}
