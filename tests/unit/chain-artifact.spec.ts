import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';

// Each case compiles the contract once with solc-js (a few seconds; more on a busy machine).
test.describe.configure({ timeout: 60_000 });

const SCRIPT = 'scripts/build-test-usdc.ts';
const ARTIFACT = 'harness/chain/artifacts/TestUSDC.json';

function runCheck(extraArgs: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, '--check', ...extraArgs], {
    encoding: 'utf8',
    timeout: 55_000,
  });
}

test('committed TestUSDC artifact is what the build script produces, byte for byte', () => {
  const committed = readFileSync(ARTIFACT, 'utf8');
  expect(committed.endsWith('}\n')).toBe(true);
  const parsed = JSON.parse(committed) as { compiler: { version: string; settings: { evmVersion: string } } };
  expect(parsed.compiler.version).toMatch(/^0\.8\.37\+commit\./);
  expect(parsed.compiler.settings.evmVersion).toBe('cancun');

  const check = runCheck([]);
  expect(check.status, check.stderr).toBe(0);
  expect(check.stdout).toContain('is up to date');
});

test('--check fails when one byte of the artifact differs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chain-artifact-'));
  try {
    const tampered = join(dir, 'TestUSDC.json');
    const original = readFileSync(ARTIFACT, 'utf8');
    const at = original.lastIndexOf('"0x') + 3;
    const flipped = original[at] === 'a' ? 'b' : 'a';
    writeFileSync(tampered, original.slice(0, at) + flipped + original.slice(at + 1));
    const bad = runCheck(['--artifact', tampered]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('differs from a fresh build');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
