import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { anvilPlatformPackage, resolveAnvilBinary } from '../../harness/chain/anvil-binary.js';
import { anvilOptionsFor, startAnvil } from '../../harness/chain/anvil.js';
import { resolveForkUrl, startChain } from '../../harness/chain/index.js';
import { isProcessAlive } from '../../harness/chain/process-registry.js';

const CHILD_SCRIPT = 'tests/unit/fixtures-chain/start-chain-child.ts';

async function waitUntilGone(pid: number, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return !isProcessAlive(pid);
}

test('anvil binary comes from the @foundry-rs platform package', () => {
  expect(anvilPlatformPackage('linux', 'x64')).toBe('@foundry-rs/anvil-linux-amd64');
  expect(anvilPlatformPackage('darwin', 'arm64')).toBe('@foundry-rs/anvil-darwin-arm64');
  expect(() => anvilPlatformPackage('linux', 'ia32')).toThrow(/ia32/);
  const binary = resolveAnvilBinary();
  expect(binary).toContain(`node_modules/${anvilPlatformPackage()}/bin/anvil`);
  expect(existsSync(binary)).toBe(true);
});

test('fork option wiring: env default, explicit null, and anvil flags', () => {
  expect(resolveForkUrl({}, {})).toBeUndefined();
  expect(resolveForkUrl({}, { BASE_RPC_URL: '  ' })).toBeUndefined();
  expect(resolveForkUrl({}, { BASE_RPC_URL: 'http://127.0.0.1:9/rpc' })).toBe('http://127.0.0.1:9/rpc');
  expect(resolveForkUrl({ forkUrl: null }, { BASE_RPC_URL: 'http://127.0.0.1:9/rpc' })).toBeUndefined();
  expect(resolveForkUrl({ forkUrl: 'http://127.0.0.1:7' }, { BASE_RPC_URL: 'http://127.0.0.1:9' })).toBe('http://127.0.0.1:7');

  const local = anvilOptionsFor({ port: 4321 }, '/bin/anvil');
  expect(local).toMatchObject({ anvilBinary: '/bin/anvil', host: '127.0.0.1', port: 4321, chainId: 8453 });
  expect(local).not.toHaveProperty('forkUrl');
  const fork = anvilOptionsFor({ port: 4321, forkUrl: 'http://127.0.0.1:9/rpc' }, '/bin/anvil');
  expect(fork).toMatchObject({ forkUrl: 'http://127.0.0.1:9/rpc', chainId: 8453 });
  expect(fork.startTimeout ?? 0).toBeGreaterThan(local.startTimeout ?? 0);
});

test('stop() leaves no anvil process behind', async () => {
  const anvil = await startAnvil();
  expect(anvil.pid).toBeDefined();
  const pid = anvil.pid ?? -1;
  expect(isProcessAlive(pid)).toBe(true);
  expect(anvil.rpcUrl).toBe(`http://127.0.0.1:${anvil.port}`);
  await anvil.stop();
  expect(isProcessAlive(pid)).toBe(false);
  await anvil.stop(); // idempotent
});

test('a started chain leaves no anvil process after stop()', async () => {
  const chain = await startChain({ forkUrl: null });
  const pid = chain.anvilPid ?? -1;
  expect(isProcessAlive(pid)).toBe(true);
  await chain.stop();
  expect(isProcessAlive(pid)).toBe(false);
});

test('two instances get different ports', async () => {
  const [a, b] = await Promise.all([startAnvil(), startAnvil()]);
  try {
    expect(a.port).not.toBe(b.port);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

for (const mode of ['wait', 'throw', 'exit'] as const) {
  // A child node process with tsx: a few seconds, more on a busy machine.
  test(`a child process that started a chain leaves no anvil after ${mode === 'wait' ? 'SIGINT' : mode}`, async () => {
    test.setTimeout(60_000);
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD_SCRIPT, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    try {
      let stdout = '';
      const anvilPid = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /"anvilPid":(\d+)/.exec(stdout);
          if (match) resolve(Number(match[1]));
        });
        void exited.then(() => reject(new Error(`child exited before reporting a pid: ${stdout}`)));
      });
      if (mode === 'wait') {
        expect(isProcessAlive(anvilPid)).toBe(true);
        child.kill('SIGINT');
      }
      const result = await exited;
      if (mode === 'wait') expect(result.signal).toBe('SIGINT');
      if (mode === 'throw') expect(result.code).toBe(1);
      if (mode === 'exit') expect(result.code).toBe(0);
      expect(await waitUntilGone(anvilPid)).toBe(true);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
}
