/**
 * Hostile input at the fake, over raw loopback sockets: random bytes, invalid JSON to real
 * routes, header-injection and smuggling attempts, junk paths, byte-flipped valid requests,
 * then deep nesting, a 20 MB body, an oversized head and a client that stalls mid-headers.
 * Every answer is classified; used by tests/unit/serve-fuzz.spec.ts and benchmarks/fake-fuzz.ts.
 */
import { connect } from 'node:net';
import { mulberry32 } from '../harness/fake/ids.js';

/** `bodiless-4xx`: a 4xx to HEAD, which carries no body by definition. */
export type Outcome = 'envelope-4xx' | 'bodiless-4xx' | 'closed' | 'plain-4xx' | '2xx-3xx' | '5xx' | 'hung';
export type Category = 'random-bytes' | 'invalid-json' | 'header-injection' | 'junk-path' | 'mutated' | 'special';

export interface Probe {
  category: Category;
  label: string;
  bytes: Uint8Array;
  /** Stop after this many bytes and keep the socket open (slow client). */
  stallAfter?: number;
}

export interface ProbeResult {
  category: Category;
  label: string;
  outcome: Outcome;
  status: number | null;
  ms: number;
}

/** Seeded PRNG (mulberry32) so a failing case can be replayed. */
export const prng = mulberry32;

const enc = new TextEncoder();
const POST_ROUTES = ['/v1/agent-signups', '/v1/create', '/v1/edit', '/v1/feedback', '/v1/upload', '/v1/activity', '/__admin/overrides', '/__admin/presets/hostile'];
const GET_ROUTES = ['/healthz', '/v1/whoami', '/v1/quota', '/v1/models', '/v1/capabilities', '/v1/activity', '/v1/jobs/job_x', '/v1/assets/a', '/media/a/x.png', '/__admin/state'];

function request(method: string, path: string, headers: Record<string, string>, body: Uint8Array | string = ''): Uint8Array {
  const b = typeof body === 'string' ? enc.encode(body) : body;
  const lines = [`${method} ${path} HTTP/1.1`, 'host: 127.0.0.1', 'connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (b.length > 0 || method === 'POST') lines.push(`content-length: ${b.length}`);
  const head = enc.encode(`${lines.join('\r\n')}\r\n\r\n`);
  const out = new Uint8Array(head.length + b.length);
  out.set(head);
  out.set(b, head.length);
  return out;
}

function randomBytes(rand: () => number, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(rand() * 256);
  return out;
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function invalidJson(rand: () => number): string {
  const shapes = [
    () => '{"contact": "a@example.invalid",',
    () => '{\'single\': 1}',
    () => '[1, 2, 3',
    () => '{"a": NaN}',
    () => '{"a": "\\ud800"}',
    () => '\u0000\u0001\u0002',
    () => '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}',
    () => '{"prompt": ' + '"x'.repeat(50) + '}',
    () => String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(rand() * 0x7f))),
    () => 'null',
    () => '12345678901234567890e999999',
    () => '{"a":1}{"b":2}',
  ];
  return pick(rand, shapes)();
}

const INJECTIONS: Array<() => Uint8Array> = [
  () => enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-evil: a\rset-cookie: pwned=1\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-evil: a\nset-cookie: pwned=1\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-evil: a\u0000b\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-folded: a\r\n  continued\r\nconnection: close\r\n\r\n'),
  () => enc.encode('POST /v1/feedback HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 5\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n0\r\n\r\nGET /__admin/reset HTTP/1.1\r\n\r\n'),
  () => enc.encode('POST /v1/feedback HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 5\r\ncontent-length: 50\r\nconnection: close\r\n\r\nhello'),
  () => enc.encode('GET /v1/whoami%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /v1/whoami\r\nSet-Cookie: x=1 HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nbad header name: 1\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer isk_r_\r\n\tinjected\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET /healthz HTTP/9.9\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n'),
  () => enc.encode('GET http://169.254.169.254/latest/meta-data HTTP/1.1\r\nhost: 169.254.169.254\r\nconnection: close\r\n\r\n'),
  () => enc.encode('POST /v1/create HTTP/1.1\r\nhost: 127.0.0.1\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\nzz\r\nnot hex\r\n0\r\n\r\n'),
];

function junkPath(rand: () => number): string {
  const parts = ['..', '%2e%2e', '%00', '%ff', '~', '//', '%25', '?a[]=1&a[b]=2', '#frag', 'é', '%c0%af', '\u2028', 'x'.repeat(Math.floor(rand() * 3000))];
  let p = '/';
  for (let i = 0, n = 1 + Math.floor(rand() * 6); i < n; i++) p += `${pick(rand, parts)}/`;
  return encodeURI(p).replace(/%25/g, pick(rand, ['%', '%25']));
}

