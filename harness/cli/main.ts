/** `image-skill-conformance` front end: dispatches sub-commands and maps errors to exit codes. */
import { TargetError } from '../target/types.js';
import { UsageError } from './args.js';

const USAGE = `usage: image-skill-conformance <command> [flags]

commands:
  run [--cli <target>] [--contract <version>] [--grep <pattern>] [--shard i/n] [--workers n] [--allow-not-run] [--report-dir <dir>]
      [--expect <known-defects.json> [--strict-expectations] [--update-expectations]]
      [--network namespace|guard|off]   (default: namespace where unshare works, else guard)
  serve [--port <port>] [--payments] [--chain [--fork-url <url>]] [--stubs <dir>] [--state <file>]
  diff --base <target> --head <target> [--grep <pattern>] [--out <dir>] [--fail-on regressed|changed|never]
  proof [--cli <target>] [--out <dir>] [--key <ed25519-pkcs8.pem>]
  verify-proof [--public-key <ed25519-spki.pem>] <bundle-dir>
  mutate [--mutant <name>] [--workers n] [--report-dir <dir>]

targets: reference | reference:<mutant> | npm:<spec> | <path.tgz> | <package dir> | cmd:<command line>`;

type Handler = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Handler>> = {
  run: async () => (await import('./run-command.js')).runCommand,
  serve: async () => (await import('../fake/serve.js')).runServe,
  diff: async () => (await import('./diff-command.js')).diffCommand,
  proof: async () => (await import('./proof-command.js')).proofCommand,
  'verify-proof': async () => (await import('./proof-command.js')).verifyProofCommand,
  mutate: async () => (await import('../mutation/mutate-command.js')).mutateCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load())(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${USAGE}`);
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
