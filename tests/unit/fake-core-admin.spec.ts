import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake, dataOf, signupAgent } from '../../harness/fake/client.js';

let fake: RunningFake;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 31, documents: { 'skill.md': '# skill\n' }, packageMetadata: { name: 'image-skill', version: '0.1.25', integrity: 'sha512-abc' } });
});
test.afterEach(async () => {
  await fake.close();
});

test('overrides and presets through the admin API', async () => {
  const bad = await callFake(fake.url, 'POST', '/__admin/overrides', { body: { method: 'GET', path: 'no-slash', malformed: 'xml' } });
  expect(bad.status).toBe(400);
  expect(String((bad.body as { error: { message: string } }).error.message)).toContain('path must start with /');
  // A body that is not JSON is named as such (one body reader for service and admin routes).
  const notJson = await fetch(new URL('/__admin/overrides', fake.url), { method: 'POST', body: '{"method": "GET",' });
  expect(notJson.status).toBe(400);
  expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(/^the body is not JSON: /);
  const empty = await fetch(new URL('/__admin/overrides', fake.url), { method: 'POST', body: '' });
  expect(((await empty.json()) as { error: { message: string } }).error.message).toContain('override must be a JSON object');

  const added = await callFake(fake.url, 'POST', '/__admin/overrides', { body: { name: 'slow-models', method: 'GET', path: '/v1/models', status: 429 } });
  expect(added.status).toBe(201);
  expect(dataOf(await callFake(fake.url, 'GET', '/__admin/overrides')).active).toEqual([expect.objectContaining({ name: 'slow-models', status: 429 })]);
  const limited = await callFake(fake.url, 'GET', '/v1/models');
  expect(limited.status).toBe(429);
  expect(limited.body).toMatchObject({ command: 'models list', error: { code: 'RATE_LIMITED' } });

  expect((await callFake(fake.url, 'DELETE', '/__admin/overrides')).status).toBe(200);
  expect((await callFake(fake.url, 'GET', '/v1/models')).status).toBe(200);

  expect((await callFake(fake.url, 'POST', '/__admin/presets/made-up')).status).toBe(404);
  const preset = await callFake(fake.url, 'POST', '/__admin/presets/service-down');
  expect(dataOf(preset)).toMatchObject({ active_presets: ['service-down'] });
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(503);
  expect((await callFake(fake.url, 'POST', '/__admin/overrides', { body: { method: 'GET', path: '/__admin/state', status: 500 } })).status).toBe(400);
});

test('journal and state snapshots; admin traffic is flagged and never attributed', async () => {
  const agent = await signupAgent(fake.url);
  fake.journal.setActiveInvocation('inv-a');
  await callFake(fake.url, 'GET', '/v1/quota', { token: agent.token });
  const journal = dataOf(await callFake(fake.url, 'GET', '/__admin/journal?invocation=inv-a')).entries as Array<Record<string, unknown>>;
  expect(journal).toHaveLength(1);
  expect(journal[0]).toMatchObject({ path: '/v1/quota', rawAuthorization: null, invocationId: 'inv-a' });
  expect(JSON.stringify(journal)).not.toContain(agent.token);
  const state = dataOf(await callFake(fake.url, 'GET', '/__admin/state'));
  expect(state.agents).toEqual([expect.objectContaining({ agent_id: agent.agentId, limits: expect.objectContaining({ remaining_credits: 40 }) })]);
  expect(JSON.stringify(state)).not.toContain(agent.token);
  const adminEntries = fake.journal.entries().filter((e) => e.admin);
  expect(adminEntries.length).toBe(2);
  expect(adminEntries.every((e) => e.invocationId === null)).toBe(true);
  expect(fake.journal.forInvocation('inv-a').map((e) => e.path)).toEqual(['/v1/quota']);
});

