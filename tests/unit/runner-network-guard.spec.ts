import { test, expect } from '@playwright/test';
import path from 'node:path';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { createSandbox } from '../../harness/runner/sandbox.js';
import { resolveTarget } from '../../harness/target/resolve.js';
import type { ResolvedTarget } from '../../harness/target/types.js';
import { offlineTarget } from '../fixtures/clis/offline.js';

const EXERCISE = path.resolve('tests/fixtures/clis/guard-exercise.mjs');

test('every outgoing API is refused and logged; nothing but the CLI output reaches stdout', async () => {
  const target = await offlineTarget(await resolveTarget(`cmd:node ${EXERCISE}`));
  test.skip(target === null, 'needs network namespaces (unshare -n) as a safety net');
  const sandbox = await createSandbox({ label: 'guard' });
  try {
    const inv = await createCliRunner({ target: target as ResolvedTarget, sandbox, fakeUrl: 'http://127.0.0.1:9' }).run([]);
    expect(inv.stderr).toBe('');
    expect(inv.jsonError).toBeNull();
    const results = inv.json as Record<string, string>;
    for (const [api, code] of Object.entries(results)) expect(`${api}: ${code}`).toBe(`${api}: ENETUNREACH`);
    const logged = inv.networkAttempts.map((a) => `${a.api} ${a.host}:${a.port}`);
    expect(logged).toEqual([
      'fetch api.image-skill.com:443',
      'http example.invalid:80',
      'https api.image-skill.com:443',
      'net.connect 192.0.2.1:443',
      'tls.connect api.image-skill.com:443',
      'http2 api.image-skill.com:443',
      'dns.promises.lookup api.image-skill.com:0',
      'dns.lookup api.image-skill.com:0',
      'dns.resolve4 api.image-skill.com:53',
      'dns.promises.Resolver.resolveTxt image-skill.com:53',
      'dgram.send 192.0.2.1:53',
    ]);
  } finally {
    await sandbox.dispose();
  }
});

test('loopback keeps working under the guard (fetch to 127.0.0.1, http.get to localhost)', async () => {
  const plain = await resolveTarget(`cmd:node ${EXERCISE}`);
  const offline = await offlineTarget(plain);
  test.skip(offline === null, 'needs network namespaces (unshare -n) as a safety net');
  // Inside the namespace loopback starts down; bring it up, then exec node with the same argv.
  const target: ResolvedTarget = {
    ...plain,
    command: ['unshare', '-n', 'sh', '-c', 'ip link set lo up 2>/dev/null || true; exec "$@"', 'sh', ...plain.command],
  };
  const sandbox = await createSandbox({ label: 'guard-loopback' });
  try {
    const inv = await createCliRunner({ target, sandbox, fakeUrl: 'http://127.0.0.1:9' }).run(['with-loopback']);
    const results = inv.json as Record<string, string>;
    test.skip(results.loopbackFetch !== 'pong' && inv.stderr.includes('EADDRNOTAVAIL'), 'loopback could not be brought up in the namespace');
    expect(results.loopbackFetch).toBe('pong');
    expect(results.localhostGet).toBe('pong');
    expect(inv.networkAttempts.every((a) => a.host !== '127.0.0.1' && a.host !== 'localhost')).toBe(true);
  } finally {
    await sandbox.dispose();
  }
});
