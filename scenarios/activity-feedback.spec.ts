/**
 * The activity ledger and feedback: events of a create and a subject lookup, how an unknown
 * event type from the service is shown (observed: the documents tell agents, not the CLI,
 * what to do with it), feedback fields reaching the service, and feedback readable back
 * through activity.
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf, signedIn, signedInCreate } from '../fixtures/scenario-helpers.js';
import type { ActivityListData, FeedbackData } from '../fixtures/shapes.js';

test('activity lists the events of a create and shows one subject', { tag: ['@activity'] }, async ({ cli, contract }) => {
  const signed = await signedInCreate(cli);
  cli = signed.cli;
  const created = signed.created;
  const listInv = await cli.run(['activity', 'list', '--limit', '20', '--json']);
  const types = await contract.rule('media.activity.list', () => dataOf<ActivityListData>(listInv).events.map((e: { type: string }) => e.type));
  // The registry row: job.completed is emitted when a hosted create job reaches a terminal state.
  if (types) await contract.rule('activity.links.job.completed', () => expect(types, 'the create\'s job.completed event').toContain('job.completed'));
  const bySubject = await cli.run(['activity', 'list', '--subject', created.job_id, '--json']);
  await contract.rule('media.activity.subject', () => expect(bySubject.requests.find((r) => r.path === '/v1/activity')?.query.subject).toBe(created.job_id));
  const show = await cli.run(['activity', 'show', created.job_id, '--json']);
  await contract.rule('media.activity.show', () => expect(show).toExitWith(0));
});

test('an event type outside the registry is not passed through and not silently dropped', { tag: ['@activity'] }, async ({ cli, fake, contract }) => {
  cli = (await signedInCreate(cli)).cli;
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
  await contract.rule('activity.registry-only', () => {
    expect(printed, 'unknown event types are not passed through').not.toContain('job.teleported');
    expect(JSON.stringify({ warnings: env.warnings, error: env.error }), 'the unknown event is reported').toContain('evt_rogue0001');
  });
});

test('feedback create sends the structured fields and is visible in activity', { tag: ['@feedback', '@token'] }, async ({ cli, contract }) => {
  cli = await signedIn(cli);
  const inv = await cli.run([
    'feedback', 'create', '--type', 'user_feedback', '--title', 'Guide wording', '--body', 'The guide could name the stage earlier',
    '--command', 'create --guide', '--expected', 'stage first', '--actual', 'stage last', '--proof-needed', 'a rerun',
    '--surface', 'cli,docs', '--evidence', 'trace:trace_abc', '--severity', 'low', '--confidence', 'high', '--next-state', 'watch', '--json',
  ]);
  const fb = (await contract.rule('media.feedback.fields', () => {
    expect(inv).toExitWith(0);
    const data = dataOf<FeedbackData>(inv);
    const body = inv.requests.find((r) => r.path === '/v1/feedback')?.body as Record<string, unknown> | undefined;
    expect(body?.title).toBe('Guide wording');
    expect(body?.body).toBe('The guide could name the stage earlier');
    expect(body?.proof_needed).toBe('a rerun');
    expect(body?.surface).toEqual(['cli', 'docs']);
    expect(body?.evidence).toEqual(['trace:trace_abc']);
    return data;
  })) as FeedbackData | undefined;
  // No sentence names the field that holds the new feedback's id.
  if (typeof fb?.feedback_id !== 'string') {
    await contract.observe('feedback create prints the feedback id as data.feedback_id', () => expect(fb?.feedback_id).toBeTruthy());
    return;
  }
  const show = await cli.run(['activity', 'show', fb.feedback_id, '--json']);
  await contract.rule('media.activity.show', () => expect(show).toExitWith(0));
});
