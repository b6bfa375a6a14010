/**
 * Hostile input at the fake (bounded): 1,000 seeded hostile requests on 127.0.0.1, then deep
 * nesting (10,000 levels), a 20 MB body, a 32 KiB header and a client that stalls mid-headers.
 * Each gets a 4xx error envelope (or, for HEAD, a bodiless 4xx) or a closed socket; a 2xx is
 * accepted only for byte-flipped copies of valid requests that stayed valid. The server keeps
 * serving, the journal stays consistent, and memory stays bounded (peak RSS is printed by
 * benchmarks/fake-fuzz.ts; here only a generous ceiling on growth is checked).
 */
import { test, expect } from '@playwright/test';
import { startFakeService } from '../../harness/fake/index.js';
import { contractForVersion } from '../../harness/fake/contract-in-force.js';
import { DEFAULT_HTTP_LIMITS } from '../../harness/fake/server.js';
import { countOutcomes, deepNesting, hostileProbes, hugeBody, oversizedHead, runProbes, stalledClient, type ProbeResult } from '../../benchmarks/fake-fuzz-driver.js';

const SEED = 20261201;

function unexpected(results: ProbeResult[]): string[] {
  return results
    .filter((r) => !(r.outcome === 'envelope-4xx' || r.outcome === 'bodiless-4xx' || r.outcome === 'closed' || (r.outcome === '2xx-3xx' && r.category === 'mutated')))
    .map((r) => `${r.label}: ${r.outcome} ${r.status ?? ''}`);
}

test('limits are configured, not accidental', () => {
  expect(DEFAULT_HTTP_LIMITS.maxBodyBytes).toBeLessThan(20 * 1024 * 1024);
  expect(DEFAULT_HTTP_LIMITS.maxHeaderBytes).toBeLessThan(32 * 1024);
  expect(DEFAULT_HTTP_LIMITS.headersTimeoutMs).toBeLessThanOrEqual(15_000);
});

test('1,000 hostile requests, deep nesting, a 20 MB body, a huge header and a stalled client', async () => {
  test.setTimeout(180_000);
  // A stalled client is cut off by the headers timeout; 2 s here instead of the default 10 s.
  const limits = { headersTimeoutMs: 2_000 };
  // Documents where signup demands a contact: under later ones an object body without one is an
  // anonymous signup (2xx), which would hide whether hostile bodies are refused.
  const fake = await startFakeService({ seed: SEED, limits, contract: contractForVersion('0.1.25') });
  try {
    const port = Number(new URL(fake.url).port);
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 25);

    const probes = hostileProbes(1000, SEED);
    expect(probes).toHaveLength(1000);
    const results = await runProbes(port, probes, { concurrency: 16, hangMs: 30_000 });
    const counts = countOutcomes(results);
    console.log(`fuzz outcomes (seed ${SEED}): ${JSON.stringify(counts)}`);
    expect(unexpected(results)).toEqual([]);
    expect(counts['5xx']).toBe(0);
    expect(counts.hung).toBe(0);
    expect(counts['envelope-4xx']).toBeGreaterThan(900);

    const specials = await runProbes(port, [...deepNesting(10_000), hugeBody(20 * 1024 * 1024), oversizedHead(32 * 1024), stalledClient()], { concurrency: 1, hangMs: 30_000 });
    clearInterval(sampler);
    console.log(specials.map((r) => `${r.label}: ${r.outcome} ${r.status} in ${r.ms} ms`).join('\n'));
    expect(specials.map((r) => [r.label, r.outcome, r.status])).toEqual([
      ['10000-level nested arrays to /v1/agent-signups', 'envelope-4xx', 400],
      ['10000-level nested objects to /__admin/overrides', 'envelope-4xx', 400],
      ['20 MB body to /v1/upload', 'envelope-4xx', 413],
      ['32 KiB header', 'envelope-4xx', 431],
      ['client stops mid-headers', 'envelope-4xx', 408],
    ]);
    expect(specials[4].ms).toBeGreaterThanOrEqual(limits.headersTimeoutMs - 500);
    expect(specials[4].ms).toBeLessThan(limits.headersTimeoutMs + 5_000);
    const growthMb = (peak - rssBefore) / 1024 / 1024;
    console.log(`RSS before ${Math.round(rssBefore / 1048576)} MB, peak ${Math.round(peak / 1048576)} MB`);
    expect(growthMb).toBeLessThan(512);

    // Still serving, and the journal is consistent: gapless increasing seq, every entry answered.
    const health = await fetch(`${fake.url}/healthz`);
    expect(health.status).toBe(200);
    const signup = await fetch(`${fake.url}/v1/agent-signups`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ agent_name: 'fuzz-after', contact: 'fuzz@example.invalid' }) });
    expect(signup.status).toBeLessThan(500);
    const entries = fake.journal.entries();
    // Requests refused before routing (unparseable heads, bad paths) are not journaled; the rest are, once each.
    expect(entries.length).toBeGreaterThan(300);
    expect(entries.length).toBeLessThanOrEqual(probes.length + specials.length + 2);
    entries.forEach((e, i) => {
      if (i > 0) expect(e.seq).toBe(entries[i - 1].seq + 1);
      expect(typeof e.status).toBe('number');
      expect(typeof e.path).toBe('string');
    });
    expect(entries.filter((e) => e.status === 413).map((e) => e.path)).toEqual(['/v1/upload']);
    expect(entries.at(-1)?.path).toBe('/v1/agent-signups');
  } finally {
    await fake.close();
  }
});
