/**
 * Remembers the pids of the anvil processes this Node process started and
 * kills them when it goes away: normal exit, uncaught error (Node still emits
 * 'exit'), SIGINT or SIGTERM. A SIGKILL of this process cannot be caught; the
 * orphan would then outlive it.
 */
import { readdirSync, readFileSync } from 'node:fs';

const livePids = new Set<number>();
let handlersInstalled = false;

function killAllSync(): void {
  for (const pid of livePids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  livePids.clear();
}

function onExit(): void {
  killAllSync();
}

function onSignal(signal: NodeJS.Signals): void {
  killAllSync();
  uninstallHandlers();
  // Our listener suppressed the default action of the signal; restore it unless
  // someone else (e.g. a test runner) has taken charge of this signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function uninstallHandlers(): void {
  if (!handlersInstalled) return;
  handlersInstalled = false;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

export function registerChildPid(pid: number): void {
  livePids.add(pid);
  installHandlers();
}

export function unregisterChildPid(pid: number): void {
  livePids.delete(pid);
  if (livePids.size === 0) uninstallHandlers();
}

export function registeredChildPids(): number[] {
  return [...livePids];
}

/** True while a process with this pid exists and is not a zombie (Linux /proc). */
export function isProcessAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * Finds the pid of a direct child of this process whose argv contains all of
 * `argvParts` in order (Linux /proc). @viem/anvil does not expose the pid.
 */
export function findChildPid(argvParts: string[]): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (containsSequence(argv, argvParts)) return Number(entry);
    } catch {
      // process vanished while scanning
    }
  }
  return undefined;
}

function containsSequence(haystack: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    if (needle.every((part, j) => haystack[i + j] === part)) return true;
  }
  return false;
}
