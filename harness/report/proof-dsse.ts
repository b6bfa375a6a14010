/**
 * DSSE (Dead Simple Signing Envelope) with Ed25519 from node:crypto. The signature covers
 * PAE(payloadType, payload) = "DSSEv1 <len(type)> <type> <len(body)> <body>" (lengths in bytes).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

export interface DsseSignature {
  keyid: string;
  sig: string;
}

export interface DsseEnvelope {
  payloadType: string;
  /** base64 of the payload bytes. */
  payload: string;
  signatures: DsseSignature[];
}

export class ProofKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProofKeyError';
  }
}

/** Pre-Authentication Encoding of DSSE v1. */
export function preAuthEncoding(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = Buffer.from(payloadType, 'utf8');
  const head = Buffer.from(`DSSEv1 ${type.length} ${payloadType} ${payload.length} `, 'utf8');
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

function ed25519(key: KeyObject, what: string, source: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ProofKeyError(`${source}: ${what} is ${key.asymmetricKeyType ?? 'not an asymmetric key'}, expected ed25519`);
  }
  return key;
}

/** A PKCS#8 PEM private key (`openssl genpkey -algorithm ed25519`). */
export function loadPrivateKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new ProofKeyError(`${source}: not a PEM private key (${(err as Error).message})`);
  }
  return ed25519(key, 'the private key', source);
}

/** An SPKI PEM public key (`openssl pkey -pubout`). */
export function loadPublicKey(pem: string, source: string): KeyObject {
  // createPublicKey would quietly derive the public half from a private key: refuse that.
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new ProofKeyError(`${source}: holds a private key, expected a public key (SPKI PEM)`);
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new ProofKeyError(`${source}: not a PEM public key (${(err as Error).message})`);
  }
  if (key.type !== 'public') throw new ProofKeyError(`${source}: holds a ${key.type} key, expected a public key`);
  return ed25519(key, 'the public key', source);
}

/** keyid: sha256 of the SPKI DER of the public key, hex. */
export function keyIdOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(new Uint8Array(pub.export({ type: 'spki', format: 'der' }))).digest('hex');
}

export function signEnvelope(payloadType: string, payload: Uint8Array, privateKey: KeyObject): DsseEnvelope {
  const sig = sign(null, preAuthEncoding(payloadType, payload), privateKey);
  return {
    payloadType,
    payload: Buffer.from(payload).toString('base64'),
    signatures: [{ keyid: keyIdOf(privateKey), sig: sig.toString('base64') }],
  };
}

/** Problems with an envelope's shape (empty when usable). */
export function envelopeProblems(value: unknown, source: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${source}: not a JSON object`];
  const e = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof e.payloadType !== 'string') problems.push(`${source}: payloadType must be a string`);
  if (typeof e.payload !== 'string') problems.push(`${source}: payload must be a base64 string`);
  const sigs = e.signatures;
  if (!Array.isArray(sigs) || sigs.length === 0) problems.push(`${source}: signatures must be a non-empty list`);
  else if (!sigs.every((s) => typeof s === 'object' && s !== null && typeof (s as Record<string, unknown>).sig === 'string')) {
    problems.push(`${source}: every signature needs a base64 sig`);
  }
  return problems;
}

/** The decoded payload when some signature verifies under `publicKey`, else null. */
export function openEnvelope(envelope: DsseEnvelope, publicKey: KeyObject): Uint8Array | null {
  const payload = new Uint8Array(Buffer.from(envelope.payload, 'base64'));
  const pae = preAuthEncoding(envelope.payloadType, payload);
  for (const s of envelope.signatures) {
    const sig = new Uint8Array(Buffer.from(s.sig, 'base64'));
    if (verify(null, pae, publicKey, sig)) return payload;
  }
  return null;
}
