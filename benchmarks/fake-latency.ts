/**
 * Fake service latency under load, the way a `serve` user load-tests it: the fake runs as its own
 * process (`image-skill-conformance serve --port 0`), one agent signs up over HTTP, then N
 * closed-loop clients each send request after request for a fixed time (a mix of GET /v1/quota
 * with the agent's token, GET /v1/models and GET /v1/payment-methods) over keep-alive
 * connections to 127.0.0.1. A request's latency runs from the send until its body has been read.
 * The server's CPU per request comes from /proc (Linux).
 *
 *   npx tsx benchmarks/fake-latency.ts     (BENCH_CONCURRENCY=200, BENCH_SECONDS=5)
 */
import { execa, type ResultPromise } from 'execa';
import { Agent, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { elapsedMs, figuresLine, formatMs, isMainModule, percentile, summarize, type BenchFigure, type Summary } from './stats.js';
import { isRecord } from '../harness/json.js';

const BIN = fileURLToPath(new URL('../bin/image-skill-conformance.mjs', import.meta.url));

export interface LatencyOptions {
  concurrency?: number;
  /** Measured time (default 5 s), after a 1 s unmeasured warm-up. */
  durationMs?: number;
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
  requests: number;
  failures: number;
  /** First few failure descriptions, for the printout. */
  failureSamples: string[];
  latency: Summary;
  perRoute: RouteLatency[];
  wallMs: number;
  throughputPerSec: number;
  /** CPU ms of the serve process per measured request; null where /proc is missing. */
  serverCpuPerRequestMs: number | null;
  /** CPU ms of this load generator per measured request (when near 1 core ÷ throughput, the client is the limit). */
  clientCpuPerRequestMs: number;
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

interface Served {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** `serve --port 0` as a child process; resolves once it prints "ready". */
async function startServe(): Promise<Served> {
  const child: ResultPromise = execa(process.execPath, [BIN, 'serve', '--port', '0'], { reject: false, stdin: 'ignore', buffer: false, forceKillAfterDelay: 3_000 });
  const origin = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`serve did not print "ready" within 30 s: ${text.slice(-300)}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      if (url && /^ready$/m.test(text)) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    void child.then((r) => reject(new Error(`serve exited ${r.exitCode ?? r.signal} before "ready": ${text.slice(-300)}`)));
  });
  if (new URL(origin).hostname !== '127.0.0.1') throw new Error(`refusing to benchmark a non-loopback origin: ${origin}`);
  return {
    origin,
    pid: child.pid ?? -1,
    stop: async () => {
      child.kill('SIGINT');
      await child;
    },
  };
}

/** utime + stime of a process in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

function send(agent: Agent, origin: string, method: string, path: string, headers: Record<string, string>, body: string | null, timeoutMs: number): Promise<{ status: number; text: string }> {
  const url = new URL(path, origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, method, path: url.pathname, headers, agent, timeout: timeoutMs }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

async function signUp(agent: Agent, origin: string): Promise<string> {
  const body = JSON.stringify({ agent_contact: 'bench@example.invalid', agent_name: 'bench', runtime: 'benchmark', return_token: true });
  const res = await send(agent, origin, 'POST', '/v1/agent-signups', { 'content-type': 'application/json' }, body, 10_000);
  const parsed: unknown = JSON.parse(res.text);
  const token = isRecord(parsed) && isRecord(parsed.data) ? parsed.data.token : undefined;
  if (res.status !== 200 || typeof token !== 'string') throw new Error(`signup failed (${res.status}): ${res.text.slice(0, 200)}`);
  return token;
}

/** One client: request after request until the deadline; keeps the samples sent while `measuring()`. */
async function client(agent: Agent, origin: string, token: string, first: number, until: number, timeoutMs: number, measuring: () => boolean, out: Sample[]): Promise<void> {
  for (let i = first; Date.now() < until; i++) {
    const route = ROUTES[i % ROUTES.length];
    const counted = measuring();
    const start = process.hrtime.bigint();
    let sample: Sample;
    try {
      const res = await send(agent, origin, 'GET', route.path, route.auth ? { authorization: `Bearer ${token}` } : {}, null, timeoutMs);
      sample = { route: route.path, ms: elapsedMs(start), ok: res.status === 200, problem: res.status === 200 ? null : `${route.path} → HTTP ${res.status}` };
    } catch (err) {
      sample = { route: route.path, ms: elapsedMs(start), ok: false, problem: `${route.path} → ${err instanceof Error ? err.message : String(err)}` };
    }
    // Only requests sent after the warm-up: connection set-up stays out of the figures.
    if (counted) out.push(sample);
  }
}

export async function measureFakeLatency(opts: LatencyOptions = {}): Promise<LatencyResult> {
  const concurrency = opts.concurrency ?? 200;
  const durationMs = opts.durationMs ?? 5_000;
  const timeoutMs = opts.requestTimeoutMs ?? 10_000;
  const served = await startServe();
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const token = await signUp(agent, served.origin);
    const warmUntil = Date.now() + 1_000;
    const until = warmUntil + durationMs;
    const samples: Sample[] = [];
    let measuring = false;
    let cpuStart: number | null = null;
    let clientCpuStart = process.cpuUsage();
    let start = process.hrtime.bigint();
    const warm = setTimeout(() => {
      measuring = true;
      cpuStart = cpuMsOf(served.pid);
      clientCpuStart = process.cpuUsage();
      start = process.hrtime.bigint();
    }, warmUntil - Date.now());
    await Promise.all(Array.from({ length: concurrency }, (_, i) => client(agent, served.origin, token, i, until, timeoutMs, () => measuring, samples)));
    clearTimeout(warm);
    const wallMs = elapsedMs(start);
    const cpuEnd = cpuMsOf(served.pid);
    const clientCpu = process.cpuUsage(clientCpuStart);
    const okMs = samples.filter((s) => s.ok).map((s) => s.ms);
    if (okMs.length === 0) throw new Error(`every request failed, e.g. ${samples[0]?.problem ?? 'no samples'}`);
    const perRoute = ROUTES.map((r) => {
      const ms = samples.filter((s) => s.ok && s.route === r.path).map((s) => s.ms);
      return { route: r.path, count: ms.length, p50: ms.length ? percentile(ms, 50) : NaN, p99: ms.length ? percentile(ms, 99) : NaN };
    });
    const failures = samples.filter((s) => !s.ok);
    return {
      concurrency,
      requests: samples.length,
      failures: failures.length,
      failureSamples: [...new Set(failures.map((f) => f.problem ?? 'unknown'))].slice(0, 5),
      latency: summarize(okMs),
      perRoute,
      wallMs,
      throughputPerSec: (samples.length / wallMs) * 1000,
      serverCpuPerRequestMs: cpuStart !== null && cpuEnd !== null ? (cpuEnd - cpuStart) / samples.length : null,
      clientCpuPerRequestMs: (clientCpu.user + clientCpu.system) / 1000 / samples.length,
    };
  } finally {
    agent.destroy();
    await served.stop();
  }
}

export function formatLatencyReport(r: LatencyResult): string {
  const l = r.latency;
  const lines = [
    `fake service latency (serve process; ${r.concurrency} closed-loop clients for ${formatMs(r.wallMs)}; quota/models/payment-methods mix; 127.0.0.1)`,
    `requests ${r.requests}, failures ${r.failures}`,
    `p50 ${formatMs(l.p50)}   p95 ${formatMs(l.p95)}   p99 ${formatMs(l.p99)}   max ${formatMs(l.max)}   mean ${formatMs(l.mean)}`,
    `throughput ${r.throughputPerSec.toFixed(0)} req/s; server CPU per request ${r.serverCpuPerRequestMs === null ? 'not measured (no /proc)' : r.serverCpuPerRequestMs.toFixed(3)} ms, load generator ${r.clientCpuPerRequestMs.toFixed(3)} ms`,
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
    ...(r.serverCpuPerRequestMs === null ? [] : [{ label: 'server CPU per request', value: r.serverCpuPerRequestMs, unit: 'ms' }]),
    { label: 'load generator CPU per request', value: r.clientCpuPerRequestMs, unit: 'ms' },
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
  const result = await measureFakeLatency({ concurrency: positiveInt('BENCH_CONCURRENCY', 200), durationMs: positiveInt('BENCH_SECONDS', 5) * 1000 });
  console.log(formatLatencyReport(result));
  console.log(figuresLine({ benchmark: 'fake-latency', figures: latencyFigures(result) }));
}
