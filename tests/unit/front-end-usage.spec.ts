/**
 * The front end's usage texts: every flag a command parses is listed in its `--help`, and
 * every listed flag is one the command parses (no hidden flags, no stale ones); `--help` on
 * every command and `--version` answer with exit 0.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMMAND_USAGE, isCommandName } from '../../harness/cli/usage.js';
import { isRecord } from '../../harness/json.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

/** Where each command declares its flags: the file, and the text that opens the options object. */
const DECLARED: Record<string, { file: string; marker: string }> = {
  run: { file: 'harness/cli/run-command.ts', marker: "parseFlags('run'" },
  diff: { file: 'harness/cli/diff-command.ts', marker: "parseFlags('diff'" },
  proof: { file: 'harness/cli/proof-command.ts', marker: "parseFlags('proof'" },
  'verify-proof': { file: 'harness/cli/proof-command.ts', marker: "parseFlags('verify-proof'" },
  mutate: { file: 'harness/mutation/mutate-command.ts', marker: "parseFlags('mutate'" },
  serve: { file: 'harness/fake/serve-args.ts', marker: 'options: {' },
  setup: { file: 'harness/cli/setup-command.ts', marker: "parseFlags('setup'" },
  matrix: { file: 'harness/report/matrix/command.ts', marker: "parseFlags('matrix'" },
};

function declaredFlags(command: string): string[] {
  const { file, marker } = DECLARED[command];
  const text = readFileSync(join(root, file), 'utf8');
  const start = text.indexOf(marker);
  expect(start, `${marker} in ${file}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + marker.length);
  const end = rest.search(/\}\s*(,\s*(true|false))?\s*\)|strict:/);
  const block = rest.slice(0, end);
  return [...block.matchAll(/'?([a-z][a-z-]*)'?:\s*\{\s*type:/g)].map((m) => `--${m[1]}`).sort();
}

function listedFlags(usage: string): string[] {
  return [...new Set([...usage.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]))].filter((f) => f !== '--help').sort();
}

test('every command has a usage text, and it lists exactly the flags the command parses', () => {
  expect(Object.keys(COMMAND_USAGE).sort()).toEqual(Object.keys(DECLARED).sort());
  for (const command of Object.keys(DECLARED)) {
    expect(isCommandName(command)).toBe(true);
    const usage = isCommandName(command) ? COMMAND_USAGE[command] : '';
    expect(listedFlags(usage), `usage of ${command}`).toEqual(declaredFlags(command));
  }
});

test('--help on every command and --version exit 0', async () => {
  test.setTimeout(120_000);
  for (const command of Object.keys(COMMAND_USAGE)) {
    const r = await execa(process.execPath, [bin, command, '--help'], { reject: false, timeout: 60_000 });
    expect(r.exitCode, `${command} --help`).toBe(0);
    expect(r.stdout).toContain(`usage: image-skill-conformance ${command}`);
  }
  const manifest: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
  const version = isRecord(manifest) ? String(manifest.version) : '';
  const v = await execa(process.execPath, [bin, '--version'], { reject: false, timeout: 60_000 });
  expect(v.exitCode).toBe(0);
  expect(v.stdout).toBe(`image-skill-conformance ${version} (node ${process.version})`);
  const bad = await execa(process.execPath, [bin, 'run', '--no-such-flag'], { reject: false, timeout: 60_000 });
  expect(bad.exitCode).toBe(2);
  expect(bad.stderr).toContain('usage: image-skill-conformance run');
});
