import { test, expect } from '@playwright/test';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { describeTarget, resolveTarget } from '../../harness/target/resolve.js';
import { TargetError } from '../../harness/target/types.js';
import { packFolder, startLoopbackRegistry } from './helpers/loopback-registry.js';

const CLIS = path.resolve('tests/fixtures/clis');

let scratch: string;
const savedNpmCache = process.env.npm_config_cache;
test.beforeEach(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'isc-target-test-'));
  // npm's own cache goes into the scratch dir too, so the tests leave nothing behind.
  process.env.npm_config_cache = path.join(scratch, 'npm-cache');
});
test.afterEach(async () => {
  if (savedNpmCache === undefined) delete process.env.npm_config_cache;
  else process.env.npm_config_cache = savedNpmCache;
  await fs.rm(scratch, { recursive: true, force: true });
});

async function targetError(spec: string, opts = {}): Promise<TargetError> {
  const err = await resolveTarget(spec, { cacheDir: path.join(scratch, 'cache'), ...opts }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TargetError);
  return err as TargetError;
}

test('a package directory resolves to its image-skill bin, run by node, with its documents', async () => {
  const t = await resolveTarget(path.join(CLIS, 'ok-json'));
  expect(t.kind).toBe('directory');
  expect(t.name).toBe('image-skill');
  expect(t.version).toBe('0.0.0-fixture');
  expect(t.isNode).toBe(true);
  expect(t.command).toEqual([process.execPath, path.join(CLIS, 'ok-json', 'bin', 'image-skill.mjs')]);
  expect(t.integrity).toMatch(/^sha256-[0-9a-f]{64}$/);
  expect(Object.keys(t.documents).sort()).toEqual(['cli.md', 'llms.txt']);
  expect(t.documents['cli.md']).toContain('fixture cli.md');
  expect(describeTarget(t)).toMatch(/^image-skill 0\.0\.0-fixture \(directory .*ok-json, integrity sha256-.*, ships cli\.md, llms\.txt\)$/);
});

test('a non-Node bin must be executable; an executable one is run directly', async () => {
  const ok = await resolveTarget(path.join(CLIS, 'shell-cli'));
  expect(ok.isNode).toBe(false);
  expect(ok.command).toEqual([path.join(CLIS, 'shell-cli', 'bin', 'run.sh')]);
  const err = await targetError(path.join(CLIS, 'not-executable'));
  expect(err.message).toContain('not executable');
  expect(err.target).toContain('not-executable');
});

test('missing paths, packages without bin and bins without a file fail with the cause', async () => {
  expect((await targetError(path.join(CLIS, 'nope'))).message).toMatch(/cannot use CLI target ".*nope": .*does not exist/);
  expect((await targetError(path.join(CLIS, 'no-bin'))).message).toContain('no "bin" entry');
  expect((await targetError(path.join(CLIS, 'missing-bin-file'))).message).toContain('bin/gone.mjs, which does not exist');
  expect((await targetError(CLIS + '/not-json.mjs')).message).toContain('not a .tgz');
  expect((await targetError(scratch)).message).toContain('no package.json');
});

test('a .tgz made by npm pack is extracted once into the cache and identified by its sha256', async () => {
  const tgz = await packFolder(path.join(CLIS, 'ok-json'), scratch);
  const cacheDir = path.join(scratch, 'cache');
  const t = await resolveTarget(tgz, { cacheDir });
  const sha = createHash('sha256').update(new Uint8Array(await fs.readFile(tgz))).digest('hex');
  expect(t.kind).toBe('tarball');
  expect(t.integrity).toBe(`sha256-${sha}`);
  expect(t.packageDir?.startsWith(cacheDir)).toBe(true);
  expect(t.documents['llms.txt']).toContain('fixture llms.txt');
  const { stdout } = await execa(t.command[0], [...t.command.slice(1), 'hello']);
  expect(JSON.parse(stdout).data.args).toEqual(['hello']);

  // Second resolution reuses the entry (same dir, no new extraction).
  const entries = await fs.readdir(cacheDir);
  const again = await resolveTarget(tgz, { cacheDir });
  expect(again.packageDir).toBe(t.packageDir);
  expect(await fs.readdir(cacheDir)).toEqual(entries);
});

