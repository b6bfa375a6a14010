/**
 * x402 settlement benchmark: how long a local chain takes to start, and how long it takes from
 * the agent's payment transaction to `credits status` answering `succeeded` through the
 * reference CLI. Also shows the fake-internal part (transaction → attempt fulfilled, read
 * in process). Measured on a local chain and on a fork of a Base stand-in upstream (the
 * x402-fork project's set-up), side by side.
 * Run: npx tsx benchmarks/x402-settlement.ts [--runs N] [--chain local|fork|both]
 *
 * Bounded: at most MAX_RUNS runs and a hard deadline; everything it starts is stopped.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { payTransfer, payWithAuthorization, startBaseStandIn, startChain, type BaseStandIn } from '../harness/chain/index.js';
import type { ChainHandle } from '../harness/chain/types.js';
import { startFakeService } from '../harness/fake/index.js';
import { createCliRunner } from '../harness/runner/invoke.js';
import { createSandbox } from '../harness/runner/sandbox.js';
import { startStripeBackend } from '../harness/stripe/index.js';
import type { StripeBackend } from '../harness/stripe/types.js';
import { resolveTarget } from '../harness/target/resolve.js';
import type { ResolvedTarget } from '../harness/target/types.js';
import { figuresLine } from './stats.js';
import { X402_METHOD_ID, isJson, payableInstructionsOf, type Json, type PaymentVariant } from '../fixtures/x402-agent.js';

const DEADLINE_MS = 55_000;
const MAX_RUNS = 7;
const STATUS_POLL_MS = 50;
const STATUS_POLLS = 200;
const INTERNAL_POLL_MS = 5;

interface RunResult {
  via: PaymentVariant;
  /** Payment sent → receipt mined (the wallet's own wait). */
  txMs: number;
  /** Payment sent → the fake's attempt shows a receipt (read in process). */
  fulfilledMs: number;
  /** Payment sent → first `credits status` invocation answering succeeded. */
  cliSucceededMs: number;
  statusPolls: number;
  /** Wall time of the status invocation that saw succeeded (mostly CLI start-up). */
  lastStatusMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ms = (n: number): string => `${n.toFixed(0)} ms`;

function dataOf(json: unknown, what: string): Json {
  if (!isJson(json) || json.ok !== true || !isJson(json.data)) throw new Error(`${what}: not an ok envelope: ${JSON.stringify(json)?.slice(0, 300)}`);
  return json.data;
}

/** One purchase on a fresh fake and sandbox: signup → quote → buy (CLI) → pay → status polls (CLI). */
async function oneRun(target: ResolvedTarget, stripe: StripeBackend, chain: ChainHandle, via: PaymentVariant, index: number): Promise<RunResult> {
  const fake = await startFakeService({ stripe, chain, documents: target.documents });
  const sandbox = await createSandbox({ label: `bench-x402-${index}` });
  try {
    const runner = createCliRunner({ target, sandbox, fakeUrl: fake.url, journal: fake.journal });
    const cli = async (args: string[]): Promise<Json> => {
      const inv = await runner.run([...args, '--json']);
      return dataOf(inv.json, `image-skill ${args.join(' ')} (exit ${inv.exitCode})`);
    };
    await cli(['signup', '--agent', '--agent-contact', 'bench@example.invalid', '--agent-name', 'bench', '--runtime', 'bench']);
    const quote = await cli(['credits', 'quote', '--pack', 'starter-500', '--payment-method', X402_METHOD_ID, '--idempotency-key', `bench-q-${index}`]);
    const buy = await cli(['credits', 'buy', '--provider', 'stripe_x402', '--quote-id', String(quote.quote_id), '--idempotency-key', `bench-b-${index}`]);
    const attemptId = String(buy.payment_attempt_id);
    const instructions = payableInstructionsOf(buy);
    const payment = { to: instructions.deposit_address, amountAtomic: BigInt(instructions.token_amount_atomic) };

    const sent = performance.now();
    let fulfilledAt: number | null = null;
    let watching = true;
    const internal = (async () => {
      while (watching && fulfilledAt === null) {
        const attempt = fake.state.paymentAttempt(attemptId);
        if (attempt && attempt.receipt_id) fulfilledAt = performance.now();
        else await new Promise((resolve) => setTimeout(resolve, INTERNAL_POLL_MS));
      }
    })();
    await (via === 'transfer' ? payTransfer(chain, payment) : payWithAuthorization(chain, payment));
    const mined = performance.now();

    let polls = 0;
    let succeededAt: number | null = null;
    let lastStatusMs = 0;
    while (polls < STATUS_POLLS && succeededAt === null) {
      polls += 1;
      const asked = performance.now();
      const status = await cli(['credits', 'status', '--payment-attempt-id', attemptId]);
      lastStatusMs = performance.now() - asked;
      if (status.state === 'succeeded') succeededAt = performance.now();
      else await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_MS));
    }
    watching = false;
    await internal;
    if (succeededAt === null || fulfilledAt === null) throw new Error(`run ${index}: attempt ${attemptId} did not succeed after ${polls} status polls`);
    return { via, txMs: mined - sent, fulfilledMs: fulfilledAt - sent, cliSucceededMs: succeededAt - sent, statusPolls: polls, lastStatusMs };
  } finally {
    await fake.close();
    await sandbox.dispose();
  }
}

