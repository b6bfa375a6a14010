/**
 * Process-wide cleanup: every live sandbox path and every live child process group
 * is removed/killed when the harness exits or is interrupted, so a Ctrl-C in the
 * middle of a run leaves no temp dirs and no orphaned CLIs behind.
 */
import { rmSync } from 'node:fs';

const livePaths = new Set<string>();
const liveGroups = new Set<number>();
let installed = false;

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function killProcessGroup(pgid: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function cleanupNow(): void {
  for (const pgid of liveGroups) killProcessGroup(pgid);
  liveGroups.clear();
  for (const p of livePaths) {
    try {
      rmSync(p, { recursive: true, force: true });
    } catch {
      // Best effort on the way out.
    }
  }
  livePaths.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanupNow();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.removeListener('exit', cleanupNow);
  installed = false;
  // Re-raise so the process ends the way it would have without us, unless
  // someone else has taken charge of this signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function ensureInstalled(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupNow);
  for (const s of SIGNALS) process.on(s, onSignal);
}

export function trackPath(p: string): void {
  ensureInstalled();
  livePaths.add(p);
}

export function untrackPath(p: string): void {
  livePaths.delete(p);
}

export function trackProcessGroup(pgid: number): void {
  ensureInstalled();
  liveGroups.add(pgid);
}

export function untrackProcessGroup(pgid: number): void {
  liveGroups.delete(pgid);
}
