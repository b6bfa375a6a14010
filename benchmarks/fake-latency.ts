/**
 * Fake service latency under load: one agent signs up, then bounded rounds of N
 * concurrent requests (a mix of GET /v1/quota with the agent's token, GET /v1/models
 * and GET /v1/payment-methods) go to the fake on 127.0.0.1 with the global fetch.
 * Each request's latency runs from the fetch call until its body has been read.
 *
 *   npx tsx benchmarks/fake-latency.ts     (BENCH_CONCURRENCY=200, BENCH_ROUNDS=10)
 */
import { startFakeService } from '../harness/fake/index.js';
import { elapsedMs, figuresLine, formatMs, isMainModule, percentile, summarize, type BenchFigure, type Summary } from './stats.js';
import { isRecord } from '../harness/json.js';

export interface LatencyOptions {
  concurrency?: number;
  rounds?: number;
  /** Whole-run budget from the fake's start, warm-up included (default 18 s): no round starts that would likely overrun it. */
  budgetMs?: number;
  /** Per-request limit (default 10 s). */
  requestTimeoutMs?: number;
}

export interface RouteLatency {
  route: string;
  count: number;
  p50: number;
  p99: number;
}

export interface LatencyResult {
  concurrency: number;
  roundsRun: number;
  requests: number;
  failures: number;
  /** First few failure descriptions, for the printout. */
  failureSamples: string[];
  latency: Summary;
  perRoute: RouteLatency[];
  wallMs: number;
  throughputPerSec: number;
  /** CPU ms of this process per measured request; client and fake share the process. */
  cpuPerRequestMs: number;
  stoppedByBudget: boolean;
}

interface RouteSpec {
  path: string;
  auth: boolean;
}

const ROUTES: RouteSpec[] = [
  { path: '/v1/quota', auth: true },
  { path: '/v1/models', auth: false },
  { path: '/v1/payment-methods', auth: false },
];

interface Sample {
  route: string;
  ms: number;
  ok: boolean;
  problem: string | null;
}

/** Refuse anything that is not the loopback address this benchmark is allowed to use. */
function assertLoopback(origin: string): void {
  if (new URL(origin).hostname !== '127.0.0.1') throw new Error(`refusing to benchmark a non-loopback origin: ${origin}`);
}


async function signUp(origin: string): Promise<string> {
  const res = await fetch(`${origin}/v1/agent-signups`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ agent_contact: 'bench@example.invalid', agent_name: 'bench', runtime: 'benchmark', return_token: true }),
  });
  const body: unknown = await res.json();
  const token = isRecord(body) && isRecord(body.data) ? body.data.token : undefined;
  if (!res.ok || typeof token !== 'string') throw new Error(`signup failed (${res.status}): ${JSON.stringify(body).slice(0, 200)}`);
  return token;
}

