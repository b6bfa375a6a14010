/**
 * Is a command line the CLI printed one an agent can run? It must call the CLI (a package-runner
 * prefix is fine, harness/runner/printed-command.ts maps it), name a command of the command table,
 * and use only flags the documents in force spell out.
 */
import { argsAfterWrapper } from '../runner/printed-command.js';
import { commandFor, commandWords } from '../rules/commands.js';

const FLAG = /(?<![\w-])--[a-z][a-z0-9-]*/g;

/** Every `--flag` the documents mention. */
export function documentedFlags(documents: Record<string, string | undefined>): Set<string> {
  const flags = new Set<string>();
  for (const text of Object.values(documents)) for (const m of (text ?? '').matchAll(FLAG)) flags.add(m[0]);
  return flags;
}

export interface PrintedCommandProblems {
  /** It does not parse, calls no image-skill, or names no command of the command table. */
  command: string[];
  /** Flags the documents in force never spell out (a package's own documents may be a summary). */
  flags: string[];
}

/** What is wrong with a printed command line (both lists empty: runnable as far as the table and documents tell). */
export function printedCommandProblems(line: string, flags: ReadonlySet<string>): PrintedCommandProblems {
  let args: string[] | null;
  try {
    args = argsAfterWrapper(line);
  } catch (err) {
    return { command: [`does not parse as a shell line: ${err instanceof Error ? err.message : String(err)}`], flags: [] };
  }
  if (args === null) return { command: ['calls no image-skill command'], flags: [] };
  const command = commandFor(args) ? [] : [`names no documented command: ${commandWords(args).join(' ')}`];
  const unknown = new Set<string>();
  for (const arg of args) {
    const flag = /^--[A-Za-z0-9-]+/.exec(arg)?.[0];
    if (flag && !flags.has(flag)) unknown.add(flag);
  }
  return { command, flags: [...unknown].map((f) => `flag ${f} is not in the documents`) };
}
