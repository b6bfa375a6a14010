/**
 * Folds what was measured into one row per change: the same difference (command, kind,
 * subject, old and new value) seen in several scenarios or command forms is read once, with
 * the scenarios and forms listed.
 */
import type { Occurrence } from './measure.js';
import type { ChangeKind } from './types.js';

export interface FoldedRow {
  command: string;
  /** Step names the row was seen in (more than one only for envelope fields). */
  commands: string[];
  kind: ChangeKind;
  subject: string;
  base: string | null;
  head: string | null;
  forms: string[];
  scenarios: string[];
  occurrences: Occurrence[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The command of an envelope field's change seen under several commands (they are listed in `forms`). */
export const SEVERAL = '(several commands)';

/**
 * Envelope fields every command prints (`/command`, `/meta/…`, `/warnings`): a change there is
 * usually one change of the CLI, so it is one row across commands (the commands listed as forms).
 */
function acrossCommands(o: Occurrence): boolean {
  return o.command !== '(scenario)' && (o.kind === 'added' || o.kind === 'removed' || o.kind === 'changed') && !/^\/(data|error)(\/|$)/.test(o.subject);
}

/** Distinct values of one side, ` | ` between them (a field added with different values in different scenarios). */
function merge(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return [...new Set([...a.split(' | '), ...b.split(' | ')])].sort(compareText).join(' | ');
}

export function fold(occurrences: Occurrence[]): FoldedRow[] {
  const rows = new Map<string, FoldedRow>();
  for (const o of occurrences) {
    const command = acrossCommands(o) ? SEVERAL : o.command;
    // A field that appeared or went is one change, whatever values it had in each scenario.
    const presence = o.kind === 'added' || o.kind === 'removed';
    const key = [command, o.kind, o.subject, presence ? '' : (o.base ?? '\u0001'), presence ? '' : (o.head ?? '\u0001')].join('\u0000');
    const found = rows.get(key);
    if (found && presence) {
      found.base = merge(found.base, o.base);
      found.head = merge(found.head, o.head);
    }
    const row = found ?? { command, commands: [], kind: o.kind, subject: o.subject, base: o.base, head: o.head, forms: [], scenarios: [], occurrences: [] };
    if (!row.commands.includes(o.command)) row.commands.push(o.command);
    if (o.form && !row.forms.includes(o.form)) row.forms.push(o.form);
    if (!row.scenarios.includes(o.scenario)) row.scenarios.push(o.scenario);
    row.occurrences.push(o);
    rows.set(key, row);
  }
  return [...rows.values()].map((r) => {
    const commands = [...r.commands].sort(compareText);
    // An envelope field seen under one command only is that command's change.
    const command = r.command === SEVERAL && commands.length === 1 ? commands[0] : r.command;
    return { ...r, command, commands, forms: [...r.forms].sort(compareText), scenarios: [...r.scenarios].sort(compareText) };
  });
}
