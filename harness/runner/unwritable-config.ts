/**
 * Make the default config home (<home>/.config) impossible to write into, even
 * though the harness runs as root:
 *  - 'unprivileged-uid': the sandbox belongs to an unprivileged uid that the CLI
 *    runs as, while <home>/.config stays root-owned 0755;
 *  - 'file-in-path': <home>/.config is a regular file, so nothing can be created
 *    beneath it whoever you are.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { Sandbox } from './sandbox.js';

export type UnwritableVariant = 'unprivileged-uid' | 'file-in-path';

export const NOBODY_UID = 65534;

async function chownTree(p: string, uid: number, gid: number): Promise<void> {
  await fs.lchown(p, uid, gid);
  const stat = await fs.lstat(p);
  if (!stat.isDirectory()) return;
  for (const name of await fs.readdir(p)) await chownTree(path.join(p, name), uid, gid);
}

/** Hand the whole sandbox root to uid/gid (used for `createSandbox({uid})` too). */
export async function giveSandboxTo(sandbox: Sandbox, uid: number, gid = uid): Promise<void> {
  await chownTree(sandbox.root, uid, gid);
  sandbox.runAs = { uid, gid };
}

/**
 * Spawn node as uid/gid and check it can read every given path (and run node).
 * Throws with a clear message when it cannot, instead of letting a CLI fail oddly.
 */
export async function assertReadableBy(uid: number, gid: number, paths: string[]): Promise<void> {
  const script = `const fs=require('fs');const bad=[];for(const p of JSON.parse(process.argv[1])){try{fs.accessSync(p,fs.constants.R_OK)}catch(e){bad.push(p+' ('+e.code+')')}}process.stdout.write(JSON.stringify(bad))`;
  const result = await execa(process.execPath, ['-e', script, JSON.stringify(paths)], { uid, gid, reject: false, stdin: 'ignore', cwd: '/' });
  if (result.failed) throw new Error(`uid ${uid} cannot run ${process.execPath}: ${result.stderr.split('\n')[0] || result.shortMessage}`);
  const bad: unknown = JSON.parse(result.stdout || '[]');
  if (Array.isArray(bad) && bad.length > 0) throw new Error(`uid ${uid} cannot read: ${bad.join(', ')}`);
}

/** Probe as uid/gid that <home>/.config really refuses a new directory. */
async function assertConfigHomeRefuses(sandbox: Sandbox, uid: number | undefined, gid: number | undefined): Promise<void> {
  const probe = path.join(sandbox.configHome, 'image-skill');
  const script = `try{require('fs').mkdirSync(process.argv[1]);require('fs').rmdirSync(process.argv[1]);process.stdout.write('writable')}catch(e){process.stdout.write(e.code||'error')}`;
  const result = await execa(process.execPath, ['-e', script, probe], { uid, gid, reject: false, stdin: 'ignore', cwd: '/' });
  if (result.stdout === 'writable' || result.failed) {
    throw new Error(`could not make ${sandbox.configHome} unwritable (probe: ${result.stdout || result.stderr.split('\n')[0]})`);
  }
}

/** Returns the uid the CLI must run as, or null when it can keep the harness uid. */
export async function makeConfigHomeUnwritable(sandbox: Sandbox, variant: UnwritableVariant): Promise<number | null> {
  if (variant === 'file-in-path') {
    await fs.rm(sandbox.configHome, { recursive: true, force: true });
    await fs.writeFile(sandbox.configHome, 'placed by image-skill-conformance: config home is a file on purpose\n', { mode: 0o644 });
    if (sandbox.runAs) await fs.lchown(sandbox.configHome, sandbox.runAs.uid, sandbox.runAs.gid);
    await assertConfigHomeRefuses(sandbox, sandbox.runAs?.uid, sandbox.runAs?.gid);
    return sandbox.runAs?.uid ?? null;
  }
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new Error("the 'unprivileged-uid' variant needs the harness to run as root (to switch uid)");
  }
  const uid = sandbox.runAs?.uid ?? NOBODY_UID;
  const gid = sandbox.runAs?.gid ?? uid;
  await giveSandboxTo(sandbox, uid, gid);
  await fs.chown(sandbox.configHome, 0, 0);
  await fs.chmod(sandbox.configHome, 0o755);
  await assertReadableBy(uid, gid, [sandbox.home]);
  await assertConfigHomeRefuses(sandbox, uid, gid);
  return uid;
}
