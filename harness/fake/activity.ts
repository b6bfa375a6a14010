/** The hosted activity ledger: events per agent, looked up by event id or any related reference. */
import type { ActivityInput } from './context.js';
import type { FakeStore } from './store.js';
import type { IdSource } from './ids.js';

export interface ActivityLog {
  add(agentId: string, input: ActivityInput, extra?: { traceId?: string; cost?: Record<string, unknown> }): { event_id: string };
  /** Newest first. */
  list(agentId: string, opts?: { limit?: number; subject?: string }): Record<string, unknown>[];
  all(agentId?: string): Record<string, unknown>[];
}

function refsOf(event: Record<string, unknown>): string[] {
  const refs: string[] = [];
  const push = (v: unknown): void => {
    if (typeof v === 'string' && v) refs.push(v);
    else if (Array.isArray(v)) v.forEach(push);
  };
  push(event.event_id);
  push(event.trace_id);
  const subject = event.subject as { id?: unknown } | undefined;
  push(subject?.id);
  for (const v of Object.values((event.links as Record<string, unknown>) ?? {})) push(v);
  return refs;
}

export function createActivityLog(store: FakeStore, ids: IdSource, now: () => Date, traceId: () => string): ActivityLog {
  let seq = 0;
  const parse = (row: { event_json: string }): Record<string, unknown> => JSON.parse(row.event_json) as Record<string, unknown>;
  const rowsFor = (agentId?: string) =>
    (agentId ? store.activity.findMany({ where: { agent_id: { equals: agentId } } }) : store.activity.getAll()).sort((a, b) => b.seq - a.seq);

  return {
    add(agentId, input, extra = {}) {
      const event_id = ids.newId('evt');
      const event: Record<string, unknown> = {
        event_id,
        type: input.type,
        occurred_at: now().toISOString(),
        summary: input.summary,
        operation: input.operation,
        subject: input.subject,
        links: { job_id: null, asset_ids: [], feedback_id: null, usage_event_id: null, ...input.links },
        status: input.status ?? 'completed',
        trace_id: extra.traceId ?? traceId(),
      };
      if (extra.cost) event.cost = extra.cost;
      if (input.details) event.details = input.details;
      store.activity.create({
        event_id,
        seq: ++seq,
        agent_id: agentId,
        type: input.type,
        occurred_at: String(event.occurred_at),
        refs: ` ${refsOf(event).join(' ')} `,
        event_json: JSON.stringify(event),
      });
      return { event_id };
    },
    list(agentId, opts = {}) {
      const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
      const rows = rowsFor(agentId).filter((r) => !opts.subject || r.refs.includes(` ${opts.subject} `));
      return rows.slice(0, limit).map(parse);
    },
    all: (agentId) => rowsFor(agentId).map(parse),
  };
}
