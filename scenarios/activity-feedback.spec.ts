/**
 * The activity ledger and feedback: registry-only event types (an unknown type from the
 * service is neither passed through nor silently swallowed), feedback fields reaching the
 * service, and feedback readable back through activity.
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf, signupAndCreate, signupSaved } from '../fixtures/scenario-helpers.js';
import type { ActivityListData, FeedbackData } from '../fixtures/shapes.js';

test('activity lists the events of a create and shows one subject', { tag: ['@activity'] }, async ({ cli }) => {
  const created = await signupAndCreate(cli);
  const list = dataOf<ActivityListData>(await cli.run(['activity', 'list', '--limit', '20', '--json']));
  const types = list.events.map((e: { type: string }) => e.type);
  expect(types).toContain('job.completed');
  const bySubject = await cli.run(['activity', 'list', '--subject', created.job_id, '--json']);
  expect(bySubject.requests.find((r) => r.path === '/v1/activity')?.query.subject).toBe(created.job_id);
  const show = await cli.run(['activity', 'show', created.job_id, '--json']);
  expect(show.exitCode).toBe(0);
});

test('an event type outside the registry is not passed through and not silently dropped', { tag: ['@activity'] }, async ({ cli, fake }) => {
  await signupAndCreate(cli);
  const rogue = {
    event_id: 'evt_rogue0001',
    type: 'job.teleported',
    occurred_at: '2026-05-05T19:00:23.000Z',
    summary: 'not a registry event',
    operation: 'create',
    subject: { type: 'job', id: 'job_rogue' },
    links: { job_id: 'job_rogue', asset_ids: [], feedback_id: null, usage_event_id: null },
    status: 'completed',
    cost: { estimated_usd: 0 },
  };
  const inject = (path: string) => fake.override({ method: 'GET', path, afterHandler: true, dataPatch: { events: [rogue] }, name: 'rogue-event' });
  inject('/v1/activity');
  const inv = await cli.run(['activity', 'list', '--json']);
  const env = inv.json as { ok: boolean; data: { events?: Array<{ type: string }> } | null; warnings: string[]; error: unknown };
  const printed = env.data?.events?.map((e) => e.type) ?? [];
  expect(printed, 'unknown event types must not be passed through').not.toContain('job.teleported');
  expect(JSON.stringify({ warnings: env.warnings, error: env.error }), 'the unknown event must be reported').toContain('evt_rogue0001');
});

test('feedback create sends the structured fields and is visible in activity', { tag: ['@feedback', '@token'] }, async ({ cli }) => {
  await signupSaved(cli);
  const inv = await cli.run([
    'feedback', 'create', '--type', 'user_feedback', '--title', 'Guide wording', '--body', 'The guide could name the stage earlier',
    '--command', 'create --guide', '--expected', 'stage first', '--actual', 'stage last', '--proof-needed', 'a rerun',
    '--surface', 'cli,docs', '--evidence', 'trace:trace_abc', '--severity', 'low', '--confidence', 'high', '--next-state', 'watch', '--json',
  ]);
  expect(inv.exitCode).toBe(0);
  const fb = dataOf<FeedbackData>(inv);
  expect(fb.feedback_id).toMatch(/^fb_/);
  const body = inv.requests.find((r) => r.path === '/v1/feedback')?.body as Record<string, unknown>;
  expect(body.title).toBe('Guide wording');
  expect(body.proof_needed).toBe('a rerun');
  expect(body.surface).toEqual(['cli', 'docs']);
  expect(body.evidence).toEqual(['trace:trace_abc']);
  const show = await cli.run(['activity', 'show', fb.feedback_id, '--json']);
  expect(show.exitCode).toBe(0);
});
