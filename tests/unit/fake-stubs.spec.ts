/** Stubs as data on the in-process fake, through FakeServiceClient (the package export). */
import { test, expect } from '@playwright/test';
import { FakeServiceClient, FakeServiceError, StubError, startFakeService, type RunningFake } from 'image-skill-conformance';
import { callFake, signupAgent } from '../../harness/fake/client.js';
import { parseStub, parseRequestMatcher } from '../../harness/fake/stubs/validate.js';

let fake: RunningFake;
let admin: FakeServiceClient;
test.beforeEach(async () => {
  fake = await startFakeService({ seed: 7 });
  admin = new FakeServiceClient(fake.url);
});
test.afterEach(async () => {
  await fake.close();
});

test('validation names each bad field', () => {
  const cases: Array<[unknown, string]> = [
    [{ request: {}, response: { statsu: 503 } }, 'response.statsu'],
    [{ request: { method: 'GET', pathh: '/x' } }, 'request.pathh'],
    [{ response: {} }, 'request'],
    [{ request: { path: '/__admin/state' } }, 'request.path'],
    [{ request: { pathPattern: '/v1/(' } }, 'request.pathPattern'],
    [{ request: { query: { limit: { matches: '[' } } } }, 'request.query.limit.matches'],
    [{ request: { headers: { accept: { equalTo: 'a', contains: 'b' } } } }, 'request.headers.accept'],
    [{ request: {}, response: { fault: 'explode' } }, 'response.fault'],
    [{ request: {}, response: { truncateBytes: 3 } }, 'response.truncateBytes'],
    [{ request: {}, response: { jsonBody: {}, body: 'x' } }, 'response.body'],
    [{ request: {}, times: 0 }, 'times'],
    [{ request: {}, scenario: { name: 's' } }, 'scenario'],
    [{ request: {}, scenario: { name: 's', requiredState: 'a', newstate: 'b' } }, 'scenario.newstate'],
  ];
  for (const [input, field] of cases) {
    const parsed = parseStub(input);
    expect(parsed.ok, JSON.stringify(input)).toBe(false);
    if (!parsed.ok) expect(parsed.problems.map((p) => p.field), JSON.stringify(input)).toContain(field);
  }
  expect(parseStub({ request: { method: 'POST', path: '/v1/create', bodyPointers: { '/prompt': 'x' } }, response: { status: 502, afterHandler: true } }).ok).toBe(true);
  expect(parseRequestMatcher({ method: 'GET', path: '/v1/whoami' }).ok).toBe(true);
  expect(() => fake.stubs.add({ request: { method: 'GET' }, response: { statsu: 1 } })).toThrow(StubError);
  expect(() => fake.stubs.add({ request: { method: 'GET' }, response: { statsu: 1 } })).toThrow(/response\.statsu: unknown field/);
});

test('matchers: query, headers (any case), pathPattern, partial body and JSON pointers', async () => {
  await admin.addStub({ request: { method: 'GET', path: '/v1/models', query: { provider: { matches: 'open.*' }, limit: { absent: true } } }, response: { status: 418 } });
  expect((await callFake(fake.url, 'GET', '/v1/models?provider=openai')).status).toBe(418);
  expect((await callFake(fake.url, 'GET', '/v1/models?provider=openai&limit=1')).status).toBe(200);
  expect((await callFake(fake.url, 'GET', '/v1/models?provider=fal')).status).toBe(200);

  await admin.addStub({ request: { pathPattern: '/v1/assets/asset_[0-9]+', headers: { 'X-Trace': { contains: 'abc' } } }, response: { status: 410 } });
  expect((await callFake(fake.url, 'GET', '/v1/assets/asset_12', { headers: { 'x-trace': '1-abc-2' } })).status).toBe(410);
  expect((await callFake(fake.url, 'GET', '/v1/assets/asset_12')).status).toBe(401);
  expect((await callFake(fake.url, 'GET', '/v1/assets/asset_x', { headers: { 'x-trace': 'abc' } })).status).toBe(401);

  const agent = await signupAgent(fake.url);
  await admin.addStub({
    request: { method: 'POST', path: '/v1/create', bodyPartial: { model_parameters: { size: 'large' } }, bodyPointers: { '/output_count': 2 } },
    response: { jsonBody: { ok: false, stubbed: true }, status: 409 },
  });
  const hit = await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'a', output_count: 2, model_parameters: { size: 'large', style: 'x' } } });
  expect(hit.status).toBe(409);
  expect(hit.body).toEqual({ ok: false, stubbed: true });
  const miss = await callFake(fake.url, 'POST', '/v1/create', { token: agent.token, body: { prompt: 'a', output_count: 1, model_parameters: { size: 'large' } } });
  // The real create answered (and refused the made-up size): the stub did not match.
  expect(miss.body).toMatchObject({ command: 'create', error: { code: 'INVALID_ARGUMENT' } });

  expect(await admin.count({ method: 'POST', path: '/v1/create', bodyPointers: { '/output_count': 2 } })).toBe(1);
  expect(await admin.count({ path: '/v1/models', query: { provider: 'openai' } })).toBe(2);
  expect((await admin.find({ pathPattern: '/v1/assets/.*' })).map((r) => r.status)).toEqual([410, 401, 401]);
});

