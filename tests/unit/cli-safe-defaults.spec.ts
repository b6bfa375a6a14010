/**
 * Safe defaults of the front end: without --cli, `run`, `proof` and `diff --head` test the
 * image-skill package in the folder they run in, and the bundled reference only when there is
 * none; the first console line and summary.md's first line name the build (name, version,
 * path or `reference`). `--contract` takes a known version or a folder of documents, whose
 * documents the workers really judge against; anything else is exit 2 listing what it takes.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultCliTarget, localImageSkillPackage } from '../../harness/cli/default-target.js';
import { parseContractFlag } from '../../harness/cli/contract-flag.js';
import { UsageError } from '../../harness/cli/args.js';
import { knownContractVersions } from '../../harness/checks/schema-files.js';
import { loadResults } from '../../harness/report/results.js';
import { referenceDir } from '../../harness/target/reference.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');
const QUICK = 'doctor reports';

function conformance(cwd: string, args: string[]) {
  return execa(process.execPath, [bin, ...args], { cwd, reject: false, timeout: 170_000, env: { ...process.env, CI: '1' } });
}

let work = '';

test.beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'isc-safe-defaults-'));
});

test.afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true, maxRetries: 3 });
});

/** A copy of the reference CLI: a package named image-skill, as a maintainer's repository is. */
async function imageSkillRepo(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(referenceDir(root), dir, { recursive: true });
  return dir;
}

const reportOf = (stdout: string) => /\(report: (\S+)\)\s*$/m.exec(stdout)?.[1] ?? '';

