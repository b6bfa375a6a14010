import { test, expect } from '@playwright/test';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST_NAME, verifyProofBundle, writeProofBundle, type ProofContent } from '../../harness/report/proof.js';

const TOKEN = `isk_r_${'0f'.repeat(16)}`;
const TX = `0x${'ab'.repeat(32)}`;

function content(): ProofContent {
  return {
    transcripts: [
      { id: 'inv-1', args: ['signup', '--agent', '--show-token', '--json'], stdout: JSON.stringify({ ok: true, data: { token: TOKEN } }), exitCode: 0 },
      { id: 'inv-2', args: ['credits', 'buy', '--json'], stdout: '{"ok":true}', exitCode: 0, requests: [{ rawAuthorization: `Bearer ${TOKEN}` }] },
    ],
    journal: [
      { seq: 1, method: 'POST', path: '/v1/agent-signups', invocationId: 'inv-1' },
      { seq: 2, method: 'POST', path: '/v1/webhooks/stripe', invocationId: null },
      { seq: 3, method: 'POST', path: '/v1/credit-purchases/stripe-x402-deposits', invocationId: 'inv-2', headers: { authorization: `Bearer ${TOKEN}` } },
    ],
    chainTxHashes: [TX],
    summary: { verdict: 'PASS', agent_contact: 'proof-agent@example.invalid', invocations: [{ id: 'inv-1' }, { id: 'inv-2' }] },
    files: { 'notes/readme.txt': `token was ${TOKEN}\n`, 'media/a.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]) },
  };
}

async function withBundle(fn: (dir: string) => Promise<void>, c: ProofContent = content()): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'isc-report-proof-'));
  try {
    const dir = join(root, 'bundle');
    await writeProofBundle(dir, c);
    await fn(dir);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

test('write then verify: ok, redacted, manifest lists every file', async () => {
  await withBundle(async (dir) => {
    const result = await verifyProofBundle(dir);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir, MANIFEST_NAME), 'utf8'));
    expect(manifest.schema).toBe('image-skill-conformance.proof.v1');
    expect(Object.keys(manifest.files)).toEqual([
      'chain.json', 'journal.json', 'media/a.png', 'notes/readme.txt', 'summary.json', 'transcripts/inv-1.json', 'transcripts/inv-2.json',
    ]);
    expect(manifest.bundle_sha256).toMatch(/^[0-9a-f]{64}$/);
    const t1 = await readFile(join(dir, 'transcripts/inv-1.json'), 'utf8');
    expect(t1).toContain('isk_r_[redacted]');
    expect(t1).not.toContain(TOKEN);
    expect(JSON.parse(await readFile(join(dir, 'transcripts/inv-2.json'), 'utf8')).requests[0].rawAuthorization).toBeNull();
    expect(await readFile(join(dir, 'notes/readme.txt'), 'utf8')).toBe('token was isk_r_[redacted]\n');
    expect(JSON.parse(await readFile(join(dir, 'chain.json'), 'utf8'))).toEqual({ tx_hashes: [TX] });
  });
});

test('writeProofBundle returns the manifest path and file count; refuses a non-empty folder', async () => {
  const root = await mkdtemp(join(tmpdir(), 'isc-report-proof-'));
  try {
    const out = await writeProofBundle(join(root, 'b'), content());
    expect(out).toEqual({ manifestPath: join(root, 'b', MANIFEST_NAME), files: 7 });
    await expect(writeProofBundle(join(root, 'b'), content())).rejects.toThrow(/not empty/);
    await expect(writeProofBundle(join(root, 'c'), { ...content(), files: { '../escape.txt': 'x' } })).rejects.toThrow(/cannot write extra file/);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test('a tampered byte fails verification naming the file', async () => {
  await withBundle(async (dir) => {
    const file = join(dir, 'media/a.png');
    const bytes = await readFile(file);
    bytes[4] ^= 0xff;
    await writeFile(file, new Uint8Array(bytes));
    const result = await verifyProofBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^media\/a\.png: sha256 mismatch/);
  });
});

test('an extra file fails verification', async () => {
  await withBundle(async (dir) => {
    await writeFile(join(dir, 'transcripts/extra.json'), '{}');
    const result = await verifyProofBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('transcripts/extra.json: not listed in the manifest');
  });
});

test('a missing manifest, a missing listed file or an edited file list fail', async () => {
  await withBundle(async (dir) => {
    await unlink(join(dir, 'journal.json'));
    const missingFile = await verifyProofBundle(dir);
    expect(missingFile.problems).toContain('journal.json: listed in the manifest but missing');

    const manifestPath = join(dir, MANIFEST_NAME);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    delete manifest.files['journal.json'];
    await writeFile(manifestPath, JSON.stringify(manifest));
    const edited = await verifyProofBundle(dir);
    expect(edited.problems).toContain(`${MANIFEST_NAME}: bundle_sha256 does not match the listed files`);

    await unlink(manifestPath);
    expect(await verifyProofBundle(dir)).toEqual({ ok: false, problems: [`${MANIFEST_NAME}: missing`] });
  });
  const nowhere = await verifyProofBundle(join(tmpdir(), 'isc-report-proof-does-not-exist'));
  expect(nowhere.ok).toBe(false);
  expect(nowhere.problems[0]).toMatch(/cannot read the bundle directory \(ENOENT\)/);
});

test('a raw token anywhere fails, even when the manifest is rehashed to match', async () => {
  await withBundle(async (dir) => {
    const { createHash } = await import('node:crypto');
    const rel = 'media/a.png';
    const poisoned = `${(await readFile(join(dir, rel))).toString('latin1')} ${TOKEN}`;
    await writeFile(join(dir, rel), poisoned, 'latin1');
    const manifestPath = join(dir, MANIFEST_NAME);
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.files[rel] = createHash('sha256').update(poisoned, 'latin1').digest('hex');
    const lines = Object.keys(manifest.files).sort().map((p) => `${manifest.files[p]}  ${p}\n`).join('');
    manifest.bundle_sha256 = createHash('sha256').update(lines).digest('hex');
    await writeFile(manifestPath, JSON.stringify(manifest));
    const result = await verifyProofBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([`${rel}: contains what looks like a raw isk_r_ token`]);
  });
});

test('internal consistency: unknown journal invocation, unlisted transcript id, real contact', async () => {
  const c = content();
  c.journal.push({ seq: 4, method: 'GET', path: '/v1/quota', invocationId: 'inv-9' });
  c.summary = { verdict: 'PASS', agent_contact: 'someone@gmail.com', invocations: [{ id: 'inv-1' }] };
  await withBundle(async (dir) => {
    const result = await verifyProofBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual(
      expect.arrayContaining([
        'journal.json: entry 3 refers to invocation "inv-9" which has no transcript',
        'transcripts/inv-2.json: invocation inv-2 is not mentioned in summary.json',
        'summary.json: contact "someone@gmail.com" is not an example.invalid address',
      ]),
    );
  }, c);
});
