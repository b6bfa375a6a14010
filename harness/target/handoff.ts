/**
 * The front end resolves the target once, relative to the user's working directory, and hands
 * the result to Playwright's workers in a JSON file (ISC_TARGET_FILE); workers read it instead
 * of resolving the spec again from their own working directory.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isRecord } from '../json.js';
import { resolveTarget } from './resolve.js';
import { parseShippedCommandManifest } from './command-manifest.js';
import type { ContractDocuments, ResolvedTarget, TargetKind } from './types.js';

export const TARGET_FILE_ENV = 'ISC_TARGET_FILE';

const KINDS: readonly TargetKind[] = ['npm', 'tarball', 'directory', 'command', 'reference'];
const DOCUMENT_NAMES: ReadonlyArray<keyof ContractDocuments> = ['cli.md', 'llms.txt', 'skill.md'];

export async function writeTargetFile(file: string, target: ResolvedTarget): Promise<void> {
  await writeFile(file, `${JSON.stringify(target)}\n`, { mode: 0o600 });
}

function stringOrNull(v: unknown, field: string): string | null {
  if (v === null || typeof v === 'string') return v;
  throw new Error(`field "${field}" is neither a string nor null`);
}

function stringRecord(v: unknown, field: string): Record<string, string> {
  if (!isRecord(v)) throw new Error(`field "${field}" is not an object`);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string') throw new Error(`field "${field}.${k}" is not a string`);
    out[k] = value;
  }
  return out;
}

/** Validate what a target file holds; throws naming the first bad field. */
export function parseResolvedTarget(doc: unknown): ResolvedTarget {
  if (!isRecord(doc)) throw new Error('not a JSON object');
  const kind = KINDS.find((k) => k === doc.kind);
  if (!kind) throw new Error(`field "kind" is not one of ${KINDS.join(', ')}`);
  if (typeof doc.spec !== 'string') throw new Error('field "spec" is not a string');
  const command = doc.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((w): w is string => typeof w === 'string')) throw new Error('field "command" is not a non-empty list of strings');
  if (typeof doc.isNode !== 'boolean') throw new Error('field "isNode" is not a boolean');
  const docs = stringRecord(doc.documents, 'documents');
  const documents: ContractDocuments = {};
  for (const name of DOCUMENT_NAMES) if (docs[name] !== undefined) documents[name] = docs[name];
  return {
    spec: doc.spec,
    kind,
    name: stringOrNull(doc.name, 'name'),
    version: stringOrNull(doc.version, 'version'),
    integrity: stringOrNull(doc.integrity, 'integrity'),
    command,
    isNode: doc.isNode,
    env: stringRecord(doc.env, 'env'),
    packageDir: stringOrNull(doc.packageDir, 'packageDir'),
    documents,
    ...(doc.commandManifest === undefined ? {} : { commandManifest: parseShippedCommandManifest(doc.commandManifest) }),
    mutant: stringOrNull(doc.mutant, 'mutant'),
  };
}

export async function readTargetFile(file: string): Promise<ResolvedTarget> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the resolved target ${file}: ${(err as Error).message}`);
  }
  try {
    return parseResolvedTarget(doc);
  } catch (err) {
    throw new Error(`the resolved target in ${file} is malformed: ${(err as Error).message}`);
  }
}

/**
 * The worker's target: the front end's resolution when it handed one over for this spec,
 * else (a plain `playwright test`, a mutation project with its own spec) a fresh resolution.
 */
export async function targetForWorker(cliSpec: string, file: string | null): Promise<ResolvedTarget> {
  if (file) {
    const handed = await readTargetFile(file);
    if (handed.spec === cliSpec) return handed;
  }
  return resolveTarget(cliSpec);
}

/**
 * In namespace mode the run's outer process resolves what needs the registry (npm: targets,
 * --node <version>) before it re-executes inside the namespace, which has no route to one, and
 * hands the results over in a JSON file (ISC_RESOLVED_RUNS); the inner process uses them for the
 * same --cli and --node instead of resolving again.
 */
export const RESOLVED_RUNS_ENV = 'ISC_RESOLVED_RUNS';

export interface HandedRun {
  /** The --cli spec as given. */
  cli: string;
  /** The --node flag as given, or null. */
  node: string | null;
  target: ResolvedTarget;
  /** The note the run prints after the target (which Node runs it). */
  nodeNote: string;
}

export async function writeResolvedRuns(file: string, runs: HandedRun[]): Promise<void> {
  await writeFile(file, `${JSON.stringify(runs)}\n`, { mode: 0o600 });
}

export async function readResolvedRuns(file: string): Promise<HandedRun[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the resolved targets ${file}: ${(err as Error).message}`);
  }
  if (!Array.isArray(doc)) throw new Error(`the resolved targets in ${file} are not a JSON array`);
  return doc.map((entry: unknown, i) => {
    try {
      if (!isRecord(entry)) throw new Error('not a JSON object');
      if (typeof entry.cli !== 'string') throw new Error('field "cli" is not a string');
      if (typeof entry.nodeNote !== 'string') throw new Error('field "nodeNote" is not a string');
      return { cli: entry.cli, node: stringOrNull(entry.node, 'node'), target: parseResolvedTarget(entry.target), nodeNote: entry.nodeNote };
    } catch (err) {
      throw new Error(`the resolved targets in ${file} are malformed at entry ${i}: ${(err as Error).message}`);
    }
  });
}
