/** Offline verification of a proof bundle: integrity first, then internal consistency. */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ENVELOPE_NAME, MANIFEST_NAME, bundleHash, manifestProblems, sha256, type ProofManifest } from './proof-manifest.js';
import { RAW_TOKEN_PATTERN } from './redact.js';

const EMAIL = /[A-Za-z0-9._%+*-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/** Every regular file under `root` (posix relative paths), and anything that is not one. */
export async function listBundleFiles(root: string, sub = ''): Promise<{ files: string[]; odd: string[] }> {
  const entries = await readdir(join(root, sub), { withFileTypes: true });
  const out = { files: [] as string[], odd: [] as string[] };
  for (const e of entries) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) {
      const inner = await listBundleFiles(root, rel);
      out.files.push(...inner.files);
      out.odd.push(...inner.odd);
    } else if (e.isFile()) out.files.push(rel);
    else out.odd.push(rel);
  }
  return out;
}

function parseJson(path: string, data: Buffer, problems: string[]): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch (err) {
    problems.push(`${path}: not valid JSON (${(err as Error).message})`);
    return undefined;
  }
}

function collectStrings(value: unknown, out: Set<string>, keyFilter?: RegExp, key = ''): Set<string> {
  if (typeof value === 'string' && (!keyFilter || keyFilter.test(key))) out.add(value);
  else if (Array.isArray(value)) value.forEach((v) => collectStrings(v, out, keyFilter, key));
  else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) collectStrings(v, out, keyFilter, k);
  }
  return out;
}

function consistencyProblems(contents: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const summaryData = contents.get('summary.json');
  if (!summaryData) return ['summary.json: missing from the bundle'];
  const summary = parseJson('summary.json', summaryData, problems);
  const summaryStrings = collectStrings(summary, new Set());
  const transcriptIds = new Set<string>();
  for (const [path, data] of contents) {
    if (!path.startsWith('transcripts/')) continue;
    const t = parseJson(path, data, problems) as { id?: unknown } | undefined;
    if (t === undefined) continue;
    if (typeof t !== 'object' || t === null || typeof t.id !== 'string') {
      problems.push(`${path}: transcript without a string id`);
      continue;
    }
    transcriptIds.add(t.id);
    if (!summaryStrings.has(t.id)) problems.push(`${path}: invocation ${t.id} is not mentioned in summary.json`);
  }
  const journalData = contents.get('journal.json');
  if (!journalData) problems.push('journal.json: missing from the bundle');
  else {
    const journal = parseJson('journal.json', journalData, problems);
    if (journal !== undefined && !Array.isArray(journal)) problems.push('journal.json: not an array');
    if (Array.isArray(journal)) {
      journal.forEach((entry: { invocationId?: unknown }, i) => {
        const ref = entry?.invocationId;
        if (ref !== null && ref !== undefined && (typeof ref !== 'string' || !transcriptIds.has(ref))) {
          problems.push(`journal.json: entry ${i} refers to invocation ${JSON.stringify(ref)} which has no transcript`);
        }
      });
    }
  }
  const contacts = [...collectStrings(summary, new Set(), /contact|email/i), ...[...summaryStrings].flatMap((s) => s.match(EMAIL) ?? [])];
  for (const contact of new Set(contacts)) {
    if (!/@example\.invalid$/i.test(contact.trim())) problems.push(`summary.json: contact ${JSON.stringify(contact)} is not an example.invalid address`);
  }
  const chain = contents.get('chain.json');
  if (chain) {
    const c = parseJson('chain.json', chain, problems) as { tx_hashes?: unknown } | undefined;
    const hashes = c?.tx_hashes;
    if (c !== undefined && (!Array.isArray(hashes) || !hashes.every((h) => typeof h === 'string' && /^0x[0-9a-fA-F]{64}$/.test(h)))) {
      problems.push('chain.json: tx_hashes must be a list of 0x-prefixed 32-byte hashes');
    }
  }
  return problems;
}

export async function verifyProofBundle(dir: string): Promise<{ ok: boolean; problems: string[] }> {
  let listing: { files: string[]; odd: string[] };
  try {
    listing = await listBundleFiles(dir);
    // The signature file is checked by verifySignedProofBundle; the manifest cannot list it.
    listing.files = listing.files.filter((f) => f !== ENVELOPE_NAME);
  } catch (err) {
    return { ok: false, problems: [`${dir}: cannot read the bundle directory (${(err as NodeJS.ErrnoException).code ?? String(err)})`] };
  }
  if (!listing.files.includes(MANIFEST_NAME)) return { ok: false, problems: [`${MANIFEST_NAME}: missing`] };
  const problems: string[] = listing.odd.map((p) => `${p}: not a regular file`);
  const manifestData = await readFile(join(dir, MANIFEST_NAME));
  const manifestValue = parseJson(MANIFEST_NAME, manifestData, problems);
  if (manifestValue === undefined) return { ok: false, problems };
  const shapeProblems = manifestProblems(manifestValue);
  if (shapeProblems.length > 0) return { ok: false, problems: [...problems, ...shapeProblems] };
  const manifest = manifestValue as ProofManifest;

  if (bundleHash(manifest.files) !== manifest.bundle_sha256) problems.push(`${MANIFEST_NAME}: bundle_sha256 does not match the listed files`);
  const contents = new Map<string, Buffer>();
  for (const [path, expected] of Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!listing.files.includes(path)) {
      problems.push(`${path}: listed in the manifest but missing`);
      continue;
    }
    const data = await readFile(join(dir, path));
    contents.set(path, data);
    const actual = sha256(data);
    if (actual !== expected) problems.push(`${path}: sha256 mismatch (manifest ${expected.slice(0, 12)}…, file ${actual.slice(0, 12)}…)`);
  }
  for (const path of listing.files.sort()) {
    if (path !== MANIFEST_NAME && !(path in manifest.files)) problems.push(`${path}: not listed in the manifest`);
  }
  for (const path of [...listing.files].sort()) {
    const data = path === MANIFEST_NAME ? manifestData : contents.get(path) ?? (await readFile(join(dir, path)));
    if (RAW_TOKEN_PATTERN.test(data.toString('latin1'))) problems.push(`${path}: contains what looks like a raw isk_r_ token`);
  }
  problems.push(...consistencyProblems(contents));
  return { ok: problems.length === 0, problems };
}
