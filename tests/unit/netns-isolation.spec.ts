/**
 * Network isolation by namespace, proved with a CLI the Node guard cannot see: a bash script
 * that opens /dev/tcp/192.0.2.1/80 (TEST-NET-1, a documentation address).
 *
 * Safety: that script only ever runs inside a fresh network namespace. The test first checks
 * that such a namespace has no interface but `lo`, the run is started with an explicit
 * `--network namespace` (which exits 2 rather than fall back), the namespace wrapper refuses to
 * exec anything unless `lo` is the only interface, and the script itself checks again before it
 * touches /dev/tcp. With only a loopback device no packet can leave the machine. This test is
 * never run in guard or off mode.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { chmod, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { namespaceSupport, runInFreshNamespaceSync, currentInterfaces } from '../../harness/runner/netns.js';
import { wantsNamespaceUpFront } from '../../harness/cli/network-flag.js';
import { referenceDir } from '../../harness/target/reference.js';
import { packFolder, startLoopbackRegistry, type LoopbackRegistry } from './helpers/loopback-registry.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

const DEV_TCP_CLI = `#!/bin/bash
# Test CLI for netns-isolation.spec.ts only: refuses to do anything outside a loopback-only namespace.
ifaces=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' ' | sort | tr '\\n' ' ')
if [ "$ifaces" != "lo " ]; then
  echo '{"ok":false,"error":{"code":"refused","message":"not in a loopback-only network namespace"}}'
  exit 3
fi
err=$( { exec 3<>/dev/tcp/192.0.2.1/80; } 2>&1 ) && reached=yes || reached=no
err=$(printf '%s' "$err" | tr -d '"\\\\' | tr '\\n' ' ')
echo "attempted 192.0.2.1:80 reached=$reached: $err" >&2
printf '{"ok":false,"error":{"code":"network","message":"192.0.2.1:80 reached=%s %s"}}\\n' "$reached" "$err"
exit 1
`;

async function transcriptsText(dir: string): Promise<string> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else if (e.name.endsWith('.json')) out.push(await readFile(join(d, e.name), 'utf8'));
    }
  };
  await walk(join(dir, 'transcripts'));
  return out.join('\n');
}

test('current interfaces are read from /proc/net/dev', async () => {
  const tmp = await mkdtemp(join(tmpdir(), 'isc-netns-'));
  try {
    const file = join(tmp, 'dev');
    await writeFile(file, 'Inter-|   Receive\n face |bytes\n    lo: 1 2 3\n  eth0: 4 5 6\n');
    expect(currentInterfaces(file)).toEqual(['eth0', 'lo']);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('a non-Node CLI using bash /dev/tcp cannot reach 192.0.2.1 in namespace mode, and the run reports the attempt', async () => {
  test.setTimeout(240_000);
  const support = namespaceSupport();
  test.skip(!support.ok, `no network namespace here: ${support.ok ? '' : support.reason}`);

  // 1. A fresh namespace has nothing but lo (checked from inside one, not assumed).
  const probe = runInFreshNamespaceSync('cat', ['/proc/net/dev']);
  expect(probe.status, probe.stderr).toBe(0);
  const names = probe.stdout.split('\n').slice(2).map((l) => l.split(':')[0].trim()).filter(Boolean);
  expect(names).toEqual(['lo']);

  const tmp = await mkdtemp(join(tmpdir(), 'isc-netns-'));
  try {
    const cli = join(tmp, 'dev-tcp-cli.sh');
    await writeFile(cli, DEV_TCP_CLI);
    await chmod(cli, 0o755);
    const reportDir = join(tmp, 'report');
    // 2. Only with an explicit --network namespace: never guard, never off.
    const run = await execa(process.execPath, [bin, 'run', '--network', 'namespace', '--cli', `cmd:bash ${cli}`, '--grep', 'doctor reports', '--report-dir', reportDir], {
      cwd: root,
      reject: false,
      timeout: 200_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    expect(output).toContain('network: namespace');
    expect(run.exitCode, output).toBe(1);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8'));
    expect(results.network_mode).toBe('namespace');
    expect(results.summary.failed).toBeGreaterThan(0);
    const transcripts = await transcriptsText(reportDir);
    expect(transcripts).toContain('attempted 192.0.2.1:80 reached=no');
    expect(transcripts).toMatch(/Network is unreachable/);
    expect(transcripts).not.toContain('not in a loopback-only network namespace');
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('namespace mode keeps loopback working, and an npm: target from a registry the namespace cannot reach is resolved before it', async () => {
  test.setTimeout(240_000);
  test.skip(!namespaceSupport().ok, 'no network namespace here');
  const tmp = await mkdtemp(join(tmpdir(), 'isc-netns-'));
  // The reference CLI, packed, served as image-skill@0.1.25 by a registry on this namespace's
  // loopback: a fresh namespace has a loopback of its own, so only the outer process reaches it.
  let registry: LoopbackRegistry | null = null;
  try {
    registry = await startLoopbackRegistry({ name: 'image-skill', version: '0.1.25', tgz: await readFile(await packFolder(referenceDir(root), tmp)) });
    const reportDir = join(tmp, 'report');
    const env = { ...process.env, npm_config_registry: registry.url, npm_config_cache: join(tmp, 'npm-cache'), ISC_CACHE_DIR: join(tmp, 'targets') };
    const run = await execa(process.execPath, [bin, 'run', '--network', 'namespace', '--cli', 'npm:image-skill@0.1.25', '--grep', 'doctor reports', '--report-dir', reportDir], { cwd: root, env, reject: false, timeout: 200_000 });
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('CLI under test: image-skill 0.1.25 (npm image-skill@0.1.25');
    expect(registry.requests.filter((r) => r.endsWith('.tgz'))).toHaveLength(1);
    const results = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8'));
    expect(results.network_mode).toBe('namespace');
    expect(results.summary.passed).toBe(1);
    const bad = await execa(process.execPath, [bin, 'run', '--network', 'sideways'], { cwd: root, reject: false, timeout: 60_000 });
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--network must be namespace, guard or off, got "sideways"');
  } finally {
    await registry?.close();
    await rm(tmp, { recursive: true, force: true });
  }
});

test('run re-executes in a namespace before loading anything else only when namespace mode is certain', () => {
  expect(wantsNamespaceUpFront([], {})).toBe(true);
  expect(wantsNamespaceUpFront(['--cli', 'reference', '--network', 'namespace'], {})).toBe(true);
  expect(wantsNamespaceUpFront(['--network=namespace'], {})).toBe(true);
  expect(wantsNamespaceUpFront(['--network', 'guard'], {})).toBe(false);
  expect(wantsNamespaceUpFront(['--network=off'], {})).toBe(false);
  // A fork needs its upstream, so guard mode: the normal path decides.
  expect(wantsNamespaceUpFront(['--fork-url', 'http://127.0.0.1:8545'], {})).toBe(false);
  expect(wantsNamespaceUpFront([], { BASE_RPC_URL: 'http://127.0.0.1:8545' })).toBe(false);
  // A bad value goes the normal way too, which names it.
  expect(wantsNamespaceUpFront(['--network', 'bogus'], {})).toBe(false);
  // What needs the registry is resolved outside the namespace first: the normal path.
  expect(wantsNamespaceUpFront(['--cli', 'reference', '--cli', 'npm:image-skill@0.1.25'], {})).toBe(false);
  expect(wantsNamespaceUpFront(['--node', '99'], {})).toBe(false);
  expect(wantsNamespaceUpFront(['--node', process.version], {})).toBe(true);
  expect(wantsNamespaceUpFront(['--node', '/opt/node/bin/node'], {})).toBe(true);
});
