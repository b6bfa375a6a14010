/**
 * Chooses the contract version a run is checked against and loads its schema
 * set, built from the rule catalogue: with a known version's examples, or with the
 * package's own cli.md examples laid over the nearest known version's.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { extractMinimumExamples } from './contract-extract.js';
import { buildShapeSchemas } from './schema-build.js';
import { shapeRules } from '../rules/index.js';
import type { JsonSchema } from './contract-extract.js';
import { shapeKeyForExample } from './contract-shapes.js';
import {
  compareVersions,
  knownContractVersions,
  nearestKnownVersion,
  parseVersion,
  readExamples,
  readFingerprints,
  catalogueSchemas,
} from './schema-files.js';

export { selectShape } from './schema-select.js';
export type { JsonSchema };

export interface PackageDocuments {
  'cli.md'?: string;
  'llms.txt'?: string;
  'skill.md'?: string;
}

export interface PickedVersion {
  version: string;
  source: 'flag' | 'package-documents' | 'newest';
  warnings: string[];
}

export interface SchemaSet {
  version: string;
  /** 'catalogue': the rule catalogue with a known version's examples; 'derived': package examples over `baseVersion`'s set. */
  origin: 'catalogue' | 'derived';
  /** Known version the set was built from (equals `version` for a known one). */
  baseVersion: string;
  /** Schemas by shape key (`credits-buy.x402`, `envelope.error`, ...). */
  schemas: Record<string, JsonSchema>;
  /** The documents' minimum-shape examples the schemas were built from, by shape key (also the fake's answer templates). */
  examples: Record<string, unknown>;
  /** Keys whose schema was derived from the package's cli.md. */
  derivedKeys: string[];
  warnings: string[];
}

/** Version names given to document sets we cannot name; they always get derived schemas. */
const DERIVED_PREFIX = 'derived-';

export function pickContractVersion(opts: { contractFlag?: string | null; documents?: PackageDocuments }): PickedVersion {
  const known = knownContractVersions();
  const newest = known[known.length - 1];
  const flag = opts.contractFlag?.trim();
  if (flag) {
    const version = flag.replace(/^v/, '');
    const warnings = known.includes(version) ? [] : [`no schema set for contract ${version}; ${fallbackNote(version, opts.documents)}`];
    return { version, source: 'flag', warnings };
  }
  const docs = opts.documents ?? {};
  const named = versionNamedIn(docs);
  if (named) {
    const warnings = known.includes(named) ? [] : [`package documents name contract ${named}, which has no schema set; ${fallbackNote(named, docs)}`];
    return { version: named, source: 'package-documents', warnings };
  }
  const recognised = versionByFingerprint(docs) ?? versionByExamples(docs);
  if (recognised) return { version: recognised, source: 'package-documents', warnings: [] };
  const cliMd = docs['cli.md'];
  if (cliMd && extractMinimumExamples(cliMd).length > 0) {
    const version = `${DERIVED_PREFIX}${sha256(cliMd).slice(0, 12)}`;
    return {
      version,
      source: 'package-documents',
      warnings: [`package documents match no known contract version; checking against schemas derived from its cli.md over ${newest}`],
    };
  }
  const why = Object.keys(docs).length ? 'package documents name no contract version' : 'the package ships no contract documents';
  return { version: newest, source: 'newest', warnings: [`${why}; using the newest known contract ${newest}`] };
}

function fallbackNote(version: string, docs: PackageDocuments | undefined): string {
  const base = nearestKnownVersion(version);
  return docs?.['cli.md'] ? `deriving from the package's cli.md over ${base}` : `using ${base}`;
}

