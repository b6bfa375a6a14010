/** Signed proof bundles: DSSE envelope (Ed25519) around an in-toto Statement of every file. */
import { test, expect } from '@playwright/test';
import { execa } from 'execa';
import { generateKeyPairSync, createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENVELOPE_NAME, MANIFEST_NAME, signProofBundle, verifyProofBundle, verifySignedProofBundle, writeProofBundle, type ProofContent } from '../../harness/report/proof.js';
import { loadPrivateKey, loadPublicKey, preAuthEncoding, ProofKeyError } from '../../harness/report/proof-dsse.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const bin = join(root, 'bin', 'image-skill-conformance.mjs');

function content(): ProofContent {
  return {
    transcripts: [{ id: 'inv-1', argv: ['create', '--guide'], stdout: '{"ok":true}' }],
    journal: [{ seq: 1, method: 'GET', path: '/v1/quota', invocationId: 'inv-1' }],
    summary: { agent_contact: 'agent@example.invalid', steps: [{ invocation: 'inv-1' }] },
    files: { 'media/a.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  };
}

async function signedBundle(fn: (dir: string, keys: ReturnType<typeof generateKeyPairSync>, root: string) => Promise<void>): Promise<void> {
  const tmp = await mkdtemp(join(tmpdir(), 'isc-proof-signed-'));
  try {
    const dir = join(tmp, 'bundle');
    await writeProofBundle(dir, content());
    const keys = generateKeyPairSync('ed25519');
    await signProofBundle(dir, keys.privateKey, new Date('2026-01-02T03:04:05Z'));
    await fn(dir, keys, tmp);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** Rewrite a file and recompute the unkeyed manifest, as a forger would. */
async function forge(dir: string, rel: string, data: string): Promise<void> {
  await writeFile(join(dir, rel), data);
  const manifestPath = join(dir, MANIFEST_NAME);
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.files[rel] = createHash('sha256').update(data).digest('hex');
  const lines = Object.keys(manifest.files).sort().map((p) => `${manifest.files[p]}  ${p}\n`).join('');
  manifest.bundle_sha256 = createHash('sha256').update(lines).digest('hex');
  await writeFile(manifestPath, JSON.stringify(manifest));
}

test('PAE is the DSSE v1 encoding with byte lengths', () => {
  const pae = Buffer.from(preAuthEncoding('application/example', new TextEncoder().encode('héllo')));
  expect(pae.toString('utf8')).toBe('DSSEv1 19 application/example 6 héllo');
});

test('sign then verify: envelope holds an in-toto Statement with every file and its sha256', async () => {
  await signedBundle(async (dir, keys) => {
    expect(await verifySignedProofBundle(dir, keys.publicKey)).toEqual({ ok: true, problems: [] });
    expect((await verifyProofBundle(dir)).problems).toEqual([]);
    const envelope = JSON.parse(await readFile(join(dir, ENVELOPE_NAME), 'utf8'));
    expect(envelope.payloadType).toBe('application/vnd.in-toto+json');
    expect(envelope.signatures).toHaveLength(1);
    expect(envelope.signatures[0].keyid).toMatch(/^[0-9a-f]{64}$/);
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    expect(statement.subject.map((s: { name: string }) => s.name)).toEqual([
      MANIFEST_NAME, 'journal.json', 'media/a.png', 'summary.json', 'transcripts/inv-1.json',
    ]);
    const png = statement.subject.find((s: { name: string }) => s.name === 'media/a.png');
    expect(png.digest.sha256).toBe(createHash('sha256').update(new Uint8Array(await readFile(join(dir, 'media/a.png')))).digest('hex'));
    expect(statement.predicate.signed_at).toBe('2026-01-02T03:04:05.000Z');
  });
});

test('a tampered file with a recomputed manifest passes the unkeyed check but fails the signed one', async () => {
  await signedBundle(async (dir, keys) => {
    await forge(dir, 'summary.json', JSON.stringify({ agent_contact: 'agent@example.invalid', steps: [{ invocation: 'inv-1' }], forged: true }));
    expect((await verifyProofBundle(dir)).ok).toBe(true);
    const signed = await verifySignedProofBundle(dir, keys.publicKey);
    expect(signed.ok).toBe(false);
    expect(signed.problems).toEqual([
      expect.stringMatching(/^MANIFEST\.sha256\.json: sha256 differs from the signed statement/),
      expect.stringMatching(/^summary\.json: sha256 differs from the signed statement/),
    ]);
  });
});

test('a re-signed statement, another key, an added or removed file all fail', async () => {
  await signedBundle(async (dir, keys) => {
    const other = generateKeyPairSync('ed25519');
    expect(await verifySignedProofBundle(dir, other.publicKey)).toEqual({ ok: false, problems: [`${ENVELOPE_NAME}: no signature verifies with the given public key`] });

    const envPath = join(dir, ENVELOPE_NAME);
    const envelope = JSON.parse(await readFile(envPath, 'utf8'));
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'));
    statement.subject = statement.subject.filter((s: { name: string }) => s.name !== 'media/a.png');
    await writeFile(envPath, JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }));
    expect((await verifySignedProofBundle(dir, keys.publicKey)).problems).toEqual([`${ENVELOPE_NAME}: no signature verifies with the given public key`]);

    await writeFile(envPath, JSON.stringify(envelope));
    await writeFile(join(dir, 'extra.txt'), 'added later');
    const added = await verifySignedProofBundle(dir, keys.publicKey);
    expect(added.problems).toEqual(expect.arrayContaining(['extra.txt: not covered by the signature', 'extra.txt: not listed in the manifest']));

    await rm(join(dir, 'extra.txt'));
    await rm(join(dir, 'media/a.png'));
    expect((await verifySignedProofBundle(dir, keys.publicKey)).problems).toContain('media/a.png: signed but missing');

    await rm(envPath);
    expect((await verifySignedProofBundle(dir, keys.publicKey)).problems[0]).toMatch(/cannot read the signed statement \(ENOENT\)/);
  });
});

test('keys: PEM loading names the problem (wrong kind, wrong algorithm, not PEM)', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  expect(() => loadPrivateKey('nonsense', 'k.pem')).toThrow(ProofKeyError);
  expect(() => loadPrivateKey(ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'k.pem')).toThrow(/k\.pem: the private key is ec, expected ed25519/);
  expect(() => loadPublicKey(ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), 'p.pem')).toThrow(/expected a public key|not a PEM public key/);
  expect(loadPublicKey(ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(), 'p.pem').asymmetricKeyType).toBe('ed25519');
});

