import { test, expect } from '@playwright/test';
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { createCliRunner } from '../../harness/runner/invoke.js';
import { createSandbox, diffSnapshots, makeConfigHomeUnwritable, type Sandbox } from '../../harness/runner/sandbox.js';
import { resolveTarget } from '../../harness/target/resolve.js';
import { withNodeRuntime } from '../../harness/target/node-runtime.js';

const CLIS = path.resolve('tests/fixtures/clis');

test('a sandbox has home, config home, tmp, work and bin under one root, and dispose removes it', async () => {
  const sandbox = await createSandbox({ label: 'layout test' });
  expect(path.basename(sandbox.root)).toMatch(/^isc-layout-test-/);
  for (const dir of [sandbox.home, sandbox.configHome, sandbox.tmp, sandbox.work, sandbox.bin]) {
    expect(dir.startsWith(sandbox.root + path.sep)).toBe(true);
    expect((await fs.stat(dir)).isDirectory()).toBe(true);
  }
  expect(sandbox.configHome).toBe(path.join(sandbox.home, '.config'));
  expect(existsSync(sandbox.guardLogPath)).toBe(true);
  await sandbox.dispose();
  expect(existsSync(sandbox.root)).toBe(false);
  expect(existsSync(sandbox.metaDir)).toBe(false);
  expect(sandbox.disposed).toBe(true);
  await sandbox.dispose(); // idempotent
});

test('snapshots diff into added, modified and removed entries with octal modes', async () => {
  const sandbox = await createSandbox({ label: 'diff' });
  try {
    await fs.writeFile(path.join(sandbox.work, 'keep.txt'), 'a');
    await fs.writeFile(path.join(sandbox.work, 'gone.txt'), 'a');
    const before = await sandbox.snapshot();
    await fs.writeFile(path.join(sandbox.work, 'keep.txt'), 'longer');
    await fs.rm(path.join(sandbox.work, 'gone.txt'));
    await fs.mkdir(path.join(sandbox.home, '.config', 'image-skill'), { mode: 0o700 });
    await fs.writeFile(path.join(sandbox.home, '.config', 'image-skill', 'config.json'), '{}', { mode: 0o600 });
    const changes = diffSnapshots(before, await sandbox.snapshot());
    expect(changes).toEqual([
      { path: 'home/.config/image-skill', kind: 'added', mode: '0700', size: null, entryType: 'dir' },
      { path: 'home/.config/image-skill/config.json', kind: 'added', mode: '0600', size: 2, entryType: 'file' },
      { path: 'work/gone.txt', kind: 'removed', mode: null, size: null, entryType: 'file' },
      { path: 'work/keep.txt', kind: 'modified', mode: '0644', size: 6, entryType: 'file' },
    ]);
  } finally {
    await sandbox.dispose();
  }
});

test('unprivileged-uid: the CLI runs as nobody, cannot create under the config home, can write work/', async () => {
  test.skip(process.getuid?.() !== 0, 'needs root to switch uid');
  const sandbox = await createSandbox({ label: 'uid' });
  try {
    const uid = await makeConfigHomeUnwritable(sandbox, 'unprivileged-uid');
    expect(uid).toBe(65534);
    const stat = await fs.stat(sandbox.configHome);
    expect([stat.uid, (stat.mode & 0o777).toString(8)]).toEqual([0, '755']);
    expect((await fs.stat(sandbox.work)).uid).toBe(65534);

    const runner = createCliRunner({ target: await resolveTarget(path.join(CLIS, 'ok-json')), sandbox, fakeUrl: 'http://127.0.0.1:9' });
    const inv = await runner.run(['probe', '--probe-config-home']);
    const data = (inv.json as { data: { uid: number; probe: string; cwdWritable: boolean } }).data;
    expect(data.uid).toBe(65534);
    expect(data.probe).toBe('EACCES');
    expect(data.cwdWritable).toBe(true);
    expect(inv.uid).toBe(65534);
    expect(inv.fsChanges).toEqual([{ path: 'work/probe.txt', kind: 'added', mode: '0644', size: 2, entryType: 'file' }]);

    // The network guard can still log as that uid (0.0.0.0 is refused by the guard and harmless without it).
    const refused = await runner.run(['connect', '--connect-unspecified']);
    expect((refused.json as { data: { connect: string } }).data.connect).toBe('ENETUNREACH');
    expect(refused.networkAttempts).toEqual([{ host: '0.0.0.0', port: 9, outcome: 'blocked', api: 'net.connect' }]);
  } finally {
    await sandbox.dispose();
  }
  expect(existsSync(sandbox.root)).toBe(false);
});

