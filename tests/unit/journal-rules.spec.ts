import { test, expect } from '@playwright/test';
import { checkJournal, CREATED_KINDS, forbiddenKinds } from '../../harness/checks/journal-rules.js';
import { processFindings } from '../../harness/checks/findings.js';
import { getRule } from '../../harness/rules/index.js';
import type { JournalEntry } from '../../harness/fake/types.js';
import type { Invocation } from '../../harness/runner/types.js';

function entry(method: string, path: string, created: Record<string, number> = {}): JournalEntry {
  return {
    seq: 1, at: '2026-12-07T00:00:00.000Z', method, path, query: {}, headers: {}, rawAuthorization: null, body: null, bodyText: '',
    status: 200, invocationId: 'inv-1', unknownRoute: false, telemetry: false, admin: false, override: null, created,
  };
}

const GUIDE = ['create', '--guide', '--prompt', 'a camera', '--json'];

test('a guide request that creates a quote breaks guide.no-mutation, whatever its route', () => {
  const found = checkJournal(GUIDE, [entry('GET', '/v1/models'), entry('POST', '/v1/credit-quotes', { quote: 1 })]);
  expect(found).toEqual([{ rule: 'guide.no-mutation', message: expect.stringContaining('payment object') }]);
  expect(found[0].message).toContain('POST /v1/credit-quotes created 1 quote');
  // A route no list would name: judged by what it created.
  expect(checkJournal(GUIDE, [entry('PUT', '/v2/anything', { job: 1 })])[0]).toMatchObject({ rule: 'guide.no-mutation' });
  expect(checkJournal(GUIDE, [entry('POST', '/v1/agent-signups', { agent: 1, token: 1 })])[0].message).toContain('signup');
  expect(checkJournal(GUIDE, [entry('POST', '/v1/create', { credit_debit: 1, reservation: 1 })])[0].message).toContain('credit debit');
});

test('a guide write that creates nothing named is an observation; reads and other commands are not judged', () => {
  expect(checkJournal(GUIDE, [entry('POST', '/v1/echo')])).toEqual([{ rule: null, message: expect.stringContaining('created nothing') }]);
  expect(checkJournal(GUIDE, [entry('GET', '/v1/quota')])).toEqual([]);
  expect(checkJournal(['credits', 'quote', '--credits', '10'], [entry('POST', '/v1/credit-quotes', { quote: 1 })])).toEqual([]);
  expect(checkJournal(['create', '--prompt', 'x'], [entry('POST', '/v1/create', { job: 1, asset: 1 })])).toEqual([]);
});

test('the kinds forbidden follow the nouns of the sentence (the rule\'s asserts)', () => {
  const rule = getRule('guide.no-mutation');
  const kinds = forbiddenKinds(rule);
  for (const kind of ['agent', 'token', 'job', 'quote', 'payment_attempt', 'credit_debit', 'asset']) expect(kinds.has(kind)).toBe(true);
  expect(kinds.has('feedback')).toBe(false);
  // A release whose sentence no longer names "payment object" would not forbid quotes.
  const narrower = { ...rule, asserts: rule.asserts.filter((a) => a !== 'payment object') };
  expect(forbiddenKinds(narrower).has('quote')).toBe(false);
  expect(checkJournal(GUIDE, [entry('POST', '/v1/credit-quotes', { quote: 1 })], [narrower])[0].rule).toBeNull();
  for (const noun of rule.asserts) expect(CREATED_KINDS[noun], noun).toBeDefined();
});

test('a connection attempt beyond the fake fails network.base-url-override', () => {
  const inv = {
    id: 'inv-1', args: ['models', 'list'], argv: [], shell: null, cwd: '/tmp', envChanges: {}, stdin: null, stdout: '{}', stderr: '', exitCode: 0,
    signal: null, timedOut: false, durationMs: 1, json: {}, jsonError: null, requests: [], fsChanges: [],
    networkAttempts: [{ host: 'api.image-skill.com', port: 443, api: 'net.connect' }],
  } as unknown as Invocation;
  expect(processFindings(inv)).toEqual([{ rule: 'network.base-url-override', observation: false, message: 'network guard blocked a connection to api.image-skill.com:443 (net.connect)' }]);
});
