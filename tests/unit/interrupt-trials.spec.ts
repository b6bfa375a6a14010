/**
 * Two interrupt trials (the full set is `npm run soak:interrupt`): SIGINT while the browser
 * scenario runs, SIGTERM while anvil starts. After each: no process of that run alive, nothing
 * left in its TMPDIR but tool caches, and a results.json that says "interrupted".
 */
import { test, expect } from '@playwright/test';
import { describeTrial, runInterruptTrial, type Phase, type StopSignal } from '../../scripts/soak-interrupt.js';
import { prng } from '../../benchmarks/fake-fuzz-driver.js';

const trials: Array<[Phase, StopSignal, number]> = [
  ['browser', 'SIGINT', 11],
  ['anvil', 'SIGTERM', 12],
];

for (const [phase, signal, seed] of trials) {
  test(`${signal} during ${phase}: nothing left behind, results.json says interrupted`, async () => {
    test.setTimeout(150_000);
    const r = await runInterruptTrial({ phase, signal, rand: prng(seed), phaseTimeoutMs: 60_000, stopTimeoutMs: 60_000 });
    console.log(describeTrial(r));
    expect(r.phaseSeen).toBe(true);
    expect(r.exitCode).not.toBeNull();
    expect(r.exitCode).not.toBe(0);
    expect(r.processesLeft).toEqual([]);
    expect(r.foldersLeft).toEqual([]);
    expect(r.resultsInterrupted).toBe(true);
  });
}
