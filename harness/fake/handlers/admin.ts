/**
 * Harness control under /__admin: journal, overrides, presets, reset and a state snapshot
 * (envelope answers), plus stubs, scenarios, request verification and the payment verbs
 * (plain JSON, harness/fake/admin/). /__admin/stripe/* belongs to the payment area.
 */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import { isRecord, jsonOrText, readRequestJson } from '../../json.js';
import type { Core } from '../core.js';
import { publicEntry } from '../journal.js';
import { overrideName, parseOverride, type OverrideTable } from '../overrides.js';
import { isPresetName, PRESET_NAMES, type PresetController } from '../presets.js';
import type { FakeStateView } from '../types.js';
import type { StubRegistry } from '../stubs/registry.js';
import type { PaymentExtras } from '../payment-seam.js';
import { stubRoutes } from '../admin/stubs-routes.js';
import { requestRoutes } from '../admin/requests-routes.js';
import { paymentVerbRoutes } from '../admin/payments-routes.js';

export interface AdminDeps {
  core: Core;
  table: OverrideTable;
  presets: PresetController;
  state: FakeStateView;
  stubs: StubRegistry;
  payments: Pick<PaymentExtras, 'trigger' | 'resend'>;
  /** Clears overrides and undoes presets. */
  clearOverrides(): void;
  /** clearOverrides plus forgetting core and payment state. */
  reset(): void;
}

function describeOverrides(table: OverrideTable): Array<Record<string, unknown>> {
  return table.entries().map(({ id, o: { when, scenario: _scenario, priority: _priority, ...o }, stub }) => ({
    ...o,
    id,
    name: overrideName(o),
    internal: Boolean(when && !stub),
    stub: stub !== null,
  }));
}

export function adminHandlers(deps: AdminDeps): HttpHandler[] {
  const { core, table, presets } = deps;
  const { ctx, journal } = core;
  const url = (path: string): string => core.ctx.url(path);
  return [
    ...stubRoutes({ url, stubs: deps.stubs, table }),
    ...requestRoutes({ url, journal }),
    ...paymentVerbRoutes({ url, payments: deps.payments }),
    http.get('*/__admin/journal', ({ request }) => {
      const invocation = new URL(request.url).searchParams.get('invocation');
      const entries = invocation ? journal.forInvocation(invocation) : journal.entries();
      return ctx.ok('admin journal', { entries: entries.map(publicEntry), loose_notes: journal.looseNotes() });
    }),
    http.delete('*/__admin/journal', () => {
      journal.clear();
      return ctx.ok('admin journal clear', { cleared: true });
    }),
    http.post('*/__admin/overrides', async ({ request }) => {
      const read = await readRequestJson(request);
      if (!read.ok) return ctx.fail('admin override', 400, 'INVALID_ARGUMENT', `the body is not JSON: ${read.problem}`);
      const parsed = parseOverride(read.empty ? null : read.value);
      if ('problems' in parsed) return ctx.fail('admin override', 400, 'INVALID_ARGUMENT', parsed.problems.join('; '));
      const id = table.add(parsed.override);
      return ctx.ok('admin override', { override: { ...parsed.override, id, name: overrideName(parsed.override) }, active: describeOverrides(table) }, { status: 201 });
    }),
    http.get('*/__admin/overrides', () => ctx.ok('admin overrides', { active: describeOverrides(table) })),
    http.delete('*/__admin/overrides', () => {
      deps.clearOverrides();
      return ctx.ok('admin overrides clear', { active: [] });
    }),
    http.post('*/__admin/presets/:name', ({ params }) => {
      const name = String(params.name);
      if (!isPresetName(name)) return ctx.fail('admin preset', 404, 'NOT_FOUND', `Unknown preset ${name}; known: ${PRESET_NAMES.join(', ')}.`);
      presets.apply(name);
      return ctx.ok('admin preset', { preset: name, active_presets: presets.active() });
    }),
    http.post('*/__admin/reset', async ({ request }) => {
      const read = await readRequestJson(request);
      const clearJournal = read.ok && !read.empty && isRecord(read.value) && read.value.journal === true;
      deps.reset();
      if (clearJournal) journal.clear();
      return ctx.ok('admin reset', { overrides: 0, active_presets: [], journal_cleared: clearJournal });
    }),
    http.get('*/__admin/state', () => {
      const { store } = core;
      return ctx.ok('admin state', {
        url: core.origin,
        agents: deps.state.agents().map((a) => ({ ...a, limits: core.ledger.limits(a.agent_id), daily_jobs: core.ledger.dailyJobs(a.agent_id) })),
        reservations: deps.state.reservations(),
        jobs: store.job.getAll().map((j) => ({ job_id: j.job_id, agent_id: j.agent_id, operation: j.operation, status: j.status, credits: j.credits, idempotency_key: j.idempotency_key })),
        assets: store.asset.getAll().map((a) => ({ asset_id: a.asset_id, job_id: a.job_id, kind: a.kind, mime_type: a.mime_type, content_length: a.content_length })),
        activity: deps.state.activity(),
        feedback: store.feedback.getAll().map((f) => ({ feedback_id: f.feedback_id, agent_id: f.agent_id, type: f.type, title: f.title })),
        telemetry: store.telemetry.getAll().map((t) => ({ telemetry_id: t.telemetry_id, received_at: t.received_at, body: jsonOrText(t.body_json) })),
        overrides: describeOverrides(table),
        stubs: deps.stubs.list(),
        scenarios: table.scenarios.list(),
        active_presets: presets.active(),
        documents: Object.keys(core.documents.current),
        issued_token_count: core.issuedTokens.length,
      });
    }),
  ];
}
