import { test, expect } from '@playwright/test';
import { startFakeService, type RunningFake } from '../../harness/fake/index.js';
import { callFake } from '../../harness/fake/client.js';

let fake: RunningFake;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 9 });
});
test.afterEach(async () => {
  await fake.close();
});

test('requests are attributed to the invocation active when they arrive', async () => {
  await callFake(fake.url, 'GET', '/healthz');
  fake.journal.setActiveInvocation('inv-1');
  await callFake(fake.url, 'GET', '/v1/models?available=true');
  await callFake(fake.url, 'POST', '/v1/telemetry', { body: { command: 'models list', status: 'ok', exit_code: 0 } });
  await callFake(fake.url, 'GET', '/__admin/state');
  fake.journal.setActiveInvocation('inv-2');
  await callFake(fake.url, 'GET', '/v1/payment-methods-typo');
  fake.journal.setActiveInvocation(null);

  const all = fake.journal.entries();
  expect(all.map((e) => [e.method, e.path, e.invocationId])).toEqual([
    ['GET', '/healthz', null],
    ['GET', '/v1/models', 'inv-1'],
    ['POST', '/v1/telemetry', 'inv-1'],
    ['GET', '/__admin/state', null],
    ['GET', '/v1/payment-methods-typo', 'inv-2'],
  ]);
  expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  const inv1 = fake.journal.forInvocation('inv-1');
  expect(inv1.map((e) => e.path)).toEqual(['/v1/models', '/v1/telemetry']);
  expect(inv1[0].query).toEqual({ available: 'true' });
  expect(inv1[1]).toMatchObject({ telemetry: true, admin: false, status: 202, body: { command: 'models list' } });
  expect(all[3]).toMatchObject({ admin: true, telemetry: false });
  expect(fake.journal.forInvocation('inv-2')[0]).toMatchObject({ unknownRoute: true, status: 404 });
  expect(all.filter((e) => e.unknownRoute)).toHaveLength(1);

  fake.journal.clear();
  expect(fake.journal.entries()).toEqual([]);
});

test('unknown routes answer a 404 envelope', async () => {
  const call = await callFake(fake.url, 'POST', '/v2/create', { body: {} });
  expect(call.status).toBe(404);
  expect(call.body).toMatchObject({ ok: false, data: null, warnings: [], error: { code: 'NOT_FOUND', retryable: false } });
  // A documented path with the wrong method is unknown as well.
  const wrongMethod = await callFake(fake.url, 'GET', '/v1/create');
  expect(wrongMethod.status).toBe(404);
  expect(fake.journal.entries().map((e) => e.unknownRoute)).toEqual([true, true]);
});

test('notes made outside a request are kept apart from request entries', async () => {
  fake.ctx.note('chain watcher saw a transfer');
  await callFake(fake.url, 'GET', '/healthz');
  expect(fake.core.journal.looseNotes()).toEqual(['chain watcher saw a transfer']);
  expect(fake.core.journal.entries()[0]).toMatchObject({ path: '/healthz', notes: [] });
});

test('each journal entry says what the request created on the fake: an identity on signup, nothing on a read', async () => {
  const signup = await callFake(fake.url, 'POST', '/v1/agent-signups', { body: { agent_contact: 'agent-inbox@example.invalid', agent_name: 'a', runtime: 'r', return_token: true } });
  const token = String((signup.body as { data: { token: string } }).data.token);
  await callFake(fake.url, 'GET', '/v1/whoami', { token });
  const created = fake.journal.entries().map((e) => [e.method, e.path, e.created]);
  expect(created[0]).toEqual(['POST', '/v1/agent-signups', expect.objectContaining({ agent: 1, token: 1 })]);
  expect(created[1]).toEqual(['GET', '/v1/whoami', {}]);
});
