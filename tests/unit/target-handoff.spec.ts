/**
 * The target is resolved once by the front end and handed to workers; a package must be named
 * image-skill; the build cache lives under the user's cache home; --node swaps the Node of a
 * Node CLI; the browser set-up finds before it installs and says what it did; setup --node says where that Node is.
 */
import { test, expect } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseResolvedTarget, readTargetFile, targetForWorker, TARGET_FILE_ENV, writeTargetFile } from '../../harness/target/handoff.js';
import { assertImageSkillPackage } from '../../harness/target/name-check.js';
import { defaultCacheDir, CACHE_DIR_ENV } from '../../harness/target/cache.js';
import { withNodeRuntime } from '../../harness/target/node-runtime.js';
import { matchesVersion } from '../../harness/target/registry-need.js';
import { TargetError, type ResolvedTarget } from '../../harness/target/types.js';
import { ensureBrowser, type BrowserSetupSteps } from '../../harness/cli/browser-setup.js';
import { nodeLine } from '../../harness/cli/setup-command.js';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

function target(over: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return {
    spec: '.',
    kind: 'directory',
    name: 'image-skill',
    version: '0.1.25',
    integrity: 'sha256-ab',
    command: ['/usr/bin/node', '/repo/bin/image-skill.mjs'],
    isNode: true,
    env: {},
    packageDir: '/repo',
    documents: { 'cli.md': '# cli' },
    mutant: null,
    ...over,
  };
}

test('a handed-over target survives the round trip; a malformed one names the bad field', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-handoff-'));
  try {
    const file = join(dir, 't.json');
    await writeTargetFile(file, target());
    expect(await readTargetFile(file)).toEqual(target());
    expect(() => parseResolvedTarget({ ...target(), command: [] })).toThrow(/"command"/);
    expect(() => parseResolvedTarget({ ...target(), kind: 'weird' })).toThrow(/"kind"/);
    expect(() => parseResolvedTarget({ ...target(), env: { A: 1 } })).toThrow(/"env\.A"/);
    await writeFile(file, '{');
    await expect(readTargetFile(file)).rejects.toThrow(/cannot read the resolved target/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('workers use the handed-over target for its spec, and resolve other specs themselves', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-handoff-'));
  try {
    const file = join(dir, 't.json');
    // A spec that would resolve differently from the worker's cwd: the file wins.
    await writeTargetFile(file, target({ spec: './no/such/dir' }));
    const handed = await targetForWorker('./no/such/dir', file);
    expect(handed.packageDir).toBe('/repo');
    const own = await targetForWorker('reference', file);
    expect(own.kind).toBe('reference');
    await expect(targetForWorker('./no/such/dir', null)).rejects.toThrow(TargetError);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('only a package named image-skill passes, unless --allow-any-name; commands have no name to check', () => {
  expect(() => assertImageSkillPackage(target(), false)).not.toThrow();
  const other = target({ name: 'image-skill-conformance', version: '0.2.0', packageDir: '/x' });
  expect(() => assertImageSkillPackage(other, false)).toThrow(/"image-skill-conformance"@0\.2\.0 in \/x, not "image-skill".*--allow-any-name/);
  expect(() => assertImageSkillPackage(other, true)).not.toThrow();
  expect(() => assertImageSkillPackage(target({ name: null }), false)).toThrow(/without a "name"/);
  expect(() => assertImageSkillPackage(target({ kind: 'command', name: null, packageDir: null }), false)).not.toThrow();
});

test('the build cache: ISC_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache', () => {
  expect(defaultCacheDir({ [CACHE_DIR_ENV]: '/c', XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/c');
  expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/x/image-skill-conformance/targets');
  expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.cache/image-skill-conformance/targets');
  expect(defaultCacheDir({}, '/home/u')).toBe('/home/u/.cache/image-skill-conformance/targets');
});

test('--node: versions match by prefix; only a Node CLI gets another Node', () => {
  expect(matchesVersion('v22.11.0', '22')).toBe(true);
  expect(matchesVersion('v22.11.0', 'v22.11')).toBe(true);
  expect(matchesVersion('v22.11.0', '2')).toBe(false);
  expect(matchesVersion('v24.1.0', '22')).toBe(false);
  const swapped = withNodeRuntime(target(), { path: '/opt/node24/bin/node', version: 'v24.1.0' });
  expect(swapped.command).toEqual(['/opt/node24/bin/node', '/repo/bin/image-skill.mjs']);
  expect(() => withNodeRuntime(target({ isNode: false, command: ['/repo/bin/cli'] }), { path: '/n', version: 'v24.1.0' })).toThrow(/Node CLIs only/);
});

test('browser set-up: found means nothing installed; else Playwright, then the system installer, each step reported', async () => {
  const calls: string[] = [];
  const steps = (found: Array<string | null>, playwright: string | null, system: null | (string | null)): BrowserSetupSteps => ({
    find: () => found.shift() ?? null,
    installWithPlaywright: async () => {
      calls.push('playwright');
      return playwright;
    },
    systemInstaller: async () => (system === null ? null : { name: 'apt-get install -y chromium', run: async () => (calls.push('apt'), system === 'ok' ? null : system) }),
  });
  const present = await ensureBrowser(steps(['/usr/bin/chromium'], null, null));
  expect(present).toEqual({ path: '/usr/bin/chromium', log: ['browser: found /usr/bin/chromium; nothing installed'] });
  expect(calls).toEqual([]);

  const viaPlaywright = await ensureBrowser(steps([null, '/pw/chrome'], null, null));
  expect(viaPlaywright.path).toBe('/pw/chrome');
  expect(viaPlaywright.log.at(-1)).toContain('installed Playwright\'s Chromium');

  const viaApt = await ensureBrowser(steps([null, '/usr/bin/chromium'], 'exit 1: download failed', 'ok'));
  expect(viaApt.path).toBe('/usr/bin/chromium');
  expect(viaApt.log.join('\n')).toContain('download failed');
  expect(viaApt.log.at(-1)).toContain('installed the system package with "apt-get install -y chromium"');

  const none = await ensureBrowser(steps([null], 'exit 1: offline', null));
  expect(none.path).toBeNull();
  expect(none.log.at(-1)).toContain('no system package manager');
  expect(calls).toEqual(['playwright', 'playwright', 'apt', 'playwright']);
});

test('setup --node <version> prints where that Node is (the line npm test reads); an empty one exits 2 naming it', async () => {
  const bin = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'bin', 'image-skill-conformance.mjs');
  // This process's own version resolves to this process's Node: no registry needed.
  const own = await execa(process.execPath, [bin, 'setup', '--node', process.version], { reject: false, timeout: 60_000 });
  expect(own.exitCode, own.stderr).toBe(0);
  expect(own.stdout.split('\n')).toContain(nodeLine(process.version, { version: process.version, path: process.execPath }));
  // bin/run-tests.mjs reads the version and the path from that line.
  expect(/^node \S+: (v\S+) at (.+)$/m.exec(own.stdout)?.slice(1)).toEqual([process.version, process.execPath]);
  const empty = await execa(process.execPath, [bin, 'setup', '--node', ''], { reject: false, timeout: 60_000 });
  expect(empty.exitCode).toBe(2);
  expect(empty.stderr).toContain('setup --node : needs a path to a node binary or a version such as 22');
});
