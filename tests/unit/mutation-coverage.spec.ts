/**
 * Mutant coverage: the reference CLI records the switches it consults when (and only when)
 * ISC_REFERENCE_COVERAGE names a folder, and the harness reads those records per test.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCoverage, switchesInRecord } from '../../harness/mutation/coverage.js';
import { TEST_META_FILE } from '../../harness/mutation/gate.js';
import { keyFolderName, testKey, testListLine, testRef } from '../../harness/mutation/test-key.js';

const BIN = fileURLToPath(new URL('../../fixtures/reference-cli/bin/image-skill.mjs', import.meta.url));

let work = '';
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mutation-coverage-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

function runReference(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: work, IMAGE_SKILL_API_BASE_URL: 'http://127.0.0.1:9', IMAGE_SKILL_NO_TELEMETRY: '1', ...env },
    input: '',
    encoding: 'utf8',
    timeout: 15_000,
  });
}

test('the reference writes one record per process naming where it ran and each switch it consulted once', () => {
  const dir = join(work, 'records');
  mkdirSync(dir);
  // An unknown flag: argument parsing consults the flag-list switches, the envelope the output ones.
  const r = runReference(['signup', '--no-such-flag', '--json'], { ISC_REFERENCE_COVERAGE: dir });
  expect(r.status).toBe(2);
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  const text = readFileSync(join(dir, files[0]), 'utf8');
  const where = JSON.parse(text.split('\n')[0]) as Record<string, unknown>;
  expect(where.home).toBe(work);
  const switches = switchesInRecord(text, files[0]);
  expect(switches).toEqual(expect.arrayContaining(['save-flag-rejected', 'human-email-alias-rejected', 'missing-trace-id']));
  expect(new Set(switches).size).toBe(switches.length);
  // No switch of a command that did not run.
  expect(switches).not.toContain('guide-posts-request');
});

test('without the variable the reference writes no record and answers the same', () => {
  const jsonl = () => readdirSync(work, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.jsonl')).sort();
  const before = jsonl();
  const plain = runReference(['signup', '--no-such-flag', '--json'], {});
  expect(jsonl()).toEqual(before);
  const recorded = runReference(['signup', '--no-such-flag', '--json'], { ISC_REFERENCE_COVERAGE: join(work, 'records') });
  expect(jsonl()).toHaveLength(before.length + 1);
  expect(plain.status).toBe(recorded.status);
  const strip = (s: string) => s.replace(/"trace_id":\s*"[^"]*"/g, '');
  expect(strip(plain.stdout)).toBe(strip(recorded.stdout));
});

test('readCoverage joins a test folder\'s records; bad records are named', async () => {
  const root = join(work, 'coverage');
  const ref = { file: 'scenarios/a.spec.ts', titles: ['group', 'does a thing'] };
  const folder = join(root, keyFolderName(testKey(ref)));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, TEST_META_FILE), JSON.stringify(ref));
  writeFileSync(join(folder, '1-aa.jsonl'), '{"home":"/h","cwd":"/w","tmp":null}\n"b-switch"\n"a-switch"\n');
  writeFileSync(join(folder, '2-bb.jsonl'), '{"home":"/h","cwd":"/w","tmp":null}\n"b-switch"\n');
  writeFileSync(join(folder, '3-cc.jsonl'), '{"home":"/h","cwd":"/w","tmp":null}\n');
  const [c] = await readCoverage(root);
  expect(c).toEqual({ key: 'scenarios/a.spec.ts › group › does a thing', ref, switches: ['a-switch', 'b-switch'], processes: 3 });
  expect(() => switchesInRecord('{}\nnot json\n', 'rec.jsonl')).toThrow(/rec\.jsonl: line 2 is not a JSON string/);
});

test('test keys and test-list lines name a test by file and titles; a › in a title is refused', () => {
  const ref = testRef('/repo', '/repo/scenarios/x.spec.ts', ['x.spec.ts', 'describe', 'title']);
  expect(ref).toEqual({ file: 'scenarios/x.spec.ts', titles: ['describe', 'title'] });
  expect(testListLine(ref, 'mutants')).toBe('[mutants] › scenarios/x.spec.ts › describe › title');
  expect(() => testListLine({ file: 'f.ts', titles: ['a › b'] }, 'p')).toThrow(/contains ›/);
  expect(keyFolderName(testKey(ref))).toMatch(/^[0-9a-f]{16}$/);
});
