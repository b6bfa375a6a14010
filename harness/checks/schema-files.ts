/**
 * Reads what schemas/ holds per known contract version: the documents' minimum-shape
 * examples, the fingerprints of the documents and the ids of the rules they state. The
 * schemas themselves are built from the rule catalogue (schema-build.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonSchema } from './contract-extract.js';
import { buildShapeSchemas } from './schema-build.js';

export const SCHEMAS_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));
const EXAMPLES_DIR = join(SCHEMAS_DIR, 'examples');
const FINGERPRINT_FILE = 'documents.sha256.json';
const STATED_FILE = 'stated-rules.json';
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

/** Known contract versions (those with a folder under schemas/examples/), oldest first. */
export function knownContractVersions(): string[] {
  if (!existsSync(EXAMPLES_DIR)) return [];
  return readdirSync(EXAMPLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && VERSION.test(d.name))
    .map((d) => d.name)
    .sort(compareVersions);
}

/** Known version closest to `version`: the newest not newer than it, else the oldest; newest for non-versions. */
export function nearestKnownVersion(version: string): string {
  const known = knownContractVersions();
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

/** Schemas of one known version, built from the rule catalogue and that version's examples. */
export function catalogueSchemas(version: string): Record<string, JsonSchema> {
  return buildShapeSchemas(version, readExamples(version));
}

/** Examples extracted from a version's cli.md (schemas/examples/<version>/), keyed by shape key. */
export function readExamples(version: string): Record<string, unknown> {
  return readJsonDir(join(EXAMPLES_DIR, version), [FINGERPRINT_FILE, STATED_FILE]);
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

/** Ids of the rules a known version's documents state, as recorded by scripts/extract-examples.ts (null when not recorded). */
export function readStatedRules(version: string): string[] | null {
  const file = join(EXAMPLES_DIR, version, STATED_FILE);
  if (!existsSync(file)) return null;
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error(`${file}: expected an array of rule ids`);
  return parsed as string[];
}
