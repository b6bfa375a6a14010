import { test, expect } from '@playwright/test';
import { getResponse, http as mswHttp, HttpResponse } from 'msw';
import { createRouteTable, http, literalPrefix } from '../../harness/fake/routing.js';

const ORIGIN = 'http://127.0.0.1:4010';
const req = (method: string, path: string, headers: Record<string, string> = {}) => new Request(`${ORIGIN}${path}`, { method, headers });
const text = async (r: Response | undefined) => (r ? `${r.status} ${await r.text()}` : 'none');

test('the literal start of a handler path is what comes before its first parameter or wildcard, in lower case', () => {
  expect(literalPrefix('*/v1/jobs/:id')).toBe('/v1/jobs/');
  expect(literalPrefix('*/v1/Models')).toBe('/v1/models');
  expect(literalPrefix(`${ORIGIN}/v1/quota`)).toBe('/v1/quota');
  expect(literalPrefix('*')).toBe('');
  expect(literalPrefix(/\/v1\/.*/)).toBe('');
});

test('the route table answers exactly as msw over the whole list: order, method, params, case, catch-all', async () => {
  const resolvers = [
    ['GET', '*/v1/jobs/:id', ({ params }: { params: Record<string, unknown> }) => HttpResponse.text(`job ${String(params.id)}`)],
    ['GET', '*/v1/jobs/latest', () => HttpResponse.text('latest (never reached: the :id route comes first)')],
    ['POST', '*/v1/jobs/:id', () => HttpResponse.text('post job')],
    ['GET', '*/v1/models', () => HttpResponse.text('models')],
    ['ALL', '*', () => HttpResponse.text('fallback', { status: 404 })],
  ] as const;
  const build = (ns: typeof http | typeof mswHttp) =>
    resolvers.map(([method, path, resolver]) => (method === 'ALL' ? ns.all(path, resolver) : method === 'GET' ? ns.get(path, resolver) : ns.post(path, resolver)));
  const table = createRouteTable(build(http));
  const reference = build(mswHttp);
  for (const [method, path] of [['GET', '/v1/jobs/j1'], ['GET', '/v1/jobs/latest'], ['POST', '/v1/jobs/j2'], ['GET', '/V1/MODELS'], ['GET', '/v1/models/'], ['DELETE', '/v1/models'], ['GET', '/nowhere']]) {
    expect(await text(await table.respond(req(method, path))), `${method} ${path}`).toBe(await text(await getResponse(reference, req(method, path))));
  }
  expect(table.candidates('GET', '/v1/models')).toHaveLength(2);
});

test('resolvers still get cookies from the Cookie header, read only when asked', async () => {
  const table = createRouteTable([http.get('*/whoami', ({ cookies }) => HttpResponse.json(cookies))]);
  const res = await table.respond(req('GET', '/whoami', { cookie: 'a=1; b=x%20y; broken' }));
  expect(await res?.json()).toEqual({ a: '1', b: 'x y' });
});

test('declaring a handler takes no stack trace and leaves the stack trace limit as it was', () => {
  const limit = Error.stackTraceLimit;
  const handler = http.get('*/v1/models', () => new Response('{}'));
  expect(handler.info.callFrame).toBeUndefined();
  expect(Error.stackTraceLimit).toBe(limit);
  expect(new Error('x').stack?.split('\n').length).toBeGreaterThan(1);
});
