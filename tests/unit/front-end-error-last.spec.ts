/**
 * A usage error prints the usage text first and the error last on stderr, so that
 * `… 2>&1 | tail -1` shows what was wrong; the exit code is 2.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

const CASES: Array<{ args: string[]; usage: string; last: string }> = [
  { args: ['run', '--workers', 'x'], usage: 'usage: image-skill-conformance run', last: '--workers must be a positive integer, got "x"' },
  { args: ['run', '--shard', '3/2'], usage: 'usage: image-skill-conformance run', last: '--shard must look like i/n with 1 <= i <= n, got "3/2"' },
  { args: ['diff', '--base', 'reference', '--head', 'reference', '--fail-on', 'sometimes'], usage: 'usage: image-skill-conformance diff', last: '--fail-on must be regressed, changed or never, got "sometimes"' },
  { args: ['run', '--no-such-flag'], usage: 'usage: image-skill-conformance run', last: "run: Unknown option '--no-such-flag'" },
  { args: ['frobnicate'], usage: 'usage: image-skill-conformance <command>', last: 'unknown command "frobnicate"' },
];

for (const c of CASES) {
  test(`${c.args.join(' ')}: usage first, the error as the last line, exit 2`, async () => {
    const r = await execa(process.execPath, [bin, ...c.args], { cwd: root, reject: false, timeout: 60_000 });
    expect(r.exitCode).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[lines.length - 1].startsWith(c.last), r.stderr).toBe(true);
    expect(r.stderr.indexOf(c.usage)).toBeGreaterThanOrEqual(0);
    expect(r.stderr.indexOf(c.usage)).toBeLessThan(r.stderr.lastIndexOf(c.last));
  });
}
