/**
 * `run --contract <version | folder>`: a known contract version (a folder under
 * schemas/examples/), or a folder holding the documents themselves (cli.md at least; llms.txt
 * and skill.md when there), validated by the fake's own `contractFromFlag`. Anything else is a
 * usage error (exit 2) that lists what the flag takes. A folder's documents reach the workers
 * as RUN_ENV.contractDir: their schema set and stated rules are built from those documents
 * (fixtures/test.ts), not from the package's.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { knownContractVersions } from '../checks/schema-files.js';
import { pickContractVersion } from '../checks/schema-registry.js';
import { contractFromFlag } from '../fake/contract-in-force.js';
import type { ResolvedTarget } from '../target/types.js';
import { RUN_ENV } from '../run-config.js';
import { UsageError } from './args.js';

export interface ContractFlag {
  /** The version the run is judged against (a known one, or derived-… for unknown documents). */
  version: string;
  /** Set for a folder of documents: its absolute path. */
  dir: string | null;
  /** For the line that names the run and for summary.md. */
  source: string;
  /** What the workers get (RUN_ENV.contract or RUN_ENV.contractDir). */
  env: Record<string, string>;
}

/** What --contract accepts, for its error message. */
export function contractFlagAccepts(): string {
  return `--contract takes a known contract version (${knownContractVersions().join(', ')}) or a folder of contract documents (cli.md at least; llms.txt and skill.md are read when there)`;
}

/** Validate --contract; null when it was not given. */
export async function parseContractFlag(flag: string | undefined): Promise<ContractFlag | null> {
  if (flag === undefined) return null;
  const trimmed = flag.trim();
  if (trimmed === '') throw new UsageError(`--contract is empty; ${contractFlagAccepts()}`);
  const version = trimmed.replace(/^v/, '');
  if (knownContractVersions().includes(version)) return { version, dir: null, source: `--contract ${version}`, env: { [RUN_ENV.contract]: version } };
  const dir = resolve(trimmed);
  if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--contract ${flag}: not a known contract version, and ${dir} is not a folder; ${contractFlagAccepts()}`);
  }
  let picked: Awaited<ReturnType<typeof contractFromFlag>>;
  try {
    picked = await contractFromFlag(trimmed);
  } catch (err) {
    const cause = (err as Error).message.replace(/^--contract [^:]*: /, '');
    throw new UsageError(`--contract ${flag}: ${cause}; ${contractFlagAccepts()}`);
  }
  const docs = Object.keys(picked.documents).sort().join(', ');
  const known = knownContractVersions().includes(picked.version);
  const what = known ? `recognised as ${picked.version}` : `no known version; schemas derived from its cli.md`;
  return { version: picked.version, dir, source: `--contract ${dir}: its documents (${docs}), ${what}`, env: { [RUN_ENV.contractDir]: dir } };
}

/**
 * How the contract version is chosen, for the summary: the flag's, else the package's
 * documents', else the newest known.
 */
export function contractSource(flag: ContractFlag | null, target: ResolvedTarget): string {
  if (flag) return flag.source;
  const known = knownContractVersions();
  const fromDocs = pickContractVersion({ documents: target.documents });
  if (fromDocs.source === 'newest') return `newest known; ${Object.keys(target.documents).length > 0 ? 'the package documents name no contract version' : 'the package ships no contract documents'}`;
  return known.includes(fromDocs.version) ? 'named by the package documents' : "derived from the package's cli.md";
}
