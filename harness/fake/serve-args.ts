/** Flags of `image-skill-conformance serve`, validated (exit 2 on any problem). */
import { parseArgs } from 'node:util';

export interface ServeOptions {
  port: number;
  payments: boolean;
  chain: boolean;
  forkUrl: string | null;
  stubsDir: string | null;
  stateFile: string | null;
  /** `--contract <version | folder>`: the documents whose examples and service rules the fake follows; null: the newest known. */
  contract: string | null;
}

export class ServeUsageError extends Error {}

export function parseServeArgs(argv: string[]): ServeOptions {
  let values: { port?: string; host?: string; payments?: boolean; chain?: boolean; 'fork-url'?: string; stubs?: string; state?: string; contract?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        payments: { type: 'boolean' },
        chain: { type: 'boolean' },
        'fork-url': { type: 'string' },
        stubs: { type: 'string' },
        state: { type: 'string' },
        contract: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new ServeUsageError(`serve: ${(err as Error).message}`);
  }
  if ((values.host ?? '127.0.0.1') !== '127.0.0.1') throw new ServeUsageError('serve: --host must be 127.0.0.1 (the fake listens on loopback only)');
  const port = values.port === undefined ? 0 : Number(values.port);
  if (values.port?.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ServeUsageError(`serve: --port must be an integer from 0 to 65535, got ${values.port}`);
  }
  const forkUrl = values['fork-url'] ?? null;
  if (forkUrl !== null && !values.chain) throw new ServeUsageError('serve: --fork-url needs --chain');
  if (forkUrl !== null && !/^https?:\/\/\S+$/.test(forkUrl)) throw new ServeUsageError(`serve: --fork-url must be an http(s) URL, got ${forkUrl}`);
  for (const flag of ['stubs', 'state', 'contract'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') throw new ServeUsageError(`serve: --${flag} needs a ${flag === 'contract' ? 'version or a folder' : 'path'}`);
  }
  return {
    port,
    // x402 settles through the Stripe side, so a chain without payments would be unusable.
    payments: values.payments === true || values.chain === true,
    chain: values.chain === true,
    forkUrl,
    stubsDir: values.stubs ?? null,
    stateFile: values.state ?? null,
    contract: values.contract ?? null,
  };
}
