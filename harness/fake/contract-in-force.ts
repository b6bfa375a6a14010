/**
 * The documents in force as the fake needs them: their minimum-shape examples (the templates of
 * its answers) and the ids of the rules they state (the service rules decide what it accepts).
 * A run hands over its own; `serve` picks them from `--contract <version | folder>`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { loadSchemaSet, pickContractVersion, type PackageDocuments } from '../checks/schema-registry.js';
import { knownContractVersions } from '../checks/schema-files.js';
import { statedRules } from '../rules/stated.js';

export interface ContractInForce {
  examples: Record<string, unknown>;
  stated: ReadonlySet<string>;
}

export interface PickedContract extends ContractInForce {
  /** The version the documents were recognised as (or derived-…), for messages. */
  version: string;
  /** The documents themselves, when a folder gave them (the fake serves them as /cli.md etc.). */
  documents: PackageDocuments;
}

/** The documents in force for a known (or derived) contract version. */
export function contractForVersion(version: string, documents: PackageDocuments = {}): PickedContract {
  return { version, examples: loadSchemaSet(version, documents).examples, stated: statedRules(version, documents).ids, documents };
}

export function newestContractInForce(): PickedContract {
  const known = knownContractVersions();
  return contractForVersion(known[known.length - 1]);
}

const DOCUMENT_NAMES = ['cli.md', 'llms.txt', 'skill.md'] as const;

/** `--contract`: a known version, or a folder holding the documents (cli.md at least). */
export async function contractFromFlag(flag: string): Promise<PickedContract> {
  const version = flag.trim().replace(/^v/, '');
  if (knownContractVersions().includes(version)) return contractForVersion(version);
  const dir = resolve(flag);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`--contract ${flag}: neither a known contract version (${knownContractVersions().join(', ')}) nor a folder of documents`);
  }
  const documents: PackageDocuments = {};
  for (const name of DOCUMENT_NAMES) {
    const file = join(dir, name);
    if (existsSync(file)) documents[name] = await readFile(file, 'utf8');
  }
  if (!documents['cli.md']) throw new Error(`--contract ${flag}: the folder holds no cli.md`);
  return contractForVersion(pickContractVersion({ documents }).version, documents);
}
