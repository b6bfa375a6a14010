/** Model catalogue and the capability view over it. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import { allModels, filterModels, findModel, summarize, type ModelView } from '../models-query.js';

function capabilityOf(m: ModelView): Record<string, unknown> {
  return {
    id: m.capability_id,
    operation: m.operations[0],
    model_ids: [m.id],
    execution: { model_execution_status: m.execution_status },
    status: m.status,
    auth: { required: true, claim_states: ['unclaimed', 'payment_backed_unclaimed', 'claimed'] },
    parameters: m.parameters,
  };
}

export function modelHandlers(core: Core): HttpHandler[] {
  const { ctx, store } = core;
  return [
    http.get('*/v1/models', ({ request }) => {
      const query = new URL(request.url).searchParams;
      const all = allModels(store);
      const returned = filterModels(all, query);
      return ctx.ok('models list', { models: returned.map((m) => m.row), summary: summarize(all, returned, query) });
    }),
    http.get('*/v1/models/:id', ({ params }) => {
      const m = findModel(store, String(params.id));
      if (!m) return ctx.fail('models show', 404, 'NOT_FOUND', `No model with id ${String(params.id)}.`);
      return ctx.ok('models show', { model: { ...m.row, parameters: m.parameters } });
    }),
    http.get('*/v1/capabilities', () => {
      return ctx.ok('capabilities list', { capabilities: allModels(store).map(capabilityOf) });
    }),
    http.get('*/v1/capabilities/:id', ({ params }) => {
      const m = allModels(store).find((x) => x.capability_id === String(params.id));
      if (!m) return ctx.fail('capabilities show', 404, 'NOT_FOUND', `No capability with id ${String(params.id)}.`);
      return ctx.ok('capabilities show', { capability: capabilityOf(m) });
    }),
  ];
}