/** The 1,000 (or `count`) seeded probes, mixed by category. */
export function hostileProbes(count: number, seed: number): Probe[] {
  const rand = prng(seed);
  const probes: Probe[] = [];
  for (let i = 0; i < count; i++) {
    const r = i % 20;
    if (r < 5) probes.push({ category: 'random-bytes', label: `random-bytes #${i}`, bytes: randomBytes(rand, 1 + Math.floor(rand() * 2048)) });
    else if (r < 10) {
      const path = pick(rand, POST_ROUTES);
      probes.push({ category: 'invalid-json', label: `invalid JSON to ${path}`, bytes: request('POST', path, { 'content-type': 'application/json', authorization: 'Bearer isk_r_fuzz' }, invalidJson(rand)) });
    } else if (r < 13) {
      const n = Math.floor(rand() * INJECTIONS.length);
      probes.push({ category: 'header-injection', label: `header injection #${n}`, bytes: INJECTIONS[n]() });
    } else if (r < 17) {
      const method = pick(rand, ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND']);
      probes.push({ category: 'junk-path', label: `${method} junk path`, bytes: request(method, junkPath(rand), {}) });
    } else {
      const valid = request('GET', pick(rand, GET_ROUTES), { accept: 'application/json' });
      for (let k = 0, flips = 1 + Math.floor(rand() * 4); k < flips; k++) valid[Math.floor(rand() * valid.length)] = Math.floor(rand() * 256);
      probes.push({ category: 'mutated', label: `byte-flipped request #${i}`, bytes: valid });
    }
  }
  return probes;
}

export function deepNesting(levels: number): Probe[] {
  const arrays = '['.repeat(levels) + ']'.repeat(levels);
  const objects = '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
  return [
    { category: 'special', label: `${levels}-level nested arrays to /v1/agent-signups`, bytes: request('POST', '/v1/agent-signups', { 'content-type': 'application/json' }, arrays) },
    { category: 'special', label: `${levels}-level nested objects to /__admin/overrides`, bytes: request('POST', '/__admin/overrides', { 'content-type': 'application/json' }, objects) },
  ];
}

export function hugeBody(bytes: number): Probe {
  const body = new Uint8Array(bytes).fill(0x61);
  return { category: 'special', label: `${Math.round(bytes / 1024 / 1024)} MB body to /v1/upload`, bytes: request('POST', '/v1/upload', { 'content-type': 'application/octet-stream' }, body) };
}

export function oversizedHead(bytes: number): Probe {
  return { category: 'special', label: `${Math.round(bytes / 1024)} KiB header`, bytes: request('GET', '/healthz', { 'x-big': 'b'.repeat(bytes) }) };
}

export function stalledClient(): Probe {
  const bytes = enc.encode('GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\nx-slow: ');
  return { category: 'special', label: 'client stops mid-headers', bytes, stallAfter: bytes.length };
}

function classify(raw: Buffer, head: boolean): { outcome: Outcome; status: number | null } {
  if (raw.length === 0) return { outcome: 'closed', status: null };
  const text = raw.toString('latin1');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (!m) return { outcome: 'closed', status: null };
  const status = Number(m[1]);
  if (status >= 500) return { outcome: '5xx', status };
  if (status < 400) return { outcome: '2xx-3xx', status };
  if (head) return { outcome: 'bodiless-4xx', status };
  const body = text.slice(text.indexOf('\r\n\r\n') + 4);
  try {
    const env = JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) as { ok?: unknown; error?: { code?: unknown } };
    if (env.ok === false && typeof env.error?.code === 'string') return { outcome: 'envelope-4xx', status };
  } catch {
    // not JSON
  }
  return { outcome: 'plain-4xx', status };
}

function isHead(bytes: Uint8Array): boolean {
  return bytes[0] === 0x48 && bytes[1] === 0x45 && bytes[2] === 0x41 && bytes[3] === 0x44 && bytes[4] === 0x20;
}

/** Send one probe on a fresh socket; read until the server closes (or `hangMs` passes). */
export function sendProbe(port: number, probe: Probe, hangMs: number): Promise<ProbeResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (hung: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const c = hung ? { outcome: 'hung' as const, status: null } : classify(Buffer.concat(chunks as Uint8Array[]), isHead(probe.bytes));
      resolve({ category: probe.category, label: probe.label, ...c, ms: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => finish(true), hangMs);
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('connect', () => {
      const bytes = probe.stallAfter === undefined ? probe.bytes : probe.bytes.subarray(0, probe.stallAfter);
      // Large bodies go in slices so a server that refuses early can close on us mid-send.
      const slice = 256 * 1024;
      let offset = 0;
      const pump = (): void => {
        while (offset < bytes.length) {
          const part = bytes.subarray(offset, offset + slice);
          offset += part.length;
          if (!socket.write(part)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  });
}

/** Run probes with bounded concurrency. */
export async function runProbes(port: number, probes: Probe[], opts: { concurrency: number; hangMs: number }): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(probes.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < probes.length) {
      const i = next++;
      results[i] = await sendProbe(port, probes[i], opts.hangMs);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, probes.length) }, worker));
  return results;
}

export function countOutcomes(results: ProbeResult[]): Record<Outcome, number> {
  const out: Record<Outcome, number> = { 'envelope-4xx': 0, 'bodiless-4xx': 0, closed: 0, 'plain-4xx': 0, '2xx-3xx': 0, '5xx': 0, hung: 0 };
  for (const r of results) out[r.outcome]++;
  return out;
}
