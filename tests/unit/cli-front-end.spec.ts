/**
 * The image-skill-conformance front end as a user meets it: bad input gets exit 2 and a
 * message naming the problem; a broken CLI under test yields failing scenarios with a clear
 * message and a results.json, never a harness crash.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeProofBundle } from '../../harness/report/proof.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

function conformance(args: string[], env: Record<string, string> = {}) {
  return execa(process.execPath, [bin, ...args], { cwd: root, reject: false, env: { ...process.env, ...env }, timeout: 170_000 });
}

async function tempDir(t: string) {
  return mkdtemp(join(tmpdir(), `isc-fe-${t}-`));
}

test.describe('bad input', () => {
  test('unknown command and unknown flags exit 2 with usage', async () => {
    const unknown = await conformance(['frobnicate']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const flag = await conformance(['run', '--no-such-flag']);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toMatch(/no-such-flag/);
    const shard = await conformance(['run', '--shard', '3/2']);
    expect(shard.exitCode).toBe(2);
    expect(shard.stderr).toContain('--shard');
  });

  test('bad targets fail fast with exit 2 naming the target and the cause', async () => {
    const missing = await conformance(['run', '--cli', './no/such/cli.tgz']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('./no/such/cli.tgz');
    const noBin = await conformance(['run', '--cli', 'tests/fixtures/clis/no-bin']);
    expect(noBin.exitCode).toBe(2);
    expect(noBin.stderr).toMatch(/bin/);
    const notFound = await conformance(['run', '--cli', 'cmd:definitely-not-a-program-xyz --json']);
    expect(notFound.exitCode).toBe(2);
    expect(notFound.stderr).toContain('definitely-not-a-program-xyz');
    const diff = await conformance(['diff', '--base', 'reference', '--head', './nope']);
    expect(diff.exitCode).toBe(2);
    expect(diff.stderr).toContain('./nope');
    const diffMissing = await conformance(['diff', '--base', 'reference']);
    expect(diffMissing.exitCode).toBe(2);
    const mutant = await conformance(['run', '--cli', 'reference:no-such-mutant']);
    expect(mutant.exitCode).toBe(2);
    expect(mutant.stderr).toContain('no-such-mutant');
  });

  test('mutate rejects an unknown mutant name', async () => {
    const r = await conformance(['mutate', '--mutant', 'no-such-mutant']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('no-such-mutant');
  });
});

test.describe('verify-proof', () => {
  test('accepts an intact bundle, rejects unreadable and tampered ones', async () => {
    const dir = await tempDir('proof');
    try {
      const bundle = join(dir, 'bundle');
      await writeProofBundle(bundle, {
        transcripts: [{ id: 'inv-1', argv: ['create', '--guide'], stdout: '{}' }],
        journal: [{ seq: 1, method: 'GET', path: '/healthz', invocationId: 'inv-1' }],
        summary: { agent_contact: 'agent@example.invalid', steps: [{ invocation: 'inv-1' }] },
      });
      expect((await conformance(['verify-proof', bundle])).exitCode).toBe(0);

      const unreadable = await conformance(['verify-proof', join(dir, 'nothing-here')]);
      expect(unreadable.exitCode).toBe(1);
      expect(unreadable.stderr).toContain('nothing-here');

      const summary = join(bundle, 'summary.json');
      await writeFile(summary, (await readFile(summary, 'utf8')).replace('inv-1', 'inv-2'));
      const tampered = await conformance(['verify-proof', bundle]);
      expect(tampered.exitCode).toBe(1);
      expect(tampered.stderr).toContain('summary.json');

      expect((await conformance(['verify-proof'])).exitCode).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

test('serve prints its URL and environment lines, answers, and stops on SIGINT', async () => {
  const child = execa(process.execPath, [bin, 'serve', '--port', '0'], { cwd: root, reject: false });
  let out = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL: ${out}`)), 20_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /export IMAGE_SKILL_API_BASE_URL=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]);
      }
    });
  });
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  const health = await fetch(new URL('/healthz', url));
  expect(health.status).toBe(200);
  child.kill('SIGINT');
  const done = await child;
  expect(done.exitCode).toBe(0);
});

// The three broken CLIs run as three builds of one run (one Playwright invocation, a report
// folder each): every one gets failing scenarios with a clear message, none crashes the harness.
test('a broken CLI under test gives failing scenarios, not a harness crash: one that prints non-JSON, dies by a signal, hangs', async () => {
  test.setTimeout(180_000);
  const cases: Array<{ name: string; spec: string; expectText: RegExp }> = [
    { name: 'prints non-JSON', spec: 'cmd:node tests/fixtures/clis/not-json.mjs', expectText: /not JSON|not a JSON|is not JSON/i },
    { name: 'dies by a signal', spec: 'cmd:node tests/fixtures/clis/segfault.mjs', expectText: /SIGSEGV|signal/i },
    { name: 'hangs', spec: 'cmd:node tests/fixtures/front-end/hang.mjs', expectText: /timed out/i },
  ];
  const dir = await tempDir('broken');
  try {
    const args = ['run', ...cases.flatMap((c) => ['--cli', c.spec]), '--grep', 'discovery commands work', '--report-dir', dir];
    const r = await conformance(args, { ISC_INVOCATION_TIMEOUT_MS: '1500' });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr + r.stdout).not.toMatch(/image-skill-conformance run failed/);
    const bySpec = new Map<string, { summary: { failed: number }; scenarios: Array<{ errors: string[] }> }>();
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const file = join(dir, entry.name, 'results.json');
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const results = JSON.parse(await readFile(file, 'utf8'));
      bySpec.set(results.cli.spec, results);
    }
    for (const c of cases) {
      const results = bySpec.get(c.spec);
      expect(results, `a CLI that ${c.name}: no results.json for ${c.spec} in ${dir}`).toBeDefined();
      expect(results!.summary.failed, `a CLI that ${c.name}`).toBeGreaterThanOrEqual(1);
      expect(results!.scenarios.flatMap((x) => x.errors).join('\n'), `a CLI that ${c.name}`).toMatch(c.expectText);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('ISC_FRONT_END_BUILD: the bin runs a build only while it was built from the sources as they are; else it says so and runs the sources', async () => {
  test.setTimeout(120_000);
  // Inside the checkout (built modules find node_modules from there), removed afterwards.
  await mkdir(join(root, 'build'), { recursive: true });
  const out = await mkdtemp(join(root, 'build', 'test-front-end-'));
  try {
    const build = await execa(process.execPath, [join(root, 'scripts', 'build-package.mjs'), '--out', out], { reject: false });
    expect(build.exitCode, build.stderr).toBe(0);
    // Mark the build, to tell which one ran.
    await writeFile(join(out, 'harness', 'cli', 'main.js'), `${await readFile(join(out, 'harness', 'cli', 'main.js'), 'utf8')}\nconsole.error('ran the build');\n`);
    const fresh = await conformance(['--version'], { ISC_FRONT_END_BUILD: out });
    expect(fresh.exitCode).toBe(0);
    expect(fresh.stderr.trim()).toBe('ran the build');
    expect(fresh.stdout).toMatch(/^image-skill-conformance \d+\.\d+\.\d+ \(node v/);

    await writeFile(join(out, 'source-hash.txt'), 'not the hash of these sources\n');
    const stale = await conformance(['--version'], { ISC_FRONT_END_BUILD: out });
    expect(stale.exitCode).toBe(0);
    expect(stale.stderr).toContain(`ISC_FRONT_END_BUILD=${out} is a build of other sources; running the sources`);
    expect(stale.stderr).not.toContain('ran the build');

    const missing = await conformance(['--version'], { ISC_FRONT_END_BUILD: join(out, 'nothing-here') });
    expect(missing.stderr).toContain('is not a build; running the sources');
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});