/** Highest version found in a CHANGELOG-style heading or an explicit "version" mention. */
function versionNamedIn(docs: PackageDocuments): string | null {
  const found: string[] = [];
  const patterns = [
    /^#{1,6}\s*\[?v?(\d+\.\d+\.\d+)\]?(?=[\s\]-]|$)/gm,
    /\bversion\b["'`]?\s*[:=]?\s*["'`]?v?(\d+\.\d+\.\d+)\b/gi,
    /\bimage-skill@v?(\d+\.\d+\.\d+)\b/g,
  ];
  for (const text of [docs['cli.md'], docs['llms.txt']]) {
    if (!text) continue;
    for (const re of patterns) for (const m of text.matchAll(re)) found.push(m[1]);
  }
  return found.filter((v) => parseVersion(v)).sort(compareVersions).pop() ?? null;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Newest known version whose recorded hashes equal every document the package
 * ships (cli.md and llms.txt; llms.txt alone can be shared by several versions).
 */
function versionByFingerprint(docs: PackageDocuments): string | null {
  const shipped = (['cli.md', 'llms.txt'] as const).filter((d) => docs[d] !== undefined);
  if (shipped.length === 0) return null;
  for (const version of [...knownContractVersions()].reverse()) {
    const prints = readFingerprints(version);
    if (shipped.every((d) => prints[d] === sha256(docs[d] ?? ''))) return version;
  }
  return null;
}

/** Newest known version whose examples are exactly the package cli.md's examples. */
function versionByExamples(docs: PackageDocuments): string | null {
  const cliMd = docs['cli.md'];
  if (!cliMd) return null;
  const theirs: Record<string, unknown> = {};
  for (const e of extractMinimumExamples(cliMd)) {
    const key = shapeKeyForExample(e.section, e.label);
    if (e.error || !key) return null;
    theirs[key] = e.example;
  }
  if (Object.keys(theirs).length === 0) return null;
  for (const version of [...knownContractVersions()].reverse()) {
    if (isDeepStrictEqual(readExamples(version), theirs)) return version;
  }
  return null;
}

const knownVersionCache = new Map<string, SchemaSet>();

export function loadSchemaSet(version: string, documents?: PackageDocuments): SchemaSet {
  if (knownContractVersions().includes(version)) return knownVersionSet(version);
  const base = knownVersionSet(nearestKnownVersion(version));
  const set: SchemaSet = { version, origin: 'derived', baseVersion: base.version, schemas: { ...base.schemas }, examples: { ...base.examples }, derivedKeys: [], warnings: [] };
  const cliMd = documents?.['cli.md'];
  if (!cliMd) {
    set.warnings.push(`no known contract ${version} and no cli.md to derive from; using ${base.version}`);
    return set;
  }
  // The package's own examples replace the nearest known version's, shape by shape; the rules stay the catalogue's.
  const examples = readExamples(base.version);
  for (const found of extractMinimumExamples(cliMd)) {
    const key = shapeKeyForExample(found.section, found.label);
    if (found.error) {
      set.warnings.push(`${found.error}; the ${base.version} example${key ? ` for ${key}` : ''} still applies`);
    } else if (!key) {
      set.warnings.push(`section "${found.section}": "${found.label}" matches no known output shape; example ignored`);
    } else if (!shapeRules(key).some((r) => r.shape?.fromExample)) {
      set.warnings.push(`section "${found.section}": the minimum-shape block "${found.label}" (${key}) is covered by no rule of the catalogue; not checked`);
    } else {
      examples[key] = found.example;
      set.derivedKeys.push(key);
    }
  }
  set.schemas = buildShapeSchemas(version, examples);
  set.examples = examples;
  return set;
}

function knownVersionSet(version: string): SchemaSet {
  let set = knownVersionCache.get(version);
  if (!set) {
    set = { version, origin: 'catalogue', baseVersion: version, schemas: catalogueSchemas(version), examples: readExamples(version), derivedKeys: [], warnings: [] };
    knownVersionCache.set(version, set);
  }
  return set;
}

/** Shape keys documented for a version (its set's keys; the nearest set's for unknown versions). */
export function documentedShapeKeys(version: string): string[] {
  return Object.keys(catalogueSchemas(nearestKnownVersion(version))).sort();
}