test.describe('the default target', () => {
  test('the image-skill package in the folder, else the reference; a package.json that cannot be read is a usage error', async () => {
    const repo = await imageSkillRepo('unit-repo');
    expect(defaultCliTarget(repo)).toMatchObject({ spec: repo, local: true });
    expect(defaultCliTarget(repo).why).toContain(`the image-skill package in ${repo}`);
    expect(localImageSkillPackage(repo).dir).toBe(repo);

    const empty = join(work, 'unit-empty');
    await mkdir(empty);
    expect(defaultCliTarget(empty)).toMatchObject({ spec: 'reference', local: false });
    expect(defaultCliTarget(empty).why).toBe(`no --cli and no package.json in ${empty}: the bundled reference`);

    const other = join(work, 'unit-other');
    await mkdir(other);
    await writeFile(join(other, 'package.json'), JSON.stringify({ name: 'some-app' }));
    expect(defaultCliTarget(other).spec).toBe('reference');
    expect(defaultCliTarget(other).why).toContain('"some-app", not image-skill');
    expect(localImageSkillPackage(other).dir).toBeNull();

    const broken = join(work, 'unit-broken');
    await mkdir(broken);
    await writeFile(join(broken, 'package.json'), '{ "name": "image-skill",');
    expect(() => defaultCliTarget(broken)).toThrow(UsageError);
    expect(() => defaultCliTarget(broken)).toThrow(/not valid JSON.*--cli/);
  });

  test('run without --cli in an image-skill repository tests that repository, against a --contract folder\'s documents', async () => {
    test.setTimeout(180_000);
    const repo = await imageSkillRepo('repo');
    // Documents the harness knows no schema set for: only a run that reads them can name 9.9.9.
    const docs = join(work, 'docs-9.9.9');
    await mkdir(docs);
    await writeFile(join(docs, 'cli.md'), (await readFile(join(repo, 'cli.md'), 'utf8')).replaceAll('image-skill@0.1.25', 'image-skill@9.9.9'));
    const run = await conformance(repo, ['run', '--grep', QUICK, '--workers', '1', '--contract', '../docs-9.9.9']);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const first = run.stdout.split('\n')[0];
    expect(first).toMatch(new RegExp(`^CLI under test: image-skill 0\\.1\\.25 \\(directory ${repo},`));
    expect(first).toContain(`no --cli: the image-skill package in ${repo}`);
    expect(first).toContain(`contract: --contract ${docs}: its documents (cli.md), no known version`);
    const reportDir = reportOf(run.stdout);
    expect(reportDir.startsWith(join(repo, 'image-skill-conformance-report'))).toBe(true);
    const summary = await readFile(join(reportDir, 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toBe(`## ✅ PASS: image-skill@0.1.25 (${repo}) conformance`);
    const results = await loadResults(join(reportDir, 'results.json'));
    expect(results.cli).toMatchObject({ spec: repo, name: 'image-skill', version: '0.1.25' });
    // The workers built their schema set from the folder's documents, not the package's (0.1.25).
    expect(results.contract_version).toBe('9.9.9');
  });

  test('run without --cli in a folder with no image-skill package tests the reference, and says so first', async () => {
    test.setTimeout(180_000);
    const elsewhere = join(work, 'elsewhere');
    await mkdir(elsewhere);
    const run = await conformance(elsewhere, ['run', '--grep', QUICK, '--workers', '1']);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    const first = run.stdout.split('\n')[0];
    expect(first).toMatch(/^CLI under test: image-skill \d+\.\d+\.\d+ \(reference /);
    expect(first).toContain(`no --cli and no package.json in ${elsewhere}: the bundled reference`);
    const summary = await readFile(join(reportOf(run.stdout), 'summary.md'), 'utf8');
    expect(summary.split('\n')[0]).toMatch(/^## ✅ PASS: image-skill@\d+\.\d+\.\d+ \(reference\) conformance$/);
  });

  test('proof and run without --cli in a broken image-skill repository fail on that repository, never fall back to the reference', async () => {
    const repo = join(work, 'no-bin');
    await mkdir(repo);
    await writeFile(join(repo, 'package.json'), JSON.stringify({ name: 'image-skill', version: '9.0.0' }));
    for (const command of ['run', 'proof']) {
      const r = await conformance(repo, [command]);
      expect(r.exitCode, `${command}: ${r.stdout}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`cannot use CLI target "${repo}"`);
      expect(r.stdout).not.toContain('reference');
    }
  });

  test('diff: --head defaults to the image-skill package in the folder; with none there, both are required and the message says so', async () => {
    test.setTimeout(240_000);
    const elsewhere = join(work, 'diff-elsewhere');
    await mkdir(elsewhere);
    const noHead = await conformance(elsewhere, ['diff', '--base', 'reference']);
    expect(noHead.exitCode).toBe(2);
    expect(noHead.stderr.trimEnd().split('\n').pop()).toBe(`diff needs --head <target> (the new build): no --head given and no package.json in ${elsewhere}, so there is nothing to default to`);

    const repo = await imageSkillRepo('diff-repo');
    const noBase = await conformance(repo, ['diff']);
    expect(noBase.exitCode).toBe(2);
    expect(noBase.stderr.trimEnd().split('\n').pop()).toBe(`diff needs --base <target> or --base-from <report dir> (the old build); --head defaults to the image-skill package in ${repo}`);

    const out = join(work, 'diff-out');
    const diff = await conformance(repo, ['diff', '--base', 'reference', '--grep', QUICK, '--workers', '1', '--out', out]);
    expect(diff.exitCode, `${diff.stdout}\n${diff.stderr}`).toBe(0);
    expect(diff.stdout.split('\n')[1]).toMatch(new RegExp(`^head: image-skill 0\\.1\\.25 \\(directory ${repo},.*; no --head: the image-skill package in ${repo}$`));
    expect((await loadResults(join(out, 'head', 'results.json'))).cli.spec).toBe(repo);
    expect((await loadResults(join(out, 'base', 'results.json'))).cli.spec).toBe('reference');
  });
});

test.describe('--contract', () => {
  test('a known version, with or without v; a folder with a cli.md; anything else a usage error listing what it takes', async () => {
    const known = knownContractVersions();
    const newest = known[known.length - 1];
    expect(await parseContractFlag(undefined)).toBeNull();
    expect(await parseContractFlag(`v${newest}`)).toMatchObject({ version: newest, dir: null, env: { ISC_CONTRACT: newest } });

    const docs = join(work, 'flag-docs');
    await mkdir(docs);
    await cp(join(referenceDir(root), 'cli.md'), join(docs, 'cli.md'));
    const folder = await parseContractFlag(docs);
    expect(folder).toMatchObject({ version: '0.1.25', dir: docs, env: { ISC_CONTRACT_DIR: docs } });
    expect(folder?.source).toBe(`--contract ${docs}: its documents (cli.md), recognised as 0.1.25`);

    const takes = `--contract takes a known contract version (${known.join(', ')}) or a folder of contract documents (cli.md at least`;
    await expect(parseContractFlag('9.9.9')).rejects.toThrow(UsageError);
    await expect(parseContractFlag('9.9.9')).rejects.toThrow(takes);
    const noCliMd = join(work, 'flag-empty');
    await mkdir(noCliMd);
    await expect(parseContractFlag(noCliMd)).rejects.toThrow(`--contract ${noCliMd}: the folder holds no cli.md; ${takes}`);
  });

  test('run --contract 9.9.9 exits 2 before anything runs, the message last', async () => {
    const r = await conformance(work, ['run', '--contract', '9.9.9']);
    expect(r.exitCode).toBe(2);
    const last = r.stderr.trimEnd().split('\n').pop() ?? '';
    expect(last).toMatch(/^--contract 9\.9\.9: not a known contract version, and .* is not a folder; --contract takes a known contract version \(/);
    expect(r.stdout).toBe('');
  });
});
