/**
 * Proof bundles: a folder anyone can check offline that a proof run happened as reported.
 * Layout: transcripts/<invocation-id>.json, journal.json, chain.json (optional),
 * summary.json, any extra files, and MANIFEST.sha256.json over all of them.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MANIFEST_NAME, asBytes, buildManifest, isSafeRelPath, sha256 } from './proof-manifest.js';
import { redactText, redactValue } from './redact.js';
import { safeSegment } from './slug.js';

export { verifyProofBundle } from './proof-verify.js';
export { ENVELOPE_NAME, MANIFEST_NAME, PROOF_SCHEMA } from './proof-manifest.js';
export { signProofBundle, verifySignedProofBundle } from './proof-sign.js';

export interface ProofContent {
  /** Invocation transcripts; each needs a string `id`. */
  transcripts: object[];
  /** Fake-service journal entries; `invocationId` (when set) must name a transcript. */
  journal: object[];
  chainTxHashes?: string[];
  /** Run summary; must mention every transcript's invocation id. */
  summary: object;
  /** Extra files by relative path. Text is redacted; Buffers are written as given. */
  files?: Record<string, string | Buffer>;
}

const RESERVED = new Set(['journal.json', 'chain.json', 'summary.json', MANIFEST_NAME]);

function json(value: unknown): string {
  return `${JSON.stringify(redactValue(value), null, 2)}\n`;
}

function plannedFiles(content: ProofContent): Map<string, string | Buffer> {
  const out = new Map<string, string | Buffer>();
  for (const t of content.transcripts) {
    const id = (t as { id?: unknown }).id;
    if (typeof id !== 'string' || id === '') throw new Error('proof bundle: every transcript needs a string id');
    const path = `transcripts/${safeSegment(id)}.json`;
    if (out.has(path)) throw new Error(`proof bundle: two transcripts map to ${path}`);
    out.set(path, json(t));
  }
  out.set('journal.json', json(content.journal));
  if (content.chainTxHashes) out.set('chain.json', json({ tx_hashes: content.chainTxHashes }));
  out.set('summary.json', json(content.summary));
  for (const [path, data] of Object.entries(content.files ?? {})) {
    if (!isSafeRelPath(path) || RESERVED.has(path) || out.has(path)) throw new Error(`proof bundle: cannot write extra file ${JSON.stringify(path)}`);
    out.set(path, typeof data === 'string' ? redactText(data) : data);
  }
  return out;
}

async function assertEmptyDir(dir: string): Promise<void> {
  try {
    const entries = await readdir(dir);
    if (entries.length > 0) throw new Error(`proof bundle: ${dir} is not empty`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

export async function writeProofBundle(dir: string, content: ProofContent): Promise<{ manifestPath: string; files: number }> {
  const files = plannedFiles(content);
  await assertEmptyDir(dir);
  const hashes: Record<string, string> = {};
  for (const [path, data] of files) {
    const target = join(dir, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, asBytes(data));
    hashes[path] = sha256(data);
  }
  const manifestPath = join(dir, MANIFEST_NAME);
  await writeFile(manifestPath, `${JSON.stringify(buildManifest(hashes), null, 2)}\n`);
  return { manifestPath, files: files.size };
}
