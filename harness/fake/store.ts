/**
 * Core state of one fake instance in @mswjs/data. Columns are primitives; nested documents
 * (model rows, event bodies, job details) are stored as JSON text. Payment entities live in
 * the payment area's own store (harness/fake/payments/store.ts).
 */
import { factory, nullable, primaryKey } from '@mswjs/data';

export function createStore() {
  return factory({
    agent: {
      agent_id: primaryKey(String),
      organization_id: String,
      claim_state: String,
      agent_contact: String,
      agent_contact_redacted: String,
      agent_name: String,
      runtime: String,
      created_at: String,
      free_preview_credits: Number,
      payment_backed_credits: Number,
      daily_jobs_used: Number,
      daily_jobs_day: String,
    },
    /** Only the sha256 of a token is kept; the raw value goes to the issued-token list in memory. */
    token: {
      token_id: primaryKey(String),
      token_hash: String,
      agent_id: String,
      status: String,
      created_at: String,
    },
    /** Every balance movement: grant, reservation, paid grant, paid debit. */
    ledgerEntry: {
      entry_id: primaryKey(String),
      agent_id: String,
      kind: String,
      bucket: String,
      credits: Number,
      reference: String,
      at: String,
    },
    model: {
      id: primaryKey(String),
      position: Number,
      provider_id: String,
      status: String,
      seed_status: String,
      execution_status: String,
      /** Space-separated operation ids, e.g. "image.generate". */
      operations: String,
      /** The public row without status (added at read time). */
      row_json: String,
      parameters_json: String,
    },
    job: {
      job_id: primaryKey(String),
      agent_id: String,
      organization_id: String,
      operation: String,
      status: String,
      trace_id: String,
      created_at: String,
      completed_at: nullable(String),
      capability_id: String,
      model_id: String,
      idempotency_key: nullable(String),
      credits: Number,
      /** Space-separated asset ids. */
      asset_ids: String,
      usage_event_id: nullable(String),
      /** The full create/edit/upload answer data, replayed on idempotent retries. */
      response_json: String,
      plan_receipt_json: nullable(String),
      cost_json: String,
    },
    asset: {
      asset_id: primaryKey(String),
      job_id: String,
      agent_id: String,
      organization_id: String,
      kind: String,
      mime_type: String,
      extension: String,
      bytes_base64: String,
      content_length: Number,
      width: nullable(Number),
      height: nullable(Number),
      sha256: String,
      created_at: String,
    },
    activity: {
      event_id: primaryKey(String),
      seq: Number,
      agent_id: String,
      type: String,
      occurred_at: String,
      /** Space-separated ids this event can be found by (subject, links, trace). */
      refs: String,
      event_json: String,
    },
    feedback: {
      feedback_id: primaryKey(String),
      agent_id: String,
      type: String,
      title: String,
      body_json: String,
      created_at: String,
    },
    reservation: {
      reservation_id: primaryKey(String),
      agent_id: String,
      idempotency_key: String,
      operation: String,
      credits: Number,
      free_part: Number,
      paid_part: Number,
      job_id: String,
      created_at: String,
    },
    telemetry: {
      telemetry_id: primaryKey(String),
      received_at: String,
      body_json: String,
    },
  });
}

export type FakeStore = ReturnType<typeof createStore>;
