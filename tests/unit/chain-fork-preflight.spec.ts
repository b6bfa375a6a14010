/**
 * Fork preflight: each bad upstream is refused before anything forks it, naming the problem:
 * an RPC that does not answer, a chain id other than 8453, no contract at Base's USDC address,
 * a USDC without FiatToken's minter views, a malformed or missing fork block. Then one case of
 * each kind through the front end (no answer, a failed check, a bad flag, a mode that cannot
 * fork): exit 2 before any scenario runs.
 */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getFreePort } from '../../harness/chain/free-port.js';
import { ForkPreflightError, describeRpcUrl, preflightFork, startBaseStandIn, startChain, type BaseStandIn, type ForkProblem } from '../../harness/chain/index.js';
import { networkModeForFork, prepareForkRun } from '../../harness/chain/fork-run-options.js';

test.describe.configure({ timeout: 90_000 });

async function problemOf(promise: Promise<unknown>): Promise<{ problem: ForkProblem; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ForkPreflightError);
    return { problem: (error as ForkPreflightError).problem, message: (error as Error).message };
  }
  throw new Error('expected a ForkPreflightError');
}

/** A TCP server that accepts and never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => void sockets.add(socket));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((ok) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => ok());
      }),
  };
}

const upstreams: Record<string, BaseStandIn> = {};

test.beforeAll(async () => {
  const [good, wrongChain, noContract, noMinter] = await Promise.all([
    startBaseStandIn(),
    startBaseStandIn({ chainId: 1, usdc: 'none' }),
    startBaseStandIn({ usdc: 'none' }),
    startBaseStandIn({ usdc: 'no-minter-interface' }),
  ]);
  Object.assign(upstreams, { good, wrongChain, noContract, noMinter });
});

test.afterAll(async () => {
  await Promise.all(Object.values(upstreams).map((u) => u.stop()));
});

test('a Base-like upstream passes and the block is resolved to a number', async () => {
  const facts = await preflightFork(upstreams.good.rpcUrl);
  expect(facts).toMatchObject({ chainId: 8453, blockNumber: upstreams.good.blockNumber, usdcHasCode: true, masterMinter: upstreams.good.masterMinter });
  const run = await prepareForkRun({ url: upstreams.good.rpcUrl }, {});
  expect(run?.env).toEqual({ BASE_RPC_URL: upstreams.good.rpcUrl, BASE_FORK_BLOCK: String(upstreams.good.blockNumber) });
  expect(run?.pinned).toBe(false);
  const pinned = await prepareForkRun({}, { BASE_RPC_URL: upstreams.good.rpcUrl, BASE_FORK_BLOCK: '1' });
  expect(pinned).toMatchObject({ env: { BASE_FORK_BLOCK: '1' }, pinned: true });
  expect(await prepareForkRun({}, {})).toBeNull();
});

test('an RPC URL that does not answer is named: nothing listening, and a server that never replies', async () => {
  const closedPort = await getFreePort();
  const refused = await problemOf(preflightFork(`http://127.0.0.1:${closedPort}`));
  expect(refused.problem).toBe('no-answer');
  expect(refused.message).toContain(`fork RPC http://127.0.0.1:${closedPort} does not answer JSON-RPC`);
  const silent = await silentServer();
  try {
    const timedOut = await problemOf(preflightFork(silent.url, { timeoutMs: 500 }));
    expect(timedOut.problem).toBe('no-answer');
    expect(timedOut.message).toContain(silent.url);
  } finally {
    await silent.close();
  }
});

test('a chain id other than 8453 is named', async () => {
  const { problem, message } = await problemOf(preflightFork(upstreams.wrongChain.rpcUrl));
  expect(problem).toBe('wrong-chain');
  expect(message).toMatch(/is chain id 1, not Base \(8453\)/);
});

test('no contract at the USDC address is named', async () => {
  const { problem, message } = await problemOf(preflightFork(upstreams.noContract.rpcUrl));
  expect(problem).toBe('no-contract');
  expect(message).toContain('no contract at Base\'s USDC address 0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913');
});

test('a USDC without the FiatToken minter interface is named', async () => {
  const { problem, message } = await problemOf(preflightFork(upstreams.noMinter.rpcUrl));
  expect(problem).toBe('no-minter-interface');
  expect(message).toMatch(/does not answer FiatToken's masterMinter\(\)\/minterAllowance\(\)/);
  // startChain (library use) lets the storage-slot fallback decide instead; here it cannot find a balance either.
  await expect(startChain({ forkUrl: upstreams.noMinter.rpcUrl })).rejects.toThrow(/master-minter path: .*; storage-slot path: /);
});

test('bad fork blocks and flag combinations are named', async () => {
  expect((await problemOf(prepareForkRun({ url: upstreams.good.rpcUrl, blockNumber: 'latest' }, {}))).message).toBe(
    '--fork-block-number must be a block number (a non-negative integer), got "latest"',
  );
  expect((await problemOf(prepareForkRun({ blockNumber: '5' }, {}))).message).toContain('--fork-block-number needs a fork RPC');
  const beyond = await problemOf(preflightFork(upstreams.good.rpcUrl, { blockNumber: 1_000_000n }));
  expect(beyond.problem).toBe('block-not-found');
  expect(beyond.message).toContain('fork block 1000000 is beyond the head');
  expect((await problemOf(prepareForkRun({ url: 'ftp://127.0.0.1:1' }, {}))).problem).toBe('bad-url');
  expect((await problemOf(prepareForkRun({ url: '' }, {}))).problem).toBe('bad-url');
  expect(() => networkModeForFork('namespace')).toThrow(/cannot run in --network namespace/);
  expect(networkModeForFork(undefined)).toBe('guard');
  expect(networkModeForFork('off')).toBe('off');
});

test('RPC URLs are shown without path or query (they often carry an API key)', () => {
  expect(describeRpcUrl('https://base-mainnet.example.invalid/v2/SECRETKEY')).toBe('https://base-mainnet.example.invalid/…');
  expect(describeRpcUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545');
  expect(describeRpcUrl('http://127.0.0.1:8545/?key=SECRET')).toBe('http://127.0.0.1:8545/…');
});

test.describe('front end: run --fork-url', () => {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
  const bin = join(root, 'bin', 'image-skill-conformance.mjs');

  async function runWithFork(args: string[]) {
    const reportDir = await mkdtemp(join(tmpdir(), 'isc-fork-preflight-'));
    try {
      const r = await execa(process.execPath, [bin, 'run', '--report-dir', reportDir, ...args], {
        cwd: root,
        reject: false,
        timeout: 150_000,
        env: { ...process.env, BASE_RPC_URL: '', BASE_FORK_BLOCK: '' },
      });
      const resultsFile = join(reportDir, 'results.json');
      const results: unknown = existsSync(resultsFile) ? JSON.parse(await readFile(resultsFile, 'utf8')) : null;
      return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, ranScenarios: results !== null, results };
    } finally {
      await rm(reportDir, { recursive: true, force: true });
    }
  }

  test('a good upstream runs the x402 scenario on a pinned fork and results.json records it', async () => {
    test.setTimeout(180_000);
    const r = await runWithFork(['--fork-url', upstreams.good.rpcUrl, '--fork-block-number', String(upstreams.good.blockNumber), '--grep', 'x402 exact payment by a plain']);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`chain id 8453, block ${upstreams.good.blockNumber} (pinned)`);
    expect(r.stdout).toContain(`chain: fork (upstream chain id 8453, block ${upstreams.good.blockNumber}, pinned; USDC via master-minter)`);
    expect(r.results).toMatchObject({
      chain_mode: 'fork',
      chain_fork: { upstream_chain_id: 8453, block_number: Number(upstreams.good.blockNumber), pinned: true, funding: 'master-minter' },
      summary: { passed: 1, failed: 0 },
    });
  });

  test('each bad upstream exits 2 naming the cause, before any scenario runs', async () => {
    const closedPort = await getFreePort();
    const cases: Array<[string[], RegExp]> = [
      [['--fork-url', `http://127.0.0.1:${closedPort}`], /does not answer JSON-RPC/],
      // The USDC checks (no contract, no minter views) take the wrong chain's path through the
      // front end; their messages are checked above, without a front end each.
      [['--fork-url', upstreams.wrongChain.rpcUrl], /is chain id 1, not Base \(8453\)/],
      [['--fork-url', upstreams.good.rpcUrl, '--fork-block-number', 'x'], /--fork-block-number must be a block number/],
      [['--fork-url', upstreams.good.rpcUrl, '--network', 'namespace'], /cannot run in --network namespace/],
    ];
    for (const [args, message] of cases) {
      const r = await runWithFork(args);
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.ranScenarios, `${args.join(' ')} must stop before scenarios`).toBe(false);
    }
  });
});
