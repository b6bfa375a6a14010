/**
 * Chain benchmark: time for startChain() (anvil + TestUSDC install + funding), and time from
 * sending a USDC payment to its receipt, for a plain transfer and for an EIP-3009 authorization
 * submitted by the relayer, on a local chain and on a fork of a Base stand-in upstream
 * (startChain({ forkUrl }): preflight, anvil --fork-url pinned, master-minter funding).
 * Run: npx tsx benchmarks/chain.ts [--starts N] [--payments N]
 *
 * Bounded: capped counts and a deadline well under 30 s; every chain is stopped.
 */
import { parseArgs } from 'node:util';
import { payTransfer, payWithAuthorization, startBaseStandIn, startChain, type StartChainOptions, type StartedChain } from '../harness/chain/index.js';
import { elapsedMs, figuresLine, formatMs, isMainModule, median, summarize } from './stats.js';

const DEADLINE_MS = 20_000;
/** Fork measurements may run this much past the local deadline (still under 30 s in all). */
const FORK_EXTRA_MS = 8_000;
const MAX_STARTS = 9;
const MAX_PAYMENTS = 50;
const RECIPIENT = '0x000000000000000000000000000000000000bEEF';

async function measureStarts(count: number, deadline: number, opts: StartChainOptions = { forkUrl: null }): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count && Date.now() < deadline; i += 1) {
    const start = process.hrtime.bigint();
    const chain = await startChain(opts);
    times.push(elapsedMs(start));
    await chain.stop();
  }
  return times;
}

async function measurePayments(
  chain: StartedChain,
  count: number,
  deadline: number,
  pay: () => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count && Date.now() < deadline; i += 1) {
    const start = process.hrtime.bigint();
    await pay();
    times.push(elapsedMs(start));
  }
  return times;
}

function line(label: string, values: number[]): string {
  const s = summarize(values);
  return `${label.padEnd(36)} n=${String(s.n).padStart(2)}  p50 ${formatMs(s.p50).padStart(9)}  p90 ${formatMs(s.p90).padStart(9)}  max ${formatMs(s.max).padStart(9)}`;
}

async function measureBothPayments(chain: StartedChain, payments: number, deadline: number): Promise<{ transfers: number[]; authorizations: number[] }> {
  const transfers = await measurePayments(chain, payments, deadline, () => payTransfer(chain, { to: RECIPIENT, amountAtomic: 1_000n }));
  const authorizations = await measurePayments(chain, payments, deadline, () => payWithAuthorization(chain, { to: RECIPIENT, amountAtomic: 1_000n }));
  return { transfers, authorizations };
}

async function withChain<T>(opts: StartChainOptions, work: (chain: StartedChain) => Promise<T>): Promise<T> {
  const chain = await startChain(opts);
  try {
    return await work(chain);
  } finally {
    await chain.stop();
  }
}

const medianMs = (values: number[]): number => Number(median(values).toFixed(1));

export async function runChainBenchmark(starts: number, payments: number): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  // The first start also loads modules and warms the binary's page cache; report it apart.
  const coldStart = await measureStarts(1, deadline);
  const warmStarts = await measureStarts(starts, deadline);
  const local = await withChain({ forkUrl: null }, (chain) => measureBothPayments(chain, payments, deadline));

  // Fork mode: one stand-in upstream (its own start is not part of a fork start), forked pinned.
  const upstream = await startBaseStandIn();
  try {
    const forkOpts: StartChainOptions = { forkUrl: upstream.rpcUrl, forkBlockNumber: upstream.blockNumber };
    const forkStarts = await measureStarts(starts, deadline + FORK_EXTRA_MS, forkOpts);
    const fork = await withChain(forkOpts, (chain) => measureBothPayments(chain, payments, deadline + FORK_EXTRA_MS));

    console.log(line('startChain (first, cold)', coldStart));
    console.log(line('startChain (warm)', warmStarts));
    console.log(line('transfer → receipt', local.transfers));
    console.log(line('EIP-3009 sign+relay → receipt', local.authorizations));
    console.log(line('fork: startChain (warm)', forkStarts));
    console.log(line('fork: transfer → receipt', fork.transfers));
    console.log(line('fork: EIP-3009 sign+relay → receipt', fork.authorizations));
    console.log(
      figuresLine({
        benchmark: 'chain',
        figures: [
          { label: 'chain start (median)', value: medianMs(warmStarts), unit: 'ms', target: '< 1000 ms', status: median(warmStarts) < 1000 ? 'PASS' : 'MISS' },
          { label: 'transfer to receipt (median)', value: medianMs(local.transfers), unit: 'ms' },
          { label: 'EIP-3009 payment to receipt (median)', value: medianMs(local.authorizations), unit: 'ms' },
          { label: 'fork chain start (median)', value: medianMs(forkStarts), unit: 'ms' },
          { label: 'fork transfer to receipt (median)', value: medianMs(fork.transfers), unit: 'ms' },
          { label: 'fork EIP-3009 payment to receipt (median)', value: medianMs(fork.authorizations), unit: 'ms' },
        ],
      }),
    );
  } finally {
    await upstream.stop();
  }
}

if (isMainModule(import.meta.url)) {
  const { values } = parseArgs({
    options: { starts: { type: 'string', default: '5' }, payments: { type: 'string', default: '20' } },
  });
  const starts = Math.min(MAX_STARTS, Math.max(1, Number(values.starts) || 5));
  const payments = Math.min(MAX_PAYMENTS, Math.max(1, Number(values.payments) || 20));
  await runChainBenchmark(starts, payments);
}
