/** `image-skill-conformance serve`: run the fake in the foreground until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { startFakeService } from './index.js';

export interface ServeIo {
  print(line: string): void;
  error(line: string): void;
  /** Stops the server when aborted (tests); SIGINT/SIGTERM always stop it. */
  stop?: AbortSignal;
}

const defaultIo: ServeIo = { print: (l) => console.log(l), error: (l) => console.error(l) };

export async function runServe(argv: string[], io: ServeIo = defaultIo): Promise<number> {
  let values: { port?: string; host?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, host: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    io.error(`serve: ${(err as Error).message}`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    io.error('serve: --host must be 127.0.0.1 (the fake listens on loopback only)');
    return 2;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.error(`serve: --port must be an integer from 0 to 65535, got ${values.port}`);
    return 2;
  }

  const fake = await startFakeService({ port });
  io.print(`fake image-skill service listening on ${fake.url}`);
  io.print(`export IMAGE_SKILL_API_BASE_URL=${fake.url}`);
  io.print('export IMAGE_SKILL_NO_TELEMETRY=1');
  io.print(`admin API: ${fake.url}/__admin/state (see harness/fake/README.md)`);

  await new Promise<void>((resolve) => {
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      io.stop?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    if (io.stop?.aborted) done();
    else io.stop?.addEventListener('abort', done, { once: true });
  });
  await fake.close();
  io.print('fake image-skill service stopped');
  return 0;
}