test('unprivileged-uid with the package and its --node Node in a root-only folder (the cache under /root): both run from readable stand-ins', async () => {
  test.skip(process.getuid?.() !== 0, 'needs root to switch uid');
  const privateDir = await fs.mkdtemp(path.join(os.tmpdir(), 'isc-root-only-'));
  let sandbox: Sandbox | null = null;
  try {
    sandbox = await createSandbox({ label: 'uid-node' });
    await fs.chmod(privateDir, 0o700);
    const pkg = path.join(privateDir, 'ok-json');
    await fs.cp(path.join(CLIS, 'ok-json'), pkg, { recursive: true });
    const node = path.join(privateDir, 'node');
    await fs.link(process.execPath, node).catch(() => fs.copyFile(process.execPath, node));
    const target = withNodeRuntime(await resolveTarget(pkg), { path: node, version: process.version });
    await makeConfigHomeUnwritable(sandbox, 'unprivileged-uid');
    const runner = createCliRunner({ target, sandbox, fakeUrl: 'http://127.0.0.1:9' });
    const inv = await runner.run(['probe', '--probe-config-home']);
    expect(inv.exitCode, inv.stderr).toBe(0);
    expect((inv.json as { data: { uid: number } }).data.uid).toBe(65534);
  } finally {
    await sandbox?.dispose();
    await fs.rm(privateDir, { recursive: true, force: true });
  }
});

test('file-in-path: a regular file where the config home should be refuses even root', async () => {
  const sandbox = await createSandbox({ label: 'file-in-path' });
  try {
    expect(await makeConfigHomeUnwritable(sandbox, 'file-in-path')).toBeNull();
    expect((await fs.lstat(sandbox.configHome)).isFile()).toBe(true);
    const runner = createCliRunner({ target: await resolveTarget(path.join(CLIS, 'ok-json')), sandbox, fakeUrl: 'http://127.0.0.1:9' });
    const inv = await runner.run(['probe', '--probe-config-home']);
    expect((inv.json as { data: { probe: string } }).data.probe).toBe('ENOTDIR');
    expect(inv.uid).toBeNull();
  } finally {
    await sandbox.dispose();
  }
});

test('SIGINT to a harness process removes its sandboxes and kills its CLI process groups', async () => {
  test.setTimeout(30_000);
  const child = execa(process.execPath, ['--import', 'tsx', path.join(CLIS, 'harness-interrupted.ts')], { reject: false, stdin: 'ignore' });
  const info = await new Promise<{ root: string; metaDir: string; grandchildPid: number }>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      if (buf.includes('\n')) resolve(JSON.parse(buf.split('\n')[0]));
    });
    void child.then((r) => reject(new Error(`harness exited early: ${r.stderr}`)));
  });
  expect(existsSync(info.root)).toBe(true);
  child.kill('SIGINT');
  const result = await child;
  expect(result.signal).toBe('SIGINT');
  expect(existsSync(info.root)).toBe(false);
  expect(existsSync(info.metaDir)).toBe(false);
  const gone = () => {
    try {
      return readFileSync(`/proc/${info.grandchildPid}/stat`, 'utf8').split(' ')[2] === 'Z';
    } catch {
      return true;
    }
  };
  await expect.poll(gone, { timeout: 2000 }).toBe(true);
});
