/**
 * x402 settlement benchmark: how long a local chain takes to start, and how long it takes from
 * the agent's payment transaction to `credits status` answering `succeeded` through the
 * reference CLI. Also shows the fake-internal part (transaction → attempt fulfilled, read
 * in process). Run: npx tsx benchmarks/x402-settlement.ts [--runs N]
 *
 * Bounded: at most MAX_RUNS runs and a hard deadline; everything it starts is stopped.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { payTransfer, payWithAuthorization, startChain } from '../harness/chain/index.js';
import type { ChainHandle } from '../harness/chain/types.js';
import { startFakeService } from '../harness/fake/index.js';
import { createCliRunner } from '../harness/runner/invoke.js';
import { createSandbox } from '../harness/runner/sandbox.js';
import { startStripeBackend } from '../harness/stripe/index.js';
import type { StripeBackend } from '../harness/stripe/types.js';
import { resolveTarget } from '../harness/target/resolve.js';
import type { ResolvedTarget } from '../harness/target/types.js';
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

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  const runs = Math.min(MAX_RUNS, Math.max(1, Number.parseInt(values.runs ?? '5', 10) || 5));
  const began = performance.now();
  const target = await resolveTarget('reference');
  const stripe = await startStripeBackend({ mode: 'embedded' });
  let chain: ChainHandle | null = null;
  try {
    const chainStart = performance.now();
    chain = await startChain({ forkUrl: null });
    const chainMs = performance.now() - chainStart;
    console.log(`target: ${target.spec} (${target.name ?? '?'} ${target.version ?? '?'}); stripe backend: ${stripe.kind}; chain: ${chain.mode}`);
    console.log(`chain start (anvil + test USDC + funding): ${ms(chainMs)}`);

    const results: RunResult[] = [];
    for (let i = 0; i < runs; i += 1) {
      if (performance.now() - began > DEADLINE_MS * 0.7) {
        console.log(`stopping after ${i} runs to stay inside the ${DEADLINE_MS / 1000} s budget`);
        break;
      }
      const via: PaymentVariant = i % 2 === 0 ? 'transfer' : 'authorization';
      const r = await oneRun(target, stripe, chain, via, i);
      results.push(r);
      console.log(
        `run ${i + 1} (${r.via}): tx mined ${ms(r.txMs)}, fulfilled in fake ${ms(r.fulfilledMs)}, ` +
          `credits status succeeded ${ms(r.cliSucceededMs)} after ${r.statusPolls} poll(s) (that invocation took ${ms(r.lastStatusMs)})`,
      );
    }
    if (results.length === 0) throw new Error('no run completed');
    console.log(
      `median over ${results.length} runs: payment tx → fulfilled in fake ${ms(median(results.map((r) => r.fulfilledMs)))}, ` +
        `payment tx → credits status succeeded ${ms(median(results.map((r) => r.cliSucceededMs)))} ` +
        `(one status invocation: ${ms(median(results.map((r) => r.lastStatusMs)))})`,
    );
  } finally {
    await chain?.stop();
    await stripe.stop();
  }
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
