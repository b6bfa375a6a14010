/**
 * Invocations are matched by scenario step, not by command text: a step is the command's
 * words (`credits quote`), and the two runs' steps are aligned in order (longest common
 * subsequence). A command line that reads differently (a printed command the agent ran,
 * whose prefix or key changed) is still the same step.
 */
import { commandFor, commandWords } from '../../rules/commands.js';
import { normaliseText } from '../normalise.js';
import { shellJoin } from '../md-text.js';
import type { InvocationResult } from '../results.js';

/** The words after the CLI's own name in a printed command line, when it has one. */
function afterCli(tokens: string[]): string[] {
  const at = tokens.findIndex((t) => /(^|\/)image-skill(@\S+)?$/.test(t));
  return at >= 0 ? tokens.slice(at + 1) : tokens;
}

function tokens(command: string): string[] {
  return (command.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).map((t) => t.replace(/^['"]|['"]$/g, ''));
}

/** Arguments of an invocation after the CLI prefix. */
export function invocationArgs(inv: Pick<InvocationResult, 'args' | 'argv' | 'shell_command'>): string[] {
  if (inv.args.length > 0) return inv.args;
  if (inv.shell_command) return afterCli(tokens(inv.shell_command));
  return inv.argv;
}

/** The command a step runs: `credits quote`, `create`; unknown words as given (at most three). */
export function stepName(args: string[]): string {
  const spec = commandFor(args);
  if (spec) return spec.name;
  const words = commandWords(args).filter((w) => /^[a-z][a-z0-9-]*$/.test(w));
  return words.length > 0 ? words.join(' ') : '(no command)';
}

/** The normalised command line as run (the printed shell command when the scenario ran one). */
export function commandLine(inv: Pick<InvocationResult, 'args' | 'argv' | 'shell_command'>): string {
  return normaliseText(inv.shell_command ?? shellJoin(inv.args.length > 0 ? inv.args : inv.argv));
}

const WORD = /^[a-z][a-z0-9-]*$/;

/** Sub-command words and flag names, values dropped: `signup --agent --agent-contact … --json`. */
export function commandForm(command: string): string {
  const rest = afterCli(command.match(/'[^']*'|"[^"]*"|\S+/g) ?? []);
  const out: string[] = [];
  let seenFlag = false;
  for (let i = 0; i < rest.length; i++) {
    const t = rest[i];
    if (t.startsWith('-')) {
      seenFlag = true;
      const [name, inline] = t.split('=', 2);
      const takesValue = inline !== undefined || (i + 1 < rest.length && !rest[i + 1].startsWith('-'));
      out.push(takesValue ? `${name} …` : name);
      if (inline === undefined && takesValue) i += 1;
    } else if (!seenFlag) out.push(WORD.test(t) ? t : '<arg>');
    else out.push('<arg>');
  }
  return out.join(' ') || command;
}

/**
 * Pairs of indexes (base, head) in step order: steps are aligned by the longest common
 * subsequence of their names; what is left is a step only one side ran.
 */
export function pairSteps(base: string[], head: string[]): Array<[number | null, number | null]> {
  const n = base.length;
  const m = head.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = base[i] === head[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const pairs: Array<[number | null, number | null]> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && base[i] === head[j]) pairs.push([i++, j++]);
    else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) pairs.push([null, j++]);
    else pairs.push([i++, null]);
  }
  return pairs;
}
