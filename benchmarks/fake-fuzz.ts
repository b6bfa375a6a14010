/**
 * Hostile input at the fake: prints outcome counts for 1,000 seeded hostile requests plus the
 * special cases (deep nesting, 20 MB body, 32 KiB header, stalled client), the peak RSS of the
 * process hosting the fake, and whether it still serves afterwards.
 *
 *   npx tsx benchmarks/fake-fuzz.ts     (BENCH_FUZZ_N=1000, BENCH_FUZZ_SEED=20261201)
 */
import { startFakeService } from '../harness/fake/index.js';
import { countOutcomes, deepNesting, hostileProbes, hugeBody, oversizedHead, runProbes, stalledClient } from './fake-fuzz-driver.js';
import { figuresLine, isMainModule } from './stats.js';

const MB = 1024 * 1024;

export async function fuzzFake(n: number, seed: number): Promise<void> {
  const fake = await startFakeService({ seed });
  try {
    const port = Number(new URL(fake.url).port);
    const rssStart = process.memoryUsage().rss;
    let peak = rssStart;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    const results = await runProbes(port, hostileProbes(n, seed), { concurrency: 16, hangMs: 30_000 });
    const fuzzMs = performance.now() - started;
    const specials = await runProbes(port, [...deepNesting(10_000), hugeBody(20 * MB), oversizedHead(32 * 1024), stalledClient()], { concurrency: 1, hangMs: 30_000 });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const health = await fetch(`${fake.url}/healthz`);
    const counts = countOutcomes([...results, ...specials]);
    const crashes = counts['5xx'] + counts.hung;
    console.log(`fake fuzz: ${n} hostile requests (seed ${seed}) in ${Math.round(fuzzMs)} ms, then ${specials.length} special cases`);
    for (const [outcome, count] of Object.entries(counts)) console.log(`  ${outcome.padEnd(13)} ${count}`);
    for (const s of specials) console.log(`  ${s.label}: ${s.outcome} ${s.status ?? ''} in ${s.ms} ms`);
    console.log(`  journal entries ${fake.journal.entries().length}; /healthz afterwards: ${health.status}`);
    console.log(`  RSS at start ${(rssStart / MB).toFixed(0)} MB, peak ${(peak / MB).toFixed(0)} MB`);
    console.log(
      figuresLine({
        benchmark: 'fake-fuzz',
        figures: [
          { label: 'hostile requests', value: n + specials.length, unit: 'requests' },
          { label: '5xx or hung answers', value: crashes, unit: 'requests', target: '0', status: crashes === 0 ? 'PASS' : 'MISS' },
          { label: 'peak RSS', value: Math.round(peak / MB), unit: 'MB' },
          { label: 'RSS growth', value: Math.round((peak - rssStart) / MB), unit: 'MB', target: '< 512 MB', status: peak - rssStart < 512 * MB ? 'PASS' : 'MISS' },
        ],
      }),
    );
  } finally {
    await fake.close();
  }
}

if (isMainModule(import.meta.url)) {
  await fuzzFake(Number(process.env.BENCH_FUZZ_N ?? 1000), Number(process.env.BENCH_FUZZ_SEED ?? 20261201));
}
