/**
 * A throw-away directory tree per test: a fake home, config home, temp dir, working
 * dir and a bin/ for the printed-command wrapper. Registered for removal on exit
 * and on SIGINT/SIGTERM.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { diffSnapshots, snapshotTree, type FsSnapshot } from './fs-snapshot.js';
import { trackPath, untrackPath } from './registry.js';

export { diffSnapshots, type FsSnapshot } from './fs-snapshot.js';
import { giveSandboxTo } from './unwritable-config.js';

export { makeConfigHomeUnwritable, assertReadableBy, type UnwritableVariant } from './unwritable-config.js';

export interface Sandbox {
  label: string;
  /** The sandbox root; snapshots and fsChanges cover everything under it. */
  root: string;
  /** HOME */
  home: string;
  /** XDG_CONFIG_HOME = <home>/.config */
  configHome: string;
  /** TMPDIR */
  tmp: string;
  /** Default cwd of every invocation. */
  work: string;
  /** First on PATH for printed commands (holds the `image-skill` wrapper). */
  bin: string;
  /** Harness-private files outside the root (the network guard log), so they never show in fsChanges. */
  metaDir: string;
  guardLogPath: string;
  /** Set by makeConfigHomeUnwritable('unprivileged-uid'): who the CLI runs as. */
  runAs: { uid: number; gid: number } | null;
  readonly disposed: boolean;
  snapshot(): Promise<FsSnapshot>;
  dispose(): Promise<void>;
}

function safeLabel(label: string): string {
  return label.replace(/[^A-Za-z0-9_.-]+/g, '-').slice(0, 40) || 'sandbox';
}

export async function createSandbox(opts: { label?: string; uid?: number } = {}): Promise<Sandbox> {
  const label = safeLabel(opts.label ?? 'test');
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `isc-${label}-`));
  trackPath(root);
  const metaDir = `${root}.meta`;
  trackPath(metaDir);
  const home = path.join(root, 'home');
  const configHome = path.join(home, '.config');
  const tmp = path.join(root, 'tmp');
  const work = path.join(root, 'work');
  const bin = path.join(root, 'bin');
  for (const dir of [home, configHome, tmp, work, bin]) await fs.mkdir(dir, { recursive: true });
  // The guard log must be appendable by whatever uid the CLI runs as; the meta dir
  // is not world-writable, so no sticky-directory rules get in the way.
  await fs.mkdir(metaDir, { mode: 0o711 });
  await fs.chmod(metaDir, 0o711);
  const guardLogPath = path.join(metaDir, `netguard-${randomBytes(4).toString('hex')}.log`);
  await fs.writeFile(guardLogPath, '', { mode: 0o666 });
  await fs.chmod(guardLogPath, 0o666);

  let disposed = false;
  const sandbox: Sandbox = {
    label,
    root,
    home,
    configHome,
    tmp,
    work,
    bin,
    metaDir,
    guardLogPath,
    runAs: null,
    get disposed() {
      return disposed;
    },
    snapshot: () => snapshotTree(root),
    async dispose() {
      if (disposed) return;
      disposed = true;
      await fs.rm(root, { recursive: true, force: true });
      await fs.rm(metaDir, { recursive: true, force: true });
      untrackPath(root);
      untrackPath(metaDir);
    },
  };
  // A sandbox for another uid belongs to that uid, so the CLI can write home/work/tmp.
  if (opts.uid !== undefined) await giveSandboxTo(sandbox, opts.uid, opts.uid);
  return sandbox;
}

/** Convenience for tests: snapshot, run, snapshot, diff. */
export async function changesDuring(sandbox: Sandbox, action: () => Promise<unknown>): Promise<ReturnType<typeof diffSnapshots>> {
  const before = await sandbox.snapshot();
  await action();
  return diffSnapshots(before, await sandbox.snapshot());
}