test('priority beats age; equal priorities go to the newest; ids can be fetched and deleted', async () => {
  const high = await admin.addStub({ id: 'high', priority: 1, request: { method: 'GET', path: '/healthz' }, response: { status: 500 } });
  await admin.addStub({ request: { method: 'GET', path: '/healthz' }, response: { status: 503 } });
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(500);
  await expect(admin.addStub({ id: 'high', request: {} })).rejects.toMatchObject({ status: 409 });
  await admin.removeStub(high.id);
  expect(await admin.getStub('high')).toBeNull();
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(503);
  await admin.addStub({ request: { method: 'GET', path: '/healthz' }, response: { status: 502 } });
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(502);
  // Legacy overrides share the table at the default priority: the newest still wins.
  fake.override({ method: 'GET', path: '/healthz', status: 429 });
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(429);
  expect((await admin.listStubs()).length).toBe(2);
  expect(await admin.clearStubs()).toBe(2);
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(429);
  await admin.clearOverrides();
  expect((await callFake(fake.url, 'GET', '/healthz')).status).toBe(200);
  await expect(admin.removeStub('nope')).rejects.toBeInstanceOf(FakeServiceError);
});

test('responses: patch edits the real envelope; faults drop, truncate and malform', async () => {
  await admin.addStub({ request: { method: 'GET', path: '/healthz' }, response: { patch: { data: { status: 'degraded' }, set: { 'data.extra': null }, remove: ['data.version'] }, headers: { 'x-stub': '1' } } });
  const patched = await callFake(fake.url, 'GET', '/healthz');
  expect(patched.headers.get('x-stub')).toBe('1');
  expect((patched.body as { data: Record<string, unknown> }).data).toEqual({ status: 'degraded', service: 'image-skill-api', extra: null });
  await admin.clearStubs();

  await admin.addStub({ request: { path: '/v1/models' }, response: { fault: 'truncated-json' }, times: 1 });
  const truncated = await callFake(fake.url, 'GET', '/v1/models');
  expect(() => JSON.parse(truncated.text)).toThrow();
  await admin.addStub({ request: { path: '/v1/models' }, response: { fault: 'drop' }, times: 1 });
  await expect(callFake(fake.url, 'GET', '/v1/models')).rejects.toThrow();
  await admin.addStub({ request: { path: '/v1/models' }, response: { fault: 'truncate', truncateBytes: 5 }, times: 1 });
  await expect(fetch(`${fake.url}/v1/models`).then((r) => r.text())).rejects.toThrow();
  expect((await callFake(fake.url, 'GET', '/v1/models')).status).toBe(200);
  const names = fake.journal.entries().filter((e) => e.path === '/v1/models').map((e) => e.override);
  expect(names).toEqual(['stub stub-2', 'stub stub-3', 'stub stub-4', null]);
});

test('a stub named in any script answers as stubbed, and the journal keeps its name', async () => {
  await admin.addStub({ name: 'quota › ünïcode 名前', request: { method: 'GET', path: '/healthz' }, response: { patch: { data: { status: 'degraded' } } } });
  const answer = await callFake(fake.url, 'GET', '/healthz');
  expect(answer.status).toBe(200);
  expect((answer.body as { data: Record<string, unknown> }).data.status).toBe('degraded');
  expect(fake.journal.entries().find((e) => e.path === '/healthz')?.override).toContain('quota › ünïcode 名前');
});

test('scenario states move on use, are listed, set and reset; reset() forgets stubs', async () => {
  await admin.addStub({ request: { path: '/v1/quota' }, response: { status: 503 }, scenario: { name: 'outage', requiredState: 'Started', newState: 'over' } });
  await admin.addStub({ request: { path: '/v1/quota' }, response: { status: 401 }, scenario: { name: 'outage', requiredState: 'later' } });
  expect(await admin.scenarios()).toEqual([{ name: 'outage', state: 'Started' }]);
  expect((await callFake(fake.url, 'GET', '/v1/quota')).status).toBe(503);
  expect((await callFake(fake.url, 'GET', '/v1/quota')).body).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
  await admin.setScenarioState('outage', 'later');
  expect((await callFake(fake.url, 'GET', '/v1/quota')).body).toMatchObject({ error: { code: 'AUTH_INVALID' } });
  await admin.resetScenarios();
  expect((await callFake(fake.url, 'GET', '/v1/quota')).status).toBe(503);
  await admin.reset();
  expect(await admin.listStubs()).toEqual([]);
  expect((await callFake(fake.url, 'GET', '/v1/quota')).body).toMatchObject({ error: { code: 'AUTH_REQUIRED' } });
});

test('verification: unmatched, NDJSON export, bad matchers; payment verbs need payments', async () => {
  await callFake(fake.url, 'GET', '/v1/nothing-here');
  await callFake(fake.url, 'GET', '/healthz');
  expect((await admin.unmatched()).map((r) => r.path)).toEqual(['/v1/nothing-here']);
  const lines = (await admin.exportRequestsNdjson()).trim().split('\n');
  expect(lines.length).toBeGreaterThanOrEqual(3);
  expect(lines.map((l) => (JSON.parse(l) as { path: string }).path)).toEqual(expect.arrayContaining(['/v1/nothing-here', '/healthz', '/__admin/requests/unmatched']));
  await expect(admin.count({ method: 'GET', path: 'healthz' })).rejects.toMatchObject({ status: 400, problems: [expect.objectContaining({ field: 'path' })] });
  await expect(admin.trigger('charge.refunded', 'payatt_x')).rejects.toMatchObject({ status: 503, code: 'PAYMENTS_NOT_ATTACHED' });
  await admin.clearRequests();
  expect(await admin.count({})).toBe(0);
});
