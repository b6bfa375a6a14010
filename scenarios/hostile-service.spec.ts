/**
 * A sloppy or hostile service: for each route the CLI uses, one variation at a time
 * (optional fields null or absent, unknown extra fields, no warnings, a non-numeric exit
 * header, empty body, HTML error page, 500/502/503, truncated JSON, a dropped connection).
 * The CLI must always print one well-formed JSON envelope and exit with a documented code.
 * Schema checks of the data are off here (the service, not the CLI, broke the shape);
 * envelope well-formedness is checked instead. Each crash is listed with its variation.
 */
import { test, expect } from '../fixtures/test.js';
import type { Cli, CheckedInvocation } from '../fixtures/test.js';
import type { RouteBehaviour } from '../harness/fake/types.js';
import { signupAndCreate } from '../fixtures/scenario-helpers.js';

interface RouteCase {
  method: string;
  path: string;
  args: (ids: { jobId: string }) => string[];
  optionalFields: string[];
}

const ROUTES: RouteCase[] = [
  { method: 'GET', path: '/v1/whoami', args: () => ['whoami', '--json'], optionalFields: ['data.grants'] },
  { method: 'GET', path: '/v1/quota', args: () => ['usage', 'quota', '--json'], optionalFields: ['data.reset_at', 'data.daily_jobs'] },
  { method: 'GET', path: '/v1/payment-methods', args: () => ['credits', 'methods', '--json'], optionalFields: ['data.packs_endpoint'] },
  { method: 'GET', path: '/v1/credit-packs', args: () => ['credits', 'packs', 'list', '--json'], optionalFields: ['data.custom_quotes'] },
  { method: 'GET', path: '/v1/models', args: () => ['models', 'list', '--json'], optionalFields: ['data.summary'] },
  { method: 'GET', path: '/v1/jobs/:id', args: ({ jobId }) => ['jobs', 'show', jobId, '--json'], optionalFields: ['data.job.completed_at'] },
  { method: 'GET', path: '/v1/activity', args: () => ['activity', 'list', '--json'], optionalFields: ['data.source'] },
  { method: 'POST', path: '/v1/create', args: () => ['create', '--prompt', 'a lighthouse', '--json'], optionalFields: ['data.request', 'data.safety'] },
];

/** Exit codes the established mapping fixes: any answer with status >= 500 and no exit header exits 7. */
const EXPECTED_EXIT: Record<string, number> = {
  'HTML error page': 7,
  'status 500': 7,
  'status 502 envelope': 7,
  'status 503': 7,
};

function variations(route: RouteCase): Array<[string, RouteBehaviour]> {
  const list: Array<[string, RouteBehaviour]> = [];
  for (const field of route.optionalFields) {
    list.push([`${field} null`, { afterHandler: true, setPaths: { [field]: null } }]);
    list.push([`${field} absent`, { afterHandler: true, removePaths: [field] }]);
  }
  list.push(
    ['unknown extra fields', { afterHandler: true, setPaths: { 'data.zz_future_field': { nested: [1, 2] }, zz_envelope_extra: true } }],
    ['warnings missing', { afterHandler: true, removePaths: ['warnings'] }],
    ['non-numeric exit-code header', { afterHandler: true, headers: { 'x-image-skill-exit-code': 'banana' } }],
    ['empty body', { status: 200, malformed: 'empty' }],
    ['HTML error page', { status: 502, malformed: 'html' }],
    ['status 500', { status: 500, malformed: 'not-json-text' }],
    ['status 502 envelope', { afterHandler: true, status: 502 }],
    ['status 503', { status: 503, malformed: 'html' }],
    ['truncated JSON body', { afterHandler: true, malformed: 'truncated-json' }],
    ['dropped connection', { drop: true }],
  );
  return list;
}

const DOCUMENTED_EXIT_CODES = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

/** Why this output is not one well-formed envelope with a documented exit code, or null. */
function crashReason(inv: CheckedInvocation): string | null {
  if (inv.timedOut) return 'timed out';
  if (inv.signal) return `killed by ${inv.signal}`;
  if (inv.jsonError) return `stdout is not one JSON document: ${inv.jsonError.message}: ${inv.jsonError.firstBytes.slice(0, 80)}`;
  if (inv.exitCode === null || !DOCUMENTED_EXIT_CODES.has(inv.exitCode)) return `undocumented exit code ${inv.exitCode}`;
  const env = inv.json as Record<string, unknown> | null;
  if (!env || typeof env !== 'object') return 'stdout JSON is not an object';
  if (typeof env.ok !== 'boolean') return 'envelope has no boolean ok';
  if (typeof env.trace_id !== 'string') return 'envelope has no trace_id';
  if (!Array.isArray(env.warnings)) return 'envelope warnings is not an array';
  if (env.ok === false && (typeof env.error !== 'object' || env.error === null || typeof (env.error as { code?: unknown }).code !== 'string')) return 'error envelope without error.code';
  if (env.ok === false && inv.exitCode === 0) return 'error envelope with exit 0';
  if (/\n\s+at .+:\d+:\d+\)?/.test(inv.stderr) || /\n\s+at .+:\d+:\d+\)?/.test(inv.stdout)) return 'stack trace printed';
  const netProblem = inv.problems.find((p) => /network guard|unknown route/.test(p));
  return netProblem ?? null;
}

async function matrix(cli: Cli, fake: { override: (o: never) => void; clearOverrides(): void }, route: RouteCase, jobId: string) {
  const crashes: string[] = [];
  for (const [name, behaviour] of variations(route)) {
    fake.clearOverrides();
    fake.override({ name, method: route.method, path: route.path, ...behaviour } as never);
    const inv = await cli.runUnchecked(route.args({ jobId }), { skipSchema: true, timeoutMs: 20_000 });
    const expected = EXPECTED_EXIT[name];
    const reason = crashReason(inv) ?? (expected !== undefined && inv.exitCode !== expected ? `exit ${inv.exitCode}, expected ${expected} for a status >= 500` : null);
    if (reason) crashes.push(`${route.method} ${route.path} with ${name}: ${reason}`);
  }
  fake.clearOverrides();
  return crashes;
}

test('every route × every variation gives one well-formed envelope and a documented exit code', { tag: ['@robustness', '@envelope'] }, async ({ cli, fake }) => {
  test.setTimeout(240_000);
  const created = await signupAndCreate(cli);
  const crashes: string[] = [];
  for (const route of ROUTES) crashes.push(...(await matrix(cli, fake as never, route, created.job_id)));
  expect(crashes, `crashes found:\n${crashes.join('\n')}`).toEqual([]);
});

test('a response slower than the CLI will wait ends in a timeout envelope, not a hang', { tag: ['@robustness', '@network', '@exit-codes'] }, async ({ cli, fake }) => {
  test.setTimeout(90_000);
  fake.override({ name: 'slow', method: 'GET', path: '/v1/credit-packs', delayMs: 40_000 });
  const inv = await cli.runUnchecked(['credits', 'packs', 'list', '--json'], { skipSchema: true, timeoutMs: 35_000 });
  const reason = crashReason(inv);
  expect(reason, `slow response: ${reason}`).toBeNull();
  expect(inv.exitCode, 'running out of patience is a timeout: exit 8').toBe(8);
});