test('reset forgets state but keeps the journal and issued tokens', async () => {
  const agent = await signupAgent(fake.url);
  fake.preset('quota-exhausted');
  await callFake(fake.url, 'POST', '/__admin/reset');
  expect(fake.state.agents()).toEqual([]);
  expect((await callFake(fake.url, 'GET', '/v1/quota', { token: agent.token })).status).toBe(401);
  expect(fake.issuedTokens()).toEqual([agent.token]);
  expect(fake.journal.entries().length).toBeGreaterThan(0);
  const fresh = await signupAgent(fake.url);
  expect(fake.state.quotaFor(fresh.agentId).remaining_credits).toBe(40);
  await callFake(fake.url, 'POST', '/__admin/reset', { body: { journal: true } });
  // Only the reset request itself, journaled after it cleared the rest.
  expect(fake.journal.entries().map((e) => e.path)).toEqual(['/__admin/reset']);
});

test('payment admin paths are left to the payment area; other admin paths are unknown', async () => {
  const stripeEvents = await callFake(fake.url, 'GET', '/__admin/stripe/events');
  expect(stripeEvents.status).toBe(200);
  expect(fake.journal.entries().at(-1)).toMatchObject({ admin: true, unknownRoute: false });
  const unknown = await callFake(fake.url, 'GET', '/__admin/nothing-here');
  expect(unknown.status).toBe(404);
  expect(fake.journal.entries().at(-1)).toMatchObject({ admin: true, unknownRoute: true });
});

test('documents, package metadata and setDocuments', async () => {
  const skill = await fetch(`${fake.url}/skill.md`);
  expect(skill.headers.get('content-type')).toContain('text/markdown');
  expect(await skill.text()).toBe('# skill\n');
  const missing = await callFake(fake.url, 'GET', '/cli.md');
  expect(missing.status).toBe(404);
  expect(missing.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  fake.setDocuments({ 'cli.md': '# cli\n' });
  expect((await callFake(fake.url, 'GET', '/cli.md')).text).toBe('# cli\n');
  expect((await callFake(fake.url, 'GET', '/skill.md')).status).toBe(404);

  expect((await callFake(fake.url, 'GET', '/image-skill/0.1.25')).body).toEqual({
    name: 'image-skill',
    version: '0.1.25',
    dist: { integrity: 'sha512-abc', tarball: `${fake.url}/image-skill/-/image-skill-0.1.25.tgz` },
  });
  expect((await callFake(fake.url, 'GET', '/image-skill/latest')).status).toBe(200);
  expect((await callFake(fake.url, 'GET', '/image-skill/9.9.9')).status).toBe(404);
});

test('/v1/cli runs the read-only subset; feedback and telemetry are recorded', async () => {
  const agent = await signupAgent(fake.url);
  const quota = await callFake(fake.url, 'POST', '/v1/cli', { token: agent.token, body: { argv: ['usage', 'quota', '--json'] } });
  expect(quota.body).toMatchObject({ ok: true, command: 'usage quota', data: { limits: { remaining_credits: 40 } } });
  const models = await callFake(fake.url, 'POST', '/v1/cli', { token: agent.token, body: { argv: ['models', 'list', '--catalog-only', '--provider', 'fal'] } });
  expect((dataOf(models).models as Array<{ id: string }>).map((m) => m.id)).toEqual(['fal.kling-image-o3-text-to-image', 'fal.flux-pro-kontext-max']);
  const refused = await callFake(fake.url, 'POST', '/v1/cli', { token: agent.token, body: { argv: ['create', '--prompt', 'x'] } });
  expect(refused.status).toBe(400);
  expect(fake.state.reservations()).toEqual([]);

  const fb = await callFake(fake.url, 'POST', '/v1/feedback', { token: agent.token, body: { title: 'T', body: 'B' } });
  expect(dataOf(fb)).toMatchObject({ status: 'accepted', type: 'user_feedback', title: 'T' });
  expect(String(dataOf(fb).feedback_id)).toMatch(/^fb_/);
  expect((await callFake(fake.url, 'POST', '/v1/feedback', { token: agent.token, body: { title: 'T' } })).status).toBe(400);
  expect(fake.state.activity(agent.agentId).map((e) => e.type)).toEqual(['feedback.created']);

  const tel = await callFake(fake.url, 'POST', '/v1/telemetry', { body: { command: 'whoami', exit_code: 0 } });
  expect(tel.status).toBe(202);
  expect((dataOf(await callFake(fake.url, 'GET', '/__admin/state')).telemetry as unknown[]).length).toBe(1);
});
