/** MANIFEST.sha256.json of a proof bundle: per-file sha256 plus one hash over the whole list. */
import { createHash } from 'node:crypto';

export const PROOF_SCHEMA = 'image-skill-conformance.proof.v1';
export const MANIFEST_NAME = 'MANIFEST.sha256.json';
/** The signed in-toto statement (proof-sign.ts); it signs the manifest, so the manifest does not list it. */
export const ENVELOPE_NAME = 'proof.intoto.dsse.json';

export interface ProofManifest {
  schema: typeof PROOF_SCHEMA;
  /** Relative posix path → lowercase hex sha256 of the file bytes. */
  files: Record<string, string>;
  /** sha256 over `<sha256>  <path>\n` lines sorted by path (sha256sum format). */
  bundle_sha256: string;
}

/** Buffer → plain Uint8Array view (the pinned @types/node Buffer type does not fit newer lib typings). */
export function asBytes(data: string | Buffer): string | Uint8Array {
  return typeof data === 'string' ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(asBytes(data)).digest('hex');
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function bundleHash(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .sort(byPath)
    .map((path) => `${files[path]}  ${path}\n`);
  return sha256(lines.join(''));
}

export function buildManifest(files: Record<string, string>): ProofManifest {
  const sorted: Record<string, string> = {};
  for (const path of Object.keys(files).sort(byPath)) sorted[path] = files[path];
  return { schema: PROOF_SCHEMA, files: sorted, bundle_sha256: bundleHash(sorted) };
}

/** A safe bundle path: relative, posix, no `..`, not the manifest itself. */
export function isSafeRelPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path === MANIFEST_NAME || path === ENVELOPE_NAME) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Problems with a parsed manifest value (empty when usable). */
export function manifestProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [`${MANIFEST_NAME}: not a JSON object`];
  const m = value as Record<string, unknown>;
  const problems: string[] = [];
  if (m.schema !== PROOF_SCHEMA) problems.push(`${MANIFEST_NAME}: schema is ${JSON.stringify(m.schema)}, expected "${PROOF_SCHEMA}"`);
  if (typeof m.bundle_sha256 !== 'string') problems.push(`${MANIFEST_NAME}: bundle_sha256 missing`);
  if (typeof m.files !== 'object' || m.files === null || Array.isArray(m.files)) {
    problems.push(`${MANIFEST_NAME}: files must be an object of path → sha256`);
    return problems;
  }
  for (const [path, hash] of Object.entries(m.files)) {
    if (!isSafeRelPath(path)) problems.push(`${MANIFEST_NAME}: unsafe path ${JSON.stringify(path)}`);
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) problems.push(`${path}: manifest hash is not a sha256 hex string`);
  }
  return problems;
}
