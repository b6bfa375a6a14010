/**
 * The worker side of a mutation run (harness/mutation/gate.ts), driven with a stand-in
 * TestInfo: the coverage folder and the scheduled mutant reach the CLI through the target's
 * environment only while the test runs; a kill is recorded and declared expected (so the
 * worker is kept), and a killed mutant's later scenarios are skipped.
 */
import { test, expect } from '@playwright/test';
import type { TestInfo } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killMarker, mutationGate, mutationSettingsFromEnv, TEST_META_FILE } from '../../harness/mutation/gate.js';
import { repoRoot } from '../../harness/cli/paths.js';
import type { ResolvedTarget } from '../../harness/target/types.js';

class Skipped extends Error {}

function fakeInfo(titles: string[]) {
  const info = {
    file: join(repoRoot(), 'scenarios', 'x.spec.ts'),
    titlePath: ['x.spec.ts', ...titles],
    annotations: [] as Array<{ type: string; description?: string }>,
    status: 'passed' as TestInfo['status'],
    expectedStatus: 'passed' as TestInfo['expectedStatus'],
    skip(condition: boolean, reason: string) {
      if (condition) throw new Skipped(reason);
    },
  };
  return info;
}
const asInfo = (i: ReturnType<typeof fakeInfo>) => i as unknown as TestInfo;
const target = () => ({ env: {} as Record<string, string> }) as unknown as ResolvedTarget;

let work = '';
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'mutation-gate-'));
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('outside a mutation run the test just runs, with the target untouched', async () => {
  const t = target();
  let ran = false;
  await mutationGate(t, async () => void (ran = true), asInfo(fakeInfo(['a'])), mutationSettingsFromEnv({}));
  expect(ran).toBe(true);
  expect(t.env).toEqual({});
});

test('coverage pass: a folder per test, named in test.json, set only while the test runs', async () => {
  const t = target();
  const root = join(work, 'coverage');
  let seen: string | undefined;
  await mutationGate(t, async () => void (seen = t.env.ISC_REFERENCE_COVERAGE), asInfo(fakeInfo(['group', 'a'])), { coverageDir: root, scheduleFile: null, killsDir: null });
  expect(seen).toBeDefined();
  expect(t.env.ISC_REFERENCE_COVERAGE).toBeUndefined();
  const [folder] = readdirSync(root);
  expect(JSON.parse(readFileSync(join(root, folder, TEST_META_FILE), 'utf8'))).toEqual({ file: 'scenarios/x.spec.ts', titles: ['group', 'a'] });
});

test('rounds: a test runs its scheduled mutant; a kill is recorded and expected; a killed mutant is skipped later', async () => {
  const scheduleFile = join(work, 'schedule.json');
  const kills = join(work, 'kills');
  writeFileSync(scheduleFile, JSON.stringify({ tests: { 'scenarios/x.spec.ts › a': 'm-two', 'scenarios/x.spec.ts › b': 'm-one', 'scenarios/x.spec.ts › c': 'm-one' } }));
  const settings = { coverageDir: null, scheduleFile, killsDir: kills };
  const t = target();

  const second = fakeInfo(['a']);
  let mutantSeen: string | undefined;
  await mutationGate(t, async () => {
    mutantSeen = t.env.ISC_REFERENCE_MUTANT;
    second.status = 'failed';
  }, asInfo(second), settings);
  expect(mutantSeen).toBe('m-two');
  expect(t.env.ISC_REFERENCE_MUTANT).toBeUndefined();
  expect(second.expectedStatus).toBe('failed');
  expect(second.annotations).toEqual([{ type: 'mutant', description: 'm-two' }]);
  expect(readFileSync(killMarker(kills, 'm-two'), 'utf8')).toBe('scenarios/x.spec.ts › a');

  const survivor = fakeInfo(['b']);
  await mutationGate(t, async () => undefined, asInfo(survivor), settings);
  expect(survivor.expectedStatus).toBe('passed');
  expect(existsSync(killMarker(kills, 'm-one'))).toBe(false);

  await expect(mutationGate(t, async () => undefined, asInfo(fakeInfo(['not scheduled'])), settings)).rejects.toThrow(/no mutant scheduled/);
  writeFileSync(killMarker(kills, 'm-one'), 'elsewhere');
  await expect(mutationGate(t, async () => undefined, asInfo(fakeInfo(['c'])), settings)).rejects.toThrow(/m-one already killed/);
});