async function timedRequest(origin: string, route: RouteSpec, token: string, timeoutMs: number): Promise<Sample> {
  const headers: Record<string, string> = route.auth ? { authorization: `Bearer ${token}` } : {};
  const start = process.hrtime.bigint();
  try {
    const res = await fetch(origin + route.path, { headers, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    const ms = elapsedMs(start);
    return { route: route.path, ms, ok: res.status === 200, problem: res.status === 200 ? null : `${route.path} → HTTP ${res.status}` };
  } catch (err) {
    return { route: route.path, ms: elapsedMs(start), ok: false, problem: `${route.path} → ${err instanceof Error ? err.message : String(err)}` };
  }
}

function fireRound(origin: string, token: string, concurrency: number, timeoutMs: number): Promise<Sample[]> {
  return Promise.all(Array.from({ length: concurrency }, (_, i) => timedRequest(origin, ROUTES[i % ROUTES.length], token, timeoutMs)));
}

export async function measureFakeLatency(opts: LatencyOptions = {}): Promise<LatencyResult> {
  const concurrency = opts.concurrency ?? 200;
  const rounds = opts.rounds ?? 10;
  const budgetMs = opts.budgetMs ?? 18_000;
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const begun = process.hrtime.bigint();
  const fake = await startFakeService();
  try {
    assertLoopback(fake.url);
    const token = await signUp(fake.url);
    // One unmeasured round opens the keep-alive connections and warms the handlers.
    await fireRound(fake.url, token, concurrency, timeoutMs);

    const samples: Sample[] = [];
    let roundsRun = 0;
    let lastRoundMs = 0;
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    while (roundsRun < rounds && (roundsRun === 0 || elapsedMs(begun) + lastRoundMs < budgetMs)) {
      const roundStart = process.hrtime.bigint();
      samples.push(...(await fireRound(fake.url, token, concurrency, timeoutMs)));
      lastRoundMs = elapsedMs(roundStart);
      roundsRun++;
    }
    const wallMs = elapsedMs(start);
    const cpu = process.cpuUsage(cpuStart);
    const okMs = samples.filter((s) => s.ok).map((s) => s.ms);
    if (okMs.length === 0) throw new Error(`every request failed, e.g. ${samples[0]?.problem ?? 'no samples'}`);
    const perRoute = ROUTES.map((r) => {
      const ms = samples.filter((s) => s.ok && s.route === r.path).map((s) => s.ms);
      return { route: r.path, count: ms.length, p50: ms.length ? percentile(ms, 50) : NaN, p99: ms.length ? percentile(ms, 99) : NaN };
    });
    const failures = samples.filter((s) => !s.ok);
    return {
      concurrency,
      roundsRun,
      requests: samples.length,
      failures: failures.length,
      failureSamples: [...new Set(failures.map((f) => f.problem ?? 'unknown'))].slice(0, 5),
      latency: summarize(okMs),
      perRoute,
      wallMs,
      throughputPerSec: (samples.length / wallMs) * 1000,
      cpuPerRequestMs: (cpu.user + cpu.system) / 1000 / samples.length,
      stoppedByBudget: roundsRun < rounds,
    };
  } finally {
    await fake.close();
  }
}

export function formatLatencyReport(r: LatencyResult): string {
  const l = r.latency;
  const lines = [
    `fake service latency (${r.roundsRun} rounds × ${r.concurrency} concurrent; quota/models/payment-methods mix; 127.0.0.1)`,
    `requests ${r.requests}, failures ${r.failures}${r.stoppedByBudget ? ' (stopped early: time budget reached)' : ''}`,
    `p50 ${formatMs(l.p50)}   p95 ${formatMs(l.p95)}   p99 ${formatMs(l.p99)}   max ${formatMs(l.max)}   mean ${formatMs(l.mean)}`,
    `throughput ${r.throughputPerSec.toFixed(0)} req/s over ${formatMs(r.wallMs)}; ${formatMs(r.cpuPerRequestMs)} CPU per request (client and fake share this process)`,
    ...r.perRoute.map((p) => `  ${p.route.padEnd(22)} n=${String(p.count).padEnd(5)} p50 ${formatMs(p.p50).padEnd(10)} p99 ${formatMs(p.p99)}`),
    ...r.failureSamples.map((f) => `  failure: ${f}`),
  ];
  return lines.join('\n');
}

export function latencyFigures(r: LatencyResult): BenchFigure[] {
  const c = r.concurrency;
  return [
    { label: `p50 @${c} concurrent`, value: r.latency.p50, unit: 'ms' },
    { label: `p95 @${c} concurrent`, value: r.latency.p95, unit: 'ms' },
    { label: `p99 @${c} concurrent`, value: r.latency.p99, unit: 'ms' },
    { label: `max @${c} concurrent`, value: r.latency.max, unit: 'ms' },
    { label: 'throughput', value: r.throughputPerSec, unit: 'req/s' },
    { label: 'CPU per request (client+fake)', value: r.cpuPerRequestMs, unit: 'ms' },
    { label: 'failed requests', value: r.failures, unit: 'count' },
  ];
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return n;
}

if (isMainModule(import.meta.url)) {
  const result = await measureFakeLatency({ concurrency: positiveInt('BENCH_CONCURRENCY', 200), rounds: positiveInt('BENCH_ROUNDS', 10) });
  console.log(formatLatencyReport(result));
  console.log(figuresLine({ benchmark: 'fake-latency', figures: latencyFigures(result) }));
}
