import type { ShippedCommandManifest } from './command-manifest.js';

/** A CLI build resolved from a `--cli` target spec, ready to be spawned. */
export interface ContractDocuments {
  'cli.md'?: string;
  'llms.txt'?: string;
  'skill.md'?: string;
}

export type TargetKind = 'npm' | 'tarball' | 'directory' | 'command' | 'reference';

export interface ResolvedTarget {
  /** The spec exactly as the user gave it, for messages. */
  spec: string;
  kind: TargetKind;
  /** Package name and version when known (null for bare commands). */
  name: string | null;
  version: string | null;
  /** npm integrity (sha512-...) or a sha256 of the tarball/dir listing; null for commands. */
  integrity: string | null;
  /** argv prefix that starts the CLI, e.g. [process.execPath, '/abs/bin/image-skill.mjs']. */
  command: string[];
  /** True when the command is a Node script, so the network guard preload applies. */
  isNode: boolean;
  /** Extra environment the target needs on every invocation (e.g. the mutant selector). */
  env: Record<string, string>;
  /** Installed package directory when there is one. */
  packageDir: string | null;
  /** Contract documents shipped inside the package, read at resolve time. */
  documents: ContractDocuments;
  /** The package's own command list (commands.json), read at resolve time; absent when it ships none. */
  commandManifest?: ShippedCommandManifest;
  /** Mutant name when the target is a mutant of the reference CLI. */
  mutant: string | null;
}

/** Thrown for a bad target; the CLI front end maps it to exit 2. */
export class TargetError extends Error {
  constructor(
    readonly target: string,
    readonly cause_: string,
  ) {
    super(`cannot use CLI target "${target}": ${cause_}`);
    this.name = 'TargetError';
  }
}
