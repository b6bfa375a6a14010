/** `image-skill-conformance` front end: dispatches sub-commands and maps errors to exit codes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TargetError } from '../target/types.js';
import { isRecord } from '../json.js';
import { UsageError } from './args.js';
import { COMMAND_USAGE, USAGE, isCommandName, type CommandName } from './usage.js';
import { packageRoot } from './paths.js';

type Handler = (argv: string[]) => Promise<number>;

const commands: Record<CommandName, () => Promise<Handler>> = {
  run: async () => (await import('./run-command.js')).runCommand,
  serve: async () => (await import('../fake/serve.js')).runServe,
  diff: async () => (await import('./diff-command.js')).diffCommand,
  proof: async () => (await import('./proof-command.js')).proofCommand,
  'verify-proof': async () => (await import('./proof-command.js')).verifyProofCommand,
  mutate: async () => (await import('../mutation/mutate-command.js')).mutateCommand,
  setup: async () => (await import('./setup-command.js')).setupCommand,
  matrix: async () => (await import('../report/matrix/command.js')).matrixCommand,
};

/** `image-skill-conformance <version> (node <version>)`, from the package's own package.json. */
export function versionLine(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8'));
  const version = isRecord(manifest) && typeof manifest.version === 'string' ? manifest.version : 'unknown';
  return `image-skill-conformance ${version} (node ${process.version})`;
}

const wantsHelp = (argv: string[]) => argv.some((a) => a === '--help' || a === '-h');

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    console.log(versionLine());
    return 0;
  }
  // Usage text first, the error last: `| tail` shows what was wrong.
  if (!isCommandName(name)) {
    console.error(`${USAGE}\n\nunknown command "${name}"`);
    return 2;
  }
  if (wantsHelp(rest)) {
    console.log(COMMAND_USAGE[name]);
    return 0;
  }
  try {
    if (name === 'run') {
      // In namespace mode `run` re-executes itself inside a fresh namespace: decide that first.
      const inner = await (await import('./network-flag.js')).enterNamespaceEarly(name, rest);
      if (inner !== null) return inner;
    }
    return await (await commands[name]())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${COMMAND_USAGE[name]}\n\n${err.message}`);
      return 2;
    }
    if (err instanceof TargetError) {
      console.error(err.message);
      return 2;
    }
    console.error(`image-skill-conformance ${name} failed: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}
