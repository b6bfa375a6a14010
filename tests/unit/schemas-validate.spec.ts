import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSchemaSet, selectShape } from '../../harness/checks/schema-registry.js';
import { validateInvocationJson, formatSchemaFailure } from '../../harness/checks/schema-validate.js';
import { readExamples } from '../../harness/checks/schema-files.js';

const set = loadSchemaSet('0.1.25');
const examples = readExamples('0.1.25');
const sample = (key: string): Record<string, unknown> =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/contract/samples/${key}.json`, import.meta.url)), 'utf8')) as Record<string, unknown>;
const envelope = (data: unknown, command = 'x') => ({
  ok: true,
  command,
  trace_id: 'trace_0123456789abcdef01234567',
  actor: { actor_type: 'agent', actor_id: 'agt_1', organization_id: 'org_1', claim_state: 'unclaimed' },
  data,
  warnings: [],
  error: null,
});
const clone = <T>(v: T): T => structuredClone(v);

test('a documented output passes with the most specific schema id', () => {
  const r = validateInvocationJson(set, ['credits', 'buy', '--provider', 'stripe_x402', '--quote-id', 'q'], envelope(examples['credits-buy.x402']));
  expect(r).toEqual({ schemaId: '0.1.25/credits-buy.x402', ok: true, issues: [] });
});

test('a wrong type reports the JSON pointer, expected and actual', () => {
  const data = clone(examples['credits-methods']) as { methods: Array<Record<string, unknown>> };
  data.methods[1].available = 'yes';
  const r = validateInvocationJson(set, ['credits', 'methods'], envelope(data));
  expect(r.ok).toBe(false);
  expect(r.schemaId).toBe('0.1.25/credits-methods');
  expect(r.issues).toEqual([
    { pointer: '/data/methods/1/available', expected: 'boolean', actual: 'string "yes"', message: 'must be boolean', rule: 'shape.credits-methods' },
  ]);
});

test('an unknown extra field is accepted', () => {
  const data = { ...clone(examples['credits-packs-list'] as Record<string, unknown>), brand_new_field: { nested: [1, 2] } };
  const r = validateInvocationJson(set, ['credits', 'packs', 'list'], { ...envelope(data), extra_envelope_key: true });
  expect(r.ok).toBe(true);
});

test('a missing required field is rejected, pointing at where it should be', () => {
  const data = clone(examples['credits-buy.x402']) as { stripe_x402: { payable_instructions: Record<string, unknown> } };
  delete data.stripe_x402.payable_instructions.token_amount_atomic;
  const r = validateInvocationJson(set, ['credits', 'buy', '--provider', 'stripe_x402'], envelope(data));
  expect(r.ok).toBe(false);
  expect(r.issues).toEqual([
    {
      pointer: '/data/stripe_x402/payable_instructions/token_amount_atomic',
      expected: 'string',
      actual: 'missing',
      message: 'required field "token_amount_atomic" is missing',
      rule: 'shape.credits-buy.x402',
    },
  ]);
});

test('a guide with one mutation flag true is rejected', () => {
  const guide = sample('create-guide');
  expect(validateInvocationJson(set, ['create', '--guide', '--prompt', 'p'], envelope(guide)).ok).toBe(true);
  const bad = clone(guide) as { mutation: Record<string, boolean> };
  bad.mutation.credit_debit = true;
  const r = validateInvocationJson(set, ['create', '--guide', '--prompt', 'p'], envelope(bad));
  expect(r.schemaId).toBe('0.1.25/create-guide');
  expect(r.issues.map((i) => [i.pointer, i.expected, i.actual, i.rule])).toEqual([['/data/mutation/credit_debit', 'false', 'boolean true', 'shape.guide-mutation-flags']]);
});

test('the documents list guide stages without closing the set: another stage is accepted', () => {
  const other = { ...sample('create-guide'), stage: 'service_unavailable' };
  expect(validateInvocationJson(set, ['create', '--guide'], envelope(other)).ok).toBe(true);
});

test('an activity event type outside the registry is not a shape failure (the registry tells agents what to do)', () => {
  const data = clone(examples['activity-list']) as { events: Array<Record<string, unknown>> };
  data.events[0].type = 'job.teleported';
  expect(validateInvocationJson(set, ['activity', 'list', '--limit', '5'], envelope(data)).ok).toBe(true);
});

test('an activity event missing a stable link of its type is rejected, citing the registry row', () => {
  const data = clone(examples['activity-list']) as { events: Array<{ type: string; links: Record<string, unknown> }> };
  data.events[0] = { ...data.events[0], type: 'feedback.created', links: { feedback_id: 'fb_1' } };
  expect(validateInvocationJson(set, ['activity', 'list'], envelope(data)).ok).toBe(true);
  delete data.events[0].links.feedback_id;
  const r = validateInvocationJson(set, ['activity', 'list'], envelope(data));
  expect(r.issues.map((i) => [i.pointer, i.rule])).toEqual([['/data/events/0/links/feedback_id', 'activity.links.feedback.created']]);
});

test('null in a field the prose makes optional is accepted (activity links of another event type)', () => {
  const data = clone(examples['activity-list']) as { events: Array<{ links: Record<string, unknown> }> };
  data.events[0].links.usage_event_id = null;
  data.events[0].links.job_id = null;
  const r = validateInvocationJson(set, ['activity', 'list'], envelope({ ...data, events: data.events.map((e) => ({ ...e, type: 'payment.checkout_session.created', links: { ...e.links, quote_id: 'q', payment_attempt_id: 'p', checkout_session_id: 'c' } })) }));
  expect(r.issues).toEqual([]);
});

test('shapes the documents give no fields for are not checked beyond the envelope (quota, whoami)', () => {
  expect(validateInvocationJson(set, ['usage', 'quota'], envelope({ anything: true })).ok).toBe(true);
  expect(validateInvocationJson(set, ['whoami'], envelope({})).ok).toBe(true);
});

test('error outputs are checked against the error envelope, recovery fields typed', () => {
  const err = sample('envelope.error');
  expect(validateInvocationJson(set, ['credits', 'quote'], err)).toEqual({ schemaId: '0.1.25/envelope.error', ok: true, issues: [] });
  const bad = clone(err) as { error: Record<string, unknown> & { recovery: Record<string, unknown> } };
  delete bad.error.retryable;
  bad.error.recovery.retry_after_seconds = 'soon';
  const r = validateInvocationJson(set, ['credits', 'quote'], bad);
  expect(r.issues.map((i) => `${i.pointer} ${i.rule}`).sort()).toEqual([
    '/error/recovery/retry_after_seconds output.error-recovery-fields',
    '/error/retryable output.error-envelope',
  ]);
});

test('output that is not an envelope, or a bad envelope, is reported', () => {
  expect(validateInvocationJson(set, ['whoami'], [1, 2]).ok).toBe(false);
  const r = validateInvocationJson(set, ['whoami'], { ...envelope(sample('whoami')), warnings: null, error: { code: 'X' } });
  expect(r.issues.map((i) => i.pointer).sort()).toEqual(['/error', '/warnings']);
});

test('commands without a documented data shape get the envelope check and a note', () => {
  const r = validateInvocationJson(set, ['frobnicate'], envelope({ anything: 1 }));
  expect(r.ok).toBe(true);
  expect(r.schemaId).toBe('0.1.25/envelope.success');
  expect(r.note).toMatch(/no documented data shape/);
});

test('formatSchemaFailure names the command, pointer, expected, actual and shows the JSON around it', () => {
  const data = clone(examples['credits-buy.checkout']) as Record<string, unknown>;
  data.credits = '500';
  const json = envelope(data);
  const r = validateInvocationJson(set, ['credits', 'buy', '--provider', 'stripe'], json);
  const text = formatSchemaFailure('credits buy --provider stripe', r, json);
  expect(text).toContain('image-skill credits buy --provider stripe');
  expect(text).toContain('0.1.25/credits-buy.checkout');
  expect(text).toContain('at /data/credits: expected number, got string "500"');
  expect(text).toContain('JSON at /data:');
  expect(text).toContain('"checkout_session_id": "cs_..."');
});

test('selectShape maps argv and output to shape ids and variants', () => {
  const ok = (data: unknown) => envelope(data);
  expect(selectShape(['--api-base-url', 'http://127.0.0.1:1', 'whoami'], ok({}))).toEqual({ shapeId: 'whoami' });
  expect(selectShape(['quota'], ok({}))).toEqual({ shapeId: 'usage-quota' });
  expect(selectShape(['usage', 'quota', '--token-stdin'], ok({}))).toEqual({ shapeId: 'usage-quota' });
  expect(selectShape(['credits', 'packs', 'list'], ok({}))).toEqual({ shapeId: 'credits-packs-list' });
  expect(selectShape(['credits', 'buy', '--provider', 'stripe_x402', '--quote-id', 'q'], ok({}))).toEqual({ shapeId: 'credits-buy', variant: 'x402' });
  expect(selectShape(['credits', 'buy', '--provider', 'stripe_x402'], ok({ accepted_payment_method: 'stripe_checkout' }))).toEqual({ shapeId: 'credits-buy', variant: 'checkout' });
  expect(selectShape(['credits', 'buy'], ok({ stripe_x402: {} }))).toEqual({ shapeId: 'credits-buy', variant: 'x402' });
  expect(selectShape(['credits', 'status', '--quote-id', 'q'], ok({ state: 'succeeded' }))).toEqual({ shapeId: 'credits-status', variant: 'succeeded' });
  expect(selectShape(['credits', 'status'], ok({ state: 'action_required' }))).toEqual({ shapeId: 'credits-status', variant: 'action-required' });
  expect(selectShape(['credits', 'status'], ok({ state: 'expired' }))).toEqual({ shapeId: 'credits-status', variant: 'other' });
  expect(selectShape(['create', '--guide', '--prompt', 'p'], ok({}))).toEqual({ shapeId: 'create-guide' });
  expect(selectShape(['create', '--dry-run', '--prompt', 'p'], ok({}))).toEqual({ shapeId: 'create-dry-run' });
  expect(selectShape(['create', '--prompt', 'p'], ok({}))).toEqual({ shapeId: 'create' });
  expect(selectShape(['create', '--prompt', 'p'], ok({ schema: 'image-skill.create-guide.v1' }))).toEqual({ shapeId: 'create-guide' });
  expect(selectShape(['models'], ok({}))).toEqual({ shapeId: 'models-list' });
  expect(selectShape(['models', 'show', 'm'], ok({}))).toEqual({ shapeId: 'models-show' });
  expect(selectShape(['jobs', 'wait', 'job_1', '--timeout-ms', '10'], ok({}))).toEqual({ shapeId: 'jobs-wait' });
  expect(selectShape(['whoami'], { ok: false, error: {} })).toEqual({ shapeId: 'envelope', variant: 'error' });
  expect(selectShape(['frobnicate'], ok({}))).toBeNull();
});
