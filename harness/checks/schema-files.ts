/** Reads the committed schema sets, document examples and document fingerprints under schemas/. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './contract-extract.js';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const EXAMPLES_DIR = join(SCHEMAS_DIR, 'examples');
const FINGERPRINT_FILE = 'documents.sha256.json';
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

export function parseVersion(v: string): [number, number, number] | null {
  const m = VERSION.exec(v.trim().replace(/^v/, ''));
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

export function compareVersions(a: string, b: string): number {
  const pa = parseVersion(a) ?? [0, 0, 0];
  const pb = parseVersion(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Versions with a hand-written schema set, oldest first. */
export function handWrittenVersions(): string[] {
  return readdirSync(SCHEMAS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && VERSION.test(d.name))
    .map((d) => d.name)
    .sort(compareVersions);
}

/** Hand-written version closest to `version`: the newest not newer than it, else the oldest; newest for non-versions. */
export function nearestHandWritten(version: string): string {
  const known = handWrittenVersions();
  if (known.length === 0) throw new Error(`no schema sets under ${SCHEMAS_DIR}`);
  if (!parseVersion(version)) return known[known.length - 1];
  const notNewer = known.filter((k) => compareVersions(k, version) <= 0);
  return notNewer.length ? notNewer[notNewer.length - 1] : known[0];
}

function readJsonDir(dir: string, skip: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!existsSync(dir)) return out;
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.json') || skip.includes(file)) continue;
    out[file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(join(dir, file), 'utf8')) as unknown;
  }
  return out;
}

/** Schema files of one hand-written version, keyed by shape key (file name without .json). */
export function readHandWrittenSchemas(version: string): Record<string, JsonSchema> {
  const raw = readJsonDir(join(SCHEMAS_DIR, version));
  const out: Record<string, JsonSchema> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`schemas/${version}/${key}.json is not a schema object`);
    out[key] = value as JsonSchema;
  }
  return out;
}

/** Examples extracted from a version's cli.md (schemas/examples/<version>/), keyed by shape key. */
export function readExamples(version: string): Record<string, unknown> {
  return readJsonDir(join(EXAMPLES_DIR, version), [FINGERPRINT_FILE]);
}

/** sha256 of each contract document of a version, as recorded by scripts/extract-examples.ts. */
export function readFingerprints(version: string): Record<string, string> {
  const file = join(EXAMPLES_DIR, version, FINGERPRINT_FILE);
  if (!existsSync(file)) return {};
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const out: Record<string, string> = {};
  if (parsed && typeof parsed === 'object') {
    for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}
