/**
 * What a run leaves and prints: no empty folders (Playwright makes an output folder for every
 * test; only a failing one keeps a file), and the paths it prints (Error Context, stack
 * frames) are absolute or relative to the folder the command ran in, and exist.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeEmptyFolders } from '../../harness/cli/playwright.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

async function emptyFolders(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!e.isDirectory()) continue;
    const sub = join(dir, e.name);
    if ((await readdir(sub)).length === 0) found.push(sub);
    else found.push(...(await emptyFolders(sub)));
  }
  return found;
}

test('removeEmptyFolders removes empty folders at any depth, and the folder itself once empty; files stay', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'isc-prune-'));
  try {
    await mkdir(join(dir, 'out', 'a', 'b', 'c'), { recursive: true });
    await mkdir(join(dir, 'out', 'kept', 'empty'), { recursive: true });
    await writeFile(join(dir, 'out', 'kept', 'error-context.md'), 'x');
    expect(await removeEmptyFolders(join(dir, 'out'))).toBe(4);
    expect(existsSync(join(dir, 'out', 'a'))).toBe(false);
    expect(await readdir(join(dir, 'out', 'kept'))).toEqual(['error-context.md']);
    await mkdir(join(dir, 'bare', 'x'), { recursive: true });
    expect(await removeEmptyFolders(join(dir, 'bare'))).toBe(2);
    expect(existsSync(join(dir, 'bare'))).toBe(false);
    expect(await removeEmptyFolders(join(dir, 'no-such-folder'))).toBe(0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a run with a failure leaves no empty folder, and prints paths that exist from where it ran', async () => {
  test.setTimeout(180_000);
  const cwd = await mkdtemp(join(tmpdir(), 'isc-output-paths-'));
  try {
    const args = ['run', '--cli', 'reference:config-mode-0644', '--grep', 'default signup saves|doctor reports', '--workers', '1'];
    const r = await execa(process.execPath, [bin, ...args], { cwd, reject: false, timeout: 170_000, env: { ...process.env, CI: '' } });
    expect(r.exitCode, `${r.stdout}\n${r.stderr}`).toBe(1);
    expect(await emptyFolders(cwd)).toEqual([]);
    // Colours or not (the unit run's worker may force them), the text without escapes.
    const stdout = r.stdout.replace(/\u001b\[[0-9;]*m/g, '');
    const contexts = [...stdout.matchAll(/Error Context: (\S+)/g)].map((m) => m[1]);
    expect(contexts.length).toBe(1);
    for (const p of contexts) {
      expect(isAbsolute(p) || !p.startsWith('..'), p).toBe(true);
      expect(existsSync(resolve(cwd, p)), p).toBe(true);
    }
    const frames = [...stdout.matchAll(/^\s+at (?:.* \()?(\/[^():]+):\d+:\d+\)?$/gm)].map((m) => m[1]);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((f) => !existsSync(f))).toEqual([]);
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
});
