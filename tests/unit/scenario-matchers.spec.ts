import { test, expect as plain } from '@playwright/test';
import { expect } from '../../fixtures/matchers.js';
import type { JournalEntry } from '../../harness/fake/types.js';
import type { Finding } from '../../harness/checks/findings.js';

function request(method: string, path: string, admin = false): JournalEntry {
  return {
    seq: 1, at: '2026-12-01T00:00:00.000Z', method, path, query: {}, headers: {}, rawAuthorization: null, body: null, bodyText: '',
    status: 200, invocationId: 'inv-1', unknownRoute: false, telemetry: false, admin, override: null, notes: [], created: {},
  } as JournalEntry;
}

function inv(over: { exitCode?: number | null; timedOut?: boolean; requests?: JournalEntry[]; findings?: Finding[] } = {}) {
  return { args: ['credits', 'quote', '--json'], shell: null, exitCode: 0, signal: null, timedOut: false, stdout: '{"ok":true}', stderr: '', requests: [], findings: [], ...over };
}

test('toExitWith passes on the exit code and names the command and the output when it does not', () => {
  expect(inv({ exitCode: 5 })).toExitWith(5);
  expect(inv({ exitCode: 5 })).not.toExitWith(0);
  plain(() => expect(inv({ exitCode: 0 })).toExitWith(8)).toThrow(/image-skill credits quote --json exited 0; expected exit 8\nstdout: \{"ok":true\}/);
  plain(() => expect(inv({ exitCode: null, timedOut: true })).toExitWith(8)).toThrow(/timed out/);
  plain(() => expect('not an invocation').toExitWith(0)).toThrow(/expects a CLI invocation/);
});

test('toHaveRequested matches method and path (":param" one segment, RegExp, "*" any method), ignores admin traffic, counts with times', () => {
  const i = inv({ requests: [request('POST', '/v1/credit-quotes'), request('GET', '/v1/jobs/job_1'), request('GET', '/v1/jobs/job_2'), request('GET', '/__admin/state', true)] });
  expect(i).toHaveRequested('POST', '/v1/credit-quotes');
  expect(i).toHaveRequested('get', '/v1/jobs/:id', { times: 2 });
  expect(i).toHaveRequested('*', /^\/v1\/credit-/);
  expect(i).not.toHaveRequested('GET', '/__admin/state');
  expect(i).not.toHaveRequested('GET', '/v1/jobs');
  plain(() => expect(i).toHaveRequested('GET', '/v1/jobs/:id', { times: 1 })).toThrow(/it requested 2 time\(s\)\. Its requests: POST \/v1\/credit-quotes, GET \/v1\/jobs\/job_1, GET \/v1\/jobs\/job_2/);
});

test('toConformTo fails on a finding citing the rule, quoting the rule; observations and other rules do not count; unknown ids throw', () => {
  const broken = inv({ findings: [{ rule: 'output.envelope', message: 'no warnings array', observation: false }] });
  plain(() => expect(broken).toConformTo('output.envelope')).toThrow(/breaks output\.envelope \(cli\.md › .*"[^"]+"\):\n {2}- no warnings array/);
  expect(broken).not.toConformTo('output.envelope');
  expect(inv({ findings: [{ rule: 'output.envelope', message: 'seen', observation: true }] })).toConformTo('output.envelope');
  expect(broken).toConformTo('exit.deterministic');
  plain(() => expect(broken).toConformTo('no.such-rule')).toThrow(/no\.such-rule/);
});
