/**
 * `image-skill-conformance serve`: the fake on its own, in the foreground until SIGINT/SIGTERM.
 * Flags: --port N, --payments (Stripe backend + webhook signing), --chain [--fork-url URL]
 * (anvil with test USDC), --stubs DIR (stub files loaded at start), --state FILE (a JSON
 * description of the running service, removed at stop). See docs/admin-api.md.
 */
import { rm, writeFile } from 'node:fs/promises';
import { BASE_CHAIN_ID } from '../chain/index.js';
import { parseServeArgs, ServeUsageError, type ServeOptions } from './serve-args.js';
import { startServeStack, type ServeStack } from './serve-stack.js';
import { contractFromFlag, newestContractInForce, type PickedContract } from './contract-in-force.js';
import { loadStubDir, StubFileError } from './stubs/load.js';
import type { Stub } from './stubs/schema.js';

export interface ServeIo {
  print(line: string): void;
  error(line: string): void;
  /** Stops the server when aborted (tests); SIGINT/SIGTERM always stop it. */
  stop?: AbortSignal;
}

const defaultIo: ServeIo = { print: (l) => console.log(l), error: (l) => console.error(l) };

function describe(stack: ServeStack): Record<string, unknown> {
  const { fake, stripe, chain } = stack;
  return {
    url: fake.url,
    pid: process.pid,
    admin: `${fake.url}/__admin`,
    env: Object.fromEntries(stack.env),
    stripe: stripe ? { backend: stripe.kind, webhook_secret: stripe.webhookSecret, notes: stripe.notes } : null,
    chain: chain
      ? { mode: chain.mode, rpc_url: chain.rpcUrl, chain_id: BASE_CHAIN_ID, usdc: chain.usdc, anvil_pid: chain.anvilPid ?? null, agent_address: chain.agent.address }
      : null,
  };
}

function printStack(stack: ServeStack, opts: ServeOptions, stubCount: number, contract: PickedContract | null, io: ServeIo): void {
  const { fake, stripe, chain } = stack;
  io.print(`fake image-skill service listening on ${fake.url}`);
  if (stripe) io.print(`stripe backend: ${stripe.kind}${stripe.notes.length > 0 ? ` (${stripe.notes.join('; ')})` : ''}`);
  else io.print('stripe backend: none (start with --payments to buy credits)');
  if (chain) {
    io.print(`chain: ${chain.mode} anvil at ${chain.rpcUrl}, chain id ${BASE_CHAIN_ID}, USDC ${chain.usdc}, anvil pid ${chain.anvilPid ?? 'unknown'}`);
  }
  for (const [name, value] of stack.env) io.print(`export ${name}=${value}`);
  if (opts.stubsDir) io.print(`stubs: ${stubCount} loaded from ${opts.stubsDir}`);
  if (opts.stateFile) io.print(`state file: ${opts.stateFile}`);
  io.print(`answers as contract ${contract?.version ?? `${newestContractInForce().version} (the newest known; --contract to choose)`} documents them`);
  io.print(`admin API: ${fake.url}/__admin (see docs/admin-api.md)`);
  io.print('ready');
}

function waitForStop(io: ServeIo): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      io.stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (io.stop?.aborted) done();
    else io.stop?.addEventListener('abort', done, { once: true });
  });
}

export async function runServe(argv: string[], io: ServeIo = defaultIo): Promise<number> {
  let opts: ServeOptions;
  let stubs: Stub[] = [];
  let contract: PickedContract | null = null;
  try {
    opts = parseServeArgs(argv);
    if (opts.stubsDir) stubs = (await loadStubDir(opts.stubsDir)).map((s) => s.stub);
    if (opts.contract) contract = await contractFromFlag(opts.contract).catch((err: Error) => Promise.reject(new ServeUsageError(`serve: ${err.message}`)));
  } catch (err) {
    if (err instanceof ServeUsageError || err instanceof StubFileError) {
      io.error(err.message);
      return 2;
    }
    throw err;
  }

  let stack: ServeStack;
  try {
    stack = await startServeStack(opts, stubs, contract);
  } catch (err) {
    io.error(`serve: could not start: ${(err as Error).message}`);
    return 1;
  }
  if (opts.stateFile) await writeFile(opts.stateFile, `${JSON.stringify(describe(stack), null, 2)}\n`);
  printStack(stack, opts, stubs.length, contract, io);

  await waitForStop(io);
  // A second Ctrl-C while stopping must not kill us before anvil is gone.
  const ignore = (): void => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  try {
    await stack.stop();
    if (opts.stateFile) await rm(opts.stateFile, { force: true });
  } finally {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
  }
  io.print('fake image-skill service stopped');
  return 0;
}
