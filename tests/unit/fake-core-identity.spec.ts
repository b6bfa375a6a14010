import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake, dataOf, signupAgent } from '../../harness/fake/client.js';

let fake: RunningFake;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 11 });
});
test.afterEach(async () => {
  await fake.close();
});

test('signup, whoami and quota agree on one fresh agent', async () => {
  const signup = await callFake(fake.url, 'POST', '/v1/agent-signups', {
    body: { agent_contact: 'agent-inbox@example.invalid', agent_name: 'creative-agent', runtime: 'codex', return_token: true },
  });
  expect(signup.status).toBe(200);
  const s = dataOf(signup);
  expect(s).toMatchObject({ claim_state: 'unclaimed', token_class: 'restricted', token_prefix: 'isk_r_', agent_contact: 'a***@example.invalid' });
  expect(String(s.token)).toMatch(/^isk_r_[0-9a-f]{32}$/);
  expect(fake.issuedTokens()).toEqual([s.token]);

  const whoami = await callFake(fake.url, 'GET', '/v1/whoami', { token: String(s.token) });
  expect(whoami.status).toBe(200);
  expect(whoami.body).toMatchObject({ ok: true, command: 'whoami', warnings: [], error: null, actor: { actor_type: 'agent', actor_id: s.agent_id } });
  expect(String((whoami.body as { trace_id: string }).trace_id)).toMatch(/^trace_[0-9a-f]{24}$/);
  expect(dataOf(whoami)).toMatchObject({ organization_id: s.organization_id, claim_state: 'unclaimed', token_class: 'restricted' });
  expect(Array.isArray(dataOf(whoami).grants)).toBe(true);

  const quota = await callFake(fake.url, 'GET', '/v1/quota', { token: String(s.token) });
  expect(quota.body).toMatchObject({ command: 'usage quota' });
  expect(dataOf(quota)).toMatchObject({
    authenticated: true,
    token_status: 'active',
    limits: { remaining_credits: 40, payment_backed_remaining_credits: 0, free_preview_remaining_credits: 40 },
    daily_jobs: { limit: 4, used: 0, remaining: 4 },
  });
  expect(fake.state.agents()).toEqual([{ agent_id: s.agent_id, organization_id: s.organization_id, agent_contact: 'agent-inbox@example.invalid' }]);
});

test('the token is returned only on request, and human_email is an alias', async () => {
  const call = await callFake(fake.url, 'POST', '/v1/agent-signups', { body: { human_email: 'ops@example.invalid', agent_name: 'x', runtime: 'y' } });
  expect(call.status).toBe(200);
  expect(dataOf(call)).not.toHaveProperty('token');
  expect(fake.issuedTokens()).toHaveLength(1);
});

test('a contact that is not email-shaped is an invalid argument with exit header 2', async () => {
  const call = await callFake(fake.url, 'POST', '/v1/agent-signups', { body: { agent_contact: 'not-an-email', return_token: true } });
  expect(call.status).toBe(400);
  expect(call.headers.get('x-image-skill-exit-code')).toBe('2');
  expect(call.body).toMatchObject({ ok: false, data: null, error: { code: 'INVALID_ARGUMENT', retryable: false } });
});

test('missing and unknown tokens get AUTH_REQUIRED and AUTH_INVALID without an exit header', async () => {
  const missing = await callFake(fake.url, 'GET', '/v1/quota');
  expect(missing.status).toBe(401);
  expect(missing.body).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
  expect(missing.headers.get('x-image-skill-exit-code')).toBeNull();
  const unknown = await callFake(fake.url, 'GET', '/v1/whoami', { token: `isk_r_${'0'.repeat(32)}` });
  expect(unknown.status).toBe(401);
  expect(unknown.body).toMatchObject({ error: { code: 'AUTH_INVALID' } });
});

test('the journal redacts authorization but keeps the raw value in memory', async () => {
  const agent = await signupAgent(fake.url);
  await callFake(fake.url, 'GET', '/v1/whoami', { token: agent.token });
  const entry = fake.journal.entries().find((e) => e.path === '/v1/whoami');
  expect(entry?.headers.authorization).toMatch(/^Bearer \[redacted:tok_[0-9a-f]{24}\]$/);
  expect(JSON.stringify(entry?.headers)).not.toContain(agent.token);
  expect(entry?.rawAuthorization).toBe(`Bearer ${agent.token}`);
});
