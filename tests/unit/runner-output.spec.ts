import { test, expect } from '@playwright/test';
import { buildSandboxEnv, envChanges } from '../../harness/runner/env.js';
import { parseStdoutJson } from '../../harness/runner/json-output.js';
import { redactSecrets } from '../../harness/runner/redact.js';
import type { Sandbox } from '../../harness/runner/sandbox.js';
import { describeInvocationProblems, formatTranscript } from '../../harness/runner/transcript.js';
import type { Invocation } from '../../harness/runner/types.js';
import type { ResolvedTarget } from '../../harness/target/types.js';

test('stdout classification', () => {
  expect(parseStdoutJson('  {"ok":true}\n')).toEqual({ json: { ok: true }, jsonError: null });
  expect(parseStdoutJson('[1,2]')).toEqual({ json: [1, 2], jsonError: null });
  expect(parseStdoutJson(' \n').jsonError?.message).toBe('stdout is empty');
  expect(parseStdoutJson('{"a":1}\n{"b":2}\n').jsonError?.message).toBe('stdout holds more than one JSON document');
  expect(parseStdoutJson('{"a":"}{"}\n[3]').jsonError?.message).toBe('stdout holds more than one JSON document');
  expect(parseStdoutJson('{"a":1} done').jsonError?.message).toBe('stdout has extra text after the JSON document');
  expect(parseStdoutJson('Working…\n{"a":1}').jsonError?.message).toBe('stdout has extra text before the JSON document');
  expect(parseStdoutJson('{"a":1').jsonError?.message).toBe('stdout is not JSON');
  const long = parseStdoutJson('x'.repeat(1000));
  expect(long.jsonError?.firstBytes).toBe('x'.repeat(200));
});

test('secrets and token-shaped strings are redacted', () => {
  const token = 'isk_r_0123456789abcdef0123456789abcdef';
  expect(redactSecrets(`token=${token} other=hunter22`, ['hunter22'])).toBe('token=isk_[redacted] other=[redacted]');
  expect(redactSecrets('nothing here', [token])).toBe('nothing here');
});

const sandbox = { home: '/sb/home', configHome: '/sb/home/.config', tmp: '/sb/tmp' } as Sandbox;
const nodeTarget = { isNode: true, env: { ISC_REFERENCE_MUTANT: 'm1' } } as unknown as ResolvedTarget;

test('sandbox env: secrets redacted in changes, guard only for Node targets, extra wins', () => {
  const { env, changes } = buildSandboxEnv({
    sandbox,
    baseUrl: 'http://127.0.0.1:1',
    target: nodeTarget,
    guardLogPath: '/meta/g.log',
    extra: { IMAGE_SKILL_TOKEN: 'isk_r_abc', STRIPE_API_KEY: 'sk_test_1', PLAIN: 'isk_something', NO_COLOR: null },
  });
  expect(env.ISC_REFERENCE_MUTANT).toBe('m1');
  expect(env.ISC_NETGUARD_LOG).toBe('/meta/g.log');
  expect(env.NODE_OPTIONS).toMatch(/^--require \S+network-guard\.cjs$/);
  expect(env.NO_COLOR).toBeUndefined();
  expect(changes.IMAGE_SKILL_TOKEN).toBe('[redacted]');
  expect(changes.STRIPE_API_KEY).toBe('[redacted]');
  expect(changes.PLAIN).toBe('[redacted]');
  expect(changes.HOME).toBe('/sb/home');

  const shell = buildSandboxEnv({ sandbox, baseUrl: 'http://127.0.0.1:1', target: { isNode: false, env: {} } as unknown as ResolvedTarget, guardLogPath: '/meta/g.log' });
  expect(shell.env.NODE_OPTIONS).toBeUndefined();
  expect(shell.env.ISC_NETGUARD_LOG).toBeUndefined();
  expect(envChanges({ A: '1', B: '2' }, { A: '1', C: '3' })).toEqual({ B: null, C: '3' });
});

function invocation(over: Partial<Invocation>): Invocation {
  return {
    id: 'inv-1', args: ['whoami'], argv: ['node', 'cli', 'whoami'], shell: null, cwd: '/w', envChanges: {}, stdin: null, stdout: '', stderr: '',
    exitCode: 0, signal: null, timedOut: false, durationMs: 5, json: undefined, jsonError: null, requests: [], networkAttempts: [],
    fsChanges: [], uid: null, ...over,
  };
}

test('problems are phrased for a failure message', () => {
  expect(describeInvocationProblems(invocation({ timedOut: true, signal: 'SIGKILL', durationMs: 30012, ...{ timeoutMs: 30000 } }))).toEqual([
    'timed out after 30000 ms and was killed',
  ]);
  expect(
    describeInvocationProblems(
      invocation({
        networkAttempts: [
          { host: 'api.image-skill.com', port: 443, outcome: 'blocked', api: 'fetch' },
          { host: 'api.image-skill.com', port: 443, outcome: 'blocked', api: 'fetch' },
          { host: 'telemetry.example', port: 0, outcome: 'blocked', api: 'dns.lookup' },
        ],
      }),
    ),
  ).toEqual(['network guard blocked a connection to api.image-skill.com:443 (fetch)', 'network guard blocked a DNS lookup of telemetry.example (dns.lookup)']);
});

test('the text transcript shows every part of the run', () => {
  const text = formatTranscript(
    invocation({
      stdin: 'isk_[redacted]\n',
      stdout: '{"token":"isk_r_0123456789abcdef0123456789abcdef"}\n',
      stderr: 'warn\n',
      exitCode: 3,
      envChanges: { HOME: '/h', IMAGE_SKILL_TOKEN: null },
      jsonError: { message: 'stdout is not JSON', firstBytes: 'oops' },
      fsChanges: [{ path: 'home/.config/image-skill/config.json', kind: 'added', mode: '0600', size: 80 }],
    }),
    [],
  );
  expect(text).toContain('argv: ["node","cli","whoami"]');
  expect(text).toContain('  IMAGE_SKILL_TOKEN=(removed)');
  expect(text).toContain('result: exit code 3 after 5 ms');
  expect(text).toContain('  | {"token":"isk_[redacted]"}');
  expect(text).toContain('stderr:\n  | warn');
  expect(text).toContain('JSON: stdout is not JSON; first bytes: "oops"');
  expect(text).toContain('added home/.config/image-skill/config.json mode 0600 80 bytes');
  expect(text).not.toContain('0123456789abcdef');
});
