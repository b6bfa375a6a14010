/** Cheap before/after pictures of a directory tree (lstat only, no file contents). */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FsChange } from './types.js';

export type EntryType = 'file' | 'dir' | 'symlink' | 'other';

export interface FsEntry {
  type: EntryType;
  mode: number;
  size: number;
  mtimeMs: number;
  ino: number;
  uid: number;
}

/** Paths relative to the snapshot root ('.' is the root itself). */
export type FsSnapshot = Map<string, FsEntry>;

function typeOf(stat: import('node:fs').Stats): EntryType {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isDirectory()) return 'dir';
  if (stat.isFile()) return 'file';
  return 'other';
}

export async function snapshotTree(root: string): Promise<FsSnapshot> {
  const snap: FsSnapshot = new Map();
  async function visit(abs: string, rel: string): Promise<void> {
    const stat = await fs.lstat(abs).catch(() => null);
    if (!stat) return; // vanished between readdir and lstat
    const type = typeOf(stat);
    snap.set(rel, { type, mode: stat.mode & 0o7777, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, uid: stat.uid });
    if (type !== 'dir') return;
    const names = await fs.readdir(abs).catch(() => [] as string[]);
    for (const name of names.sort()) await visit(path.join(abs, name), rel === '.' ? name : `${rel}/${name}`);
  }
  await visit(root, '.');
  return snap;
}

export function formatMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}

function changed(a: FsEntry, b: FsEntry): boolean {
  if (a.type !== b.type || a.mode !== b.mode || a.ino !== b.ino || a.uid !== b.uid) return true;
  // A directory's size/mtime move whenever its entries do; those entries are reported themselves.
  if (a.type === 'dir') return false;
  return a.size !== b.size || a.mtimeMs !== b.mtimeMs;
}

/** An FsChange that also says what kind of entry it is. */
export type FsChangeDetail = FsChange & { entryType: EntryType };

/** Entries added, removed or modified between two snapshots, sorted by path. */
export function diffSnapshots(before: FsSnapshot, after: FsSnapshot): FsChangeDetail[] {
  const changes: FsChangeDetail[] = [];
  for (const [p, b] of after) {
    const a = before.get(p);
    if (!a || changed(a, b)) {
      changes.push({ path: p, kind: a ? 'modified' : 'added', mode: formatMode(b.mode), size: b.type === 'dir' ? null : b.size, entryType: b.type });
    }
  }
  for (const [p, a] of before) {
    if (!after.has(p)) changes.push({ path: p, kind: 'removed', mode: null, size: null, entryType: a.type });
  }
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
