/**
 * Signed proof bundles: `proof.intoto.dsse.json` holds a DSSE envelope (Ed25519) around an
 * in-toto Statement whose subjects are every other file of the bundle with its sha256.
 * Unlike the unkeyed manifest, a recomputed digest list does not verify without the key.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { envelopeProblems, openEnvelope, signEnvelope, type DsseEnvelope } from './proof-dsse.js';
import { listBundleFiles, verifyProofBundle } from './proof-verify.js';
import { ENVELOPE_NAME, bundleHash, sha256 } from './proof-manifest.js';
import { INTOTO_PAYLOAD_TYPE, buildStatement, parseStatement } from './proof-statement.js';

async function digests(dir: string): Promise<Record<string, string>> {
  const { files, odd } = await listBundleFiles(dir);
  if (odd.length > 0) throw new Error(`proof bundle: cannot sign ${odd.join(', ')} (not regular files)`);
  const out: Record<string, string> = {};
  for (const path of files) if (path !== ENVELOPE_NAME) out[path] = sha256(await readFile(join(dir, path)));
  return out;
}

/** Sign the bundle in `dir` as it is on disk; writes ENVELOPE_NAME and returns its path. */
export async function signProofBundle(dir: string, privateKey: KeyObject, now = new Date()): Promise<string> {
  const files = await digests(dir);
  const statement = buildStatement(files, bundleHash(files), now);
  const envelope = signEnvelope(INTOTO_PAYLOAD_TYPE, new Uint8Array(Buffer.from(JSON.stringify(statement), 'utf8')), privateKey);
  const path = join(dir, ENVELOPE_NAME);
  await writeFile(path, `${JSON.stringify(envelope, null, 2)}\n`);
  return path;
}

/** Signature first (nothing else is trusted without it), then every digest, then the unsigned checks. */
export async function verifySignedProofBundle(dir: string, publicKey: KeyObject): Promise<{ ok: boolean; problems: string[] }> {
  let raw: string;
  try {
    raw = await readFile(join(dir, ENVELOPE_NAME), 'utf8');
  } catch (err) {
    return { ok: false, problems: [`${ENVELOPE_NAME}: cannot read the signed statement (${(err as NodeJS.ErrnoException).code ?? String(err)})`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { ok: false, problems: [`${ENVELOPE_NAME}: not valid JSON (${(err as Error).message})`] };
  }
  const shape = envelopeProblems(value, ENVELOPE_NAME);
  if (shape.length > 0) return { ok: false, problems: shape };
  const envelope = value as DsseEnvelope;
  if (envelope.payloadType !== INTOTO_PAYLOAD_TYPE) return { ok: false, problems: [`${ENVELOPE_NAME}: payloadType is ${JSON.stringify(envelope.payloadType)}, expected "${INTOTO_PAYLOAD_TYPE}"`] };
  const payload = openEnvelope(envelope, publicKey);
  if (payload === null) return { ok: false, problems: [`${ENVELOPE_NAME}: no signature verifies with the given public key`] };
  let statementValue: unknown;
  try {
    statementValue = JSON.parse(Buffer.from(payload).toString('utf8'));
  } catch (err) {
    return { ok: false, problems: [`${ENVELOPE_NAME}: signed payload is not JSON (${(err as Error).message})`] };
  }
  const { statement, problems: statementProblems } = parseStatement(statementValue, ENVELOPE_NAME);
  if (!statement) return { ok: false, problems: statementProblems };

  const problems: string[] = [];
  let onDisk: Record<string, string>;
  try {
    onDisk = await digests(dir);
  } catch (err) {
    return { ok: false, problems: [`${dir}: cannot read the bundle (${(err as Error).message})`] };
  }
  const signed = new Map(statement.subject.map((s) => [s.name, s.digest.sha256]));
  for (const [name, expected] of signed) {
    const actual = onDisk[name];
    if (actual === undefined) problems.push(`${name}: signed but missing`);
    else if (actual !== expected) problems.push(`${name}: sha256 differs from the signed statement (signed ${expected.slice(0, 12)}…, file ${actual.slice(0, 12)}…)`);
  }
  for (const name of Object.keys(onDisk).sort()) if (!signed.has(name)) problems.push(`${name}: not covered by the signature`);
  const unsigned = await verifyProofBundle(dir);
  for (const p of unsigned.problems) if (!problems.includes(p)) problems.push(p);
  return { ok: problems.length === 0, problems };
}
