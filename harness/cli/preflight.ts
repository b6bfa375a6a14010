/**
 * Checks made before any scenario runs, so a run that cannot work stops at once (exit 2)
 * naming the cause: report folder not writable, disk full or file size limited, loopback
 * port unavailable, anvil binary missing.
 */
import { mkdir, rm, statfs, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { resolveAnvilBinary } from '../chain/anvil-binary.js';

/** Bytes the probe writes: results, transcripts and the HTML report need at least this much. */
export const PROBE_BYTES = 1024 * 1024;
/** Below this much free space on the report folder's file system the run is refused. */
export const MIN_FREE_BYTES = 32 * 1024 * 1024;

export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

function code(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

export async function checkReportDir(dir: string, minFreeBytes = MIN_FREE_BYTES): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    throw new PreflightError(`report folder ${dir} cannot be created (${code(err)})`);
  }
  const probe = join(dir, `.preflight-${process.pid}`);
  try {
    await writeFile(probe, new Uint8Array(PROBE_BYTES));
  } catch (err) {
    const c = code(err);
    const why = c === 'ENOSPC' ? 'the disk is full' : c === 'EFBIG' ? 'the file size limit (ulimit -f) is too small' : c === 'EDQUOT' ? 'the disk quota is used up' : 'it is not writable';
    throw new PreflightError(`report folder ${dir}: cannot write a ${PROBE_BYTES / 1024} KiB probe file, ${why} (${c})`);
  } finally {
    await rm(probe, { force: true });
  }
  const fs = await statfs(dir);
  const free = fs.bavail * fs.bsize;
  if (free < minFreeBytes) {
    throw new PreflightError(`report folder ${dir}: only ${Math.floor(free / 1024)} KiB free on its file system, need at least ${Math.floor(minFreeBytes / 1024 / 1024)} MiB (disk full)`);
  }
}

/** Port 0 checks that loopback can be bound at all; a fixed port must be free. */
export async function checkLoopbackPort(port = 0): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', (err) => {
      const c = code(err);
      reject(new PreflightError(c === 'EADDRINUSE' ? `port 127.0.0.1:${port} is already in use` : `cannot listen on 127.0.0.1:${port} (${c})`));
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

export function checkAnvil(locate: () => string = resolveAnvilBinary): string {
  try {
    return locate();
  } catch (err) {
    throw new PreflightError(`anvil is missing: ${(err as Error).message}`);
  }
}

export interface PreflightOptions {
  reportDir: string;
  /** Fixed loopback ports the run will listen on (none by default: ports are picked free). */
  ports?: number[];
  /** A missing anvil only warns (its scenarios report not run). */
  anvilOptional?: boolean;
  locateAnvil?: () => string;
  warn?: (line: string) => void;
}

export async function preflight(opts: PreflightOptions): Promise<void> {
  await checkReportDir(opts.reportDir);
  for (const port of opts.ports?.length ? opts.ports : [0]) await checkLoopbackPort(port);
  try {
    checkAnvil(opts.locateAnvil);
  } catch (err) {
    if (!opts.anvilOptional) throw err;
    (opts.warn ?? console.warn)(`${(err as Error).message} (continuing: --allow-not-run)`);
  }
}

/** The preflight failure as one line naming the cause, or null when the run can start. */
export async function preflightProblem(opts: PreflightOptions): Promise<string | null> {
  try {
    await preflight(opts);
    return null;
  } catch (err) {
    if (err instanceof PreflightError) return `run cannot start: ${err.message}`;
    throw err;
  }
}