test('CLI: verify-proof --public-key with an openssl key; forged bundle exits 1; bad key exits 2', async () => {
  test.skip(!existsSync('/usr/bin/openssl'), 'openssl not installed');
  await signedBundle(async (dir, _keys, tmp) => {
    const keyFile = join(tmp, 'key.pem');
    const pubFile = join(tmp, 'pub.pem');
    await execa('openssl', ['genpkey', '-algorithm', 'ed25519', '-out', keyFile]);
    await execa('openssl', ['pkey', '-in', keyFile, '-pubout', '-out', pubFile]);
    await rm(join(dir, ENVELOPE_NAME));
    await signProofBundle(dir, loadPrivateKey(await readFile(keyFile, 'utf8'), keyFile));
    const run = (args: string[]) => execa(process.execPath, [bin, ...args], { cwd: root, reject: false, timeout: 60_000 });

    const ok = await run(['verify-proof', '--public-key', pubFile, dir]);
    expect(ok.stdout).toContain('OK (signature');
    expect(ok.exitCode).toBe(0);
    const unsignedCheck = await run(['verify-proof', dir]);
    expect(unsignedCheck.exitCode).toBe(0);
    expect(unsignedCheck.stdout).toContain('signature not checked');

    const badKey = await run(['verify-proof', '--public-key', keyFile, dir]);
    expect(badKey.exitCode).toBe(2);
    expect(badKey.stderr).toContain(keyFile);
    const noKey = await run(['verify-proof', '--public-key', join(tmp, 'absent.pem'), dir]);
    expect(noKey.exitCode).toBe(2);
    expect(noKey.stderr).toContain('absent.pem: cannot read the key file (ENOENT)');

    await forge(dir, 'journal.json', '[]');
    const forged = await run(['verify-proof', '--public-key', pubFile, dir]);
    expect(forged.exitCode).toBe(1);
    expect(forged.stderr).toContain('journal.json: sha256 differs from the signed statement');
  });
});