test('cmd: splits like a shell, finds the program on PATH, and refuses what it cannot run', async () => {
  const t = await resolveTarget(`cmd:node '${CLIS}/ok-json/bin/image-skill.mjs' "extra arg"`);
  expect(t.kind).toBe('command');
  expect(t.isNode).toBe(true);
  expect(path.basename(t.command[0])).toBe('node');
  expect(t.command.slice(1)).toEqual([`${CLIS}/ok-json/bin/image-skill.mjs`, 'extra arg']);
  expect(t.integrity).toBeNull();
  expect(describeTarget(t)).toContain('command ');

  const sh = await resolveTarget(`cmd:${CLIS}/shell-cli/bin/run.sh`);
  expect(sh.isNode).toBe(false);

  expect((await targetError('cmd:isc-no-such-program-here --json')).message).toContain('not found on PATH');
  expect((await targetError(`cmd:${CLIS}/not-executable/bin/run.sh`)).message).toContain('not an executable file');
  expect((await targetError('cmd:node x.mjs | tee out')).message).toContain('needs a shell');
});

test('reference and reference:<mutant> use fixtures/reference-cli and validate the mutant name', async () => {
  const repoRoot = path.join(scratch, 'repo');
  const ref = path.join(repoRoot, 'fixtures', 'reference-cli');
  await fs.mkdir(path.join(ref, 'bin'), { recursive: true });
  await fs.writeFile(path.join(ref, 'package.json'), JSON.stringify({ name: 'image-skill', version: '0.1.25', bin: { 'image-skill': 'bin/image-skill.mjs' } }));
  await fs.writeFile(path.join(ref, 'bin', 'image-skill.mjs'), '#!/usr/bin/env node\n');
  await fs.writeFile(path.join(ref, 'skill.md'), '# skill\n');

  const plain = await resolveTarget('reference', { repoRoot });
  expect(plain.kind).toBe('reference');
  expect(plain.env).toEqual({});
  expect(plain.mutant).toBeNull();
  expect(Object.keys(plain.documents)).toEqual(['skill.md']);

  // Without mutants.json any well-formed name is accepted.
  expect((await resolveTarget('reference:leaks-token', { repoRoot })).env).toEqual({ ISC_REFERENCE_MUTANT: 'leaks-token' });

  await fs.writeFile(path.join(ref, 'mutants.json'), JSON.stringify([{ name: 'leaks-token' }, { name: 'wrong-exit' }]));
  const mutant = await resolveTarget('reference:wrong-exit', { repoRoot });
  expect(mutant.mutant).toBe('wrong-exit');
  expect(mutant.env.ISC_REFERENCE_MUTANT).toBe('wrong-exit');
  expect(describeTarget(mutant)).toContain('mutant wrong-exit');
  const err = await targetError('reference:no-such-mutant', { repoRoot });
  expect(err.message).toContain('unknown mutant "no-such-mutant"');
  expect(err.message).toContain('leaks-token, wrong-exit');

  expect((await targetError('reference', { repoRoot: scratch })).message).toContain('reference-cli');
});

test('npm: for a package the registry does not have fails fast with npm exit info', async () => {
  const registry = await startLoopbackRegistry(null);
  try {
    const started = Date.now();
    const err = await targetError('npm:does-not-exist', { npmRegistry: registry.url });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(err.message).toContain('npm view does-not-exist failed (exit 1)');
    expect(err.message).toMatch(/E404|404/);
    expect(registry.requests.some((r) => r.startsWith('GET /does-not-exist'))).toBe(true);
  } finally {
    await registry.close();
  }
});

test('npm: installs the version once into a cache keyed by its integrity', async () => {
  test.setTimeout(60_000);
  const tgzPath = await packFolder(path.join(CLIS, 'ok-json'), scratch);
  const registry = await startLoopbackRegistry({ name: 'image-skill', version: '0.0.0-fixture', tgz: await fs.readFile(tgzPath) });
  const cacheDir = path.join(scratch, 'cache');
  try {
    const t = await resolveTarget('npm:image-skill@0.0.0-fixture', { cacheDir, npmRegistry: registry.url });
    expect(t.kind).toBe('npm');
    expect(t.name).toBe('image-skill');
    expect(t.version).toBe('0.0.0-fixture');
    expect(t.integrity).toMatch(/^sha512-/);
    const key = createHash('sha256').update(t.integrity ?? '').digest('hex').slice(0, 32);
    expect(t.packageDir).toBe(path.join(cacheDir, `npm-${key}`, 'node_modules', 'image-skill'));
    expect(t.documents['cli.md']).toBeDefined();
    expect(describeTarget(t)).toContain('npm image-skill@0.0.0-fixture');

    const tarballFetches = () => registry.requests.filter((r) => r.endsWith('.tgz')).length;
    const before = tarballFetches();
    const again = await resolveTarget('npm:image-skill@0.0.0-fixture', { cacheDir, npmRegistry: registry.url });
    expect(again.packageDir).toBe(t.packageDir);
    expect(tarballFetches()).toBe(before);
  } finally {
    await registry.close();
  }
});
