/** How a fork reaches results.json and the summaries: chain_fork, its schema, and the one-line label. */
import { test, expect } from '@playwright/test';
import { anvilOptionsFor } from '../../harness/chain/anvil.js';
import { chainForkMeta } from '../../harness/chain/fork-meta.js';
import { chainLabel } from '../../harness/report/chain-label.js';
import { parseRunMeta } from '../../harness/report/run-meta.js';
import { validateResultsShape } from '../../harness/report/results-schema.js';

const forkInfo = { upstreamChainId: 8453, blockNumber: 31_000_123n, pinned: true, funding: 'master-minter' as const };

test('chain_fork carries the upstream chain id, the block as a number, the pin and the funding path', () => {
  expect(chainForkMeta(forkInfo)).toEqual({ upstream_chain_id: 8453, block_number: 31_000_123, pinned: true, funding: 'master-minter' });
  expect(chainForkMeta({ ...forkInfo, pinned: false, funding: 'storage-slot', fundingNote: 'USDC configureMinter reverted: Paused()' })).toEqual({
    upstream_chain_id: 8453,
    block_number: 31_000_123,
    pinned: false,
    funding: 'storage-slot',
    funding_note: 'USDC configureMinter reverted: Paused()',
  });
});

test('run metadata accepts chain_fork and refuses a malformed one', () => {
  const meta = parseRunMeta({ chain_mode: 'fork', chain_fork: chainForkMeta(forkInfo) });
  expect(meta.chain_fork).toEqual(chainForkMeta(forkInfo));
  expect(parseRunMeta({ chain_mode: 'local', chain_fork: null }).chain_fork).toBeNull();
  expect(() => parseRunMeta({ chain_mode: 'fork', chain_fork: { upstream_chain_id: 8453 } })).toThrow(/invalid run metadata/);
});

test('results.json with chain_fork validates; a negative block does not', () => {
  const results = {
    schema: 'image-skill-conformance.results.v1',
    run_id: 'r1',
    started_at: '2026-01-01T00:00:00.000Z',
    finished_at: '2026-01-01T00:00:01.000Z',
    cli: { spec: 'reference', name: 'image-skill', version: '0.1.25', integrity: null, ships_documents: [] },
    contract_version: '0.1.25',
    stripe_backend: 'embedded',
    chain_mode: 'fork',
    chain_fork: chainForkMeta(forkInfo),
    scenarios: [],
    summary: { passed: 0, failed: 0, not_run: 0, skipped: 0, total: 0 },
  };
  expect(validateResultsShape(results)).toEqual([]);
  expect(validateResultsShape({ ...results, chain_fork: { ...results.chain_fork, block_number: -1 } }).join(' ')).toMatch(/block_number/);
});

test('the chain label names fork, upstream chain id, block, pin and funding; local and unused stay short', () => {
  expect(chainLabel('fork', chainForkMeta(forkInfo))).toBe('fork (upstream chain id 8453, block 31000123, pinned; USDC via master-minter)');
  expect(chainLabel('fork', chainForkMeta({ ...forkInfo, pinned: false, funding: 'storage-slot', fundingNote: 'Paused' }))).toBe(
    'fork (upstream chain id 8453, block 31000123, upstream head; USDC via storage-slot (Paused))',
  );
  expect(chainLabel('local', undefined)).toBe('local');
  expect(chainLabel(null, undefined, 'not used')).toBe('not used');
});

test('a fork is pinned and never uses the disk cache of upstream state', () => {
  const fork = anvilOptionsFor({ port: 4321, forkUrl: 'http://127.0.0.1:9', forkBlockNumber: 12n }, '/bin/anvil');
  expect(fork).toMatchObject({ forkUrl: 'http://127.0.0.1:9', forkBlockNumber: 12n, noStorageCaching: true });
  const local = anvilOptionsFor({ port: 4321, forkBlockNumber: 12n }, '/bin/anvil');
  expect(local).not.toHaveProperty('forkBlockNumber');
  expect(local).not.toHaveProperty('noStorageCaching');
});