type ChainChoice = 'local' | 'fork';

interface ModeSummary {
  mode: ChainChoice;
  chainMs: number;
  runs: RunResult[];
}

/** Starts the chain for one mode (a fork also starts its stand-in upstream, not timed), runs the purchases. */
async function measureMode(
  mode: ChainChoice,
  runs: number,
  target: ResolvedTarget,
  stripe: StripeBackend,
  stopAt: number,
  firstIndex: number,
): Promise<ModeSummary> {
  let upstream: BaseStandIn | null = null;
  let chain: ChainHandle | null = null;
  try {
    if (mode === 'fork') upstream = await startBaseStandIn();
    const chainStart = performance.now();
    chain = await startChain(upstream ? { forkUrl: upstream.rpcUrl, forkBlockNumber: upstream.blockNumber } : { forkUrl: null });
    const chainMs = performance.now() - chainStart;
    const fork = chain.fork ? ` (upstream chain id ${chain.fork.upstreamChainId}, block ${chain.fork.blockNumber}, funded via ${chain.fork.funding})` : '';
    console.log(`[${mode}] chain: ${chain.mode}${fork}; start (anvil + USDC + funding): ${ms(chainMs)}`);
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i += 1) {
      if (performance.now() > stopAt) {
        console.log(`[${mode}] stopping after ${i} runs to stay inside the ${DEADLINE_MS / 1000} s budget`);
        break;
      }
      const via: PaymentVariant = i % 2 === 0 ? 'transfer' : 'authorization';
      const r = await oneRun(target, stripe, chain, via, firstIndex + i);
      results.push(r);
      console.log(
        `[${mode}] run ${i + 1} (${r.via}): tx mined ${ms(r.txMs)}, fulfilled in fake ${ms(r.fulfilledMs)}, ` +
          `credits status succeeded ${ms(r.cliSucceededMs)} after ${r.statusPolls} poll(s) (that invocation took ${ms(r.lastStatusMs)})`,
      );
    }
    return { mode, chainMs, runs: results };
  } finally {
    await chain?.stop();
    await upstream?.stop();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '4' }, chain: { type: 'string', default: 'both' } } });
  const runs = Math.min(MAX_RUNS, Math.max(1, Number.parseInt(values.runs ?? '4', 10) || 4));
  const choice = values.chain ?? 'both';
  if (choice !== 'local' && choice !== 'fork' && choice !== 'both') throw new Error(`--chain must be local, fork or both, got "${choice}"`);
  const modes: ChainChoice[] = choice === 'both' ? ['local', 'fork'] : [choice];
  const began = performance.now();
  const target = await resolveTarget('reference');
  const stripe = await startStripeBackend({ mode: 'embedded' });
  const summaries: ModeSummary[] = [];
  try {
    console.log(`target: ${target.spec} (${target.name ?? '?'} ${target.version ?? '?'}); stripe backend: ${stripe.kind}`);
    for (const [index, mode] of modes.entries()) {
      // Each mode gets its share of the budget.
      const stopAt = began + (DEADLINE_MS * 0.75 * (index + 1)) / modes.length;
      summaries.push(await measureMode(mode, runs, target, stripe, stopAt, index * MAX_RUNS));
    }
  } finally {
    await stripe.stop();
  }
  for (const s of summaries) {
    if (s.runs.length === 0) throw new Error(`[${s.mode}] no run completed`);
    console.log(
      `[${s.mode}] median over ${s.runs.length} runs: chain start ${ms(s.chainMs)}, payment tx → fulfilled in fake ${ms(median(s.runs.map((r) => r.fulfilledMs)))}, ` +
        `payment tx → credits status succeeded ${ms(median(s.runs.map((r) => r.cliSucceededMs)))} ` +
        `(one status invocation: ${ms(median(s.runs.map((r) => r.lastStatusMs)))})`,
    );
  }
  console.log(
    figuresLine({
      benchmark: 'x402-settlement',
      figures: summaries.flatMap((s) => [
        { label: `${s.mode} chain start`, value: Math.round(s.chainMs), unit: 'ms' },
        { label: `${s.mode} payment to fulfilled in fake (median)`, value: Math.round(median(s.runs.map((r) => r.fulfilledMs))), unit: 'ms' },
        { label: `${s.mode} payment to credits status succeeded (median)`, value: Math.round(median(s.runs.map((r) => r.cliSucceededMs))), unit: 'ms' },
      ]),
    }),
  );
  console.log(`total ${ms(performance.now() - began)}`);
}

const deadline = setTimeout(() => {
  console.error(`x402 settlement benchmark: over the ${DEADLINE_MS / 1000} s deadline, giving up`);
  process.exitCode = 1;
  process.kill(process.pid, 'SIGTERM');
}, DEADLINE_MS);
deadline.unref();

main().then(
  () => clearTimeout(deadline),
  (error: unknown) => {
    clearTimeout(deadline);
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exitCode = 1;
  },
);
