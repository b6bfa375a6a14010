/**
 * Behaviour changes of a regression report grouped by command signature: one row per
 * distinct change of one command, with every scenario it appears in, so a change that
 * touches 49 scenarios is read once.
 */
import type { RegressionReport } from './diff-types.js';
import { invocationLines, type ChangeLine } from './regression-lines.js';

export interface CommandChangeRow {
  /** Sub-command words and flag names, values dropped: `signup --agent --agent-contact … --json`. */
  signature: string;
  kind: ChangeLine['kind'];
  subject: string;
  text: string;
  scenarios: string[];
}

const WORD = /^[a-z][a-z0-9-]*$/;

/** Words before the first flag, then the flags in order; a flag's value (the next non-flag token) becomes `…`. */
export function commandSignature(command: string): string {
  const tokens = command.match(/'[^']*'|"[^"]*"|\S+/g) ?? [];
  const start = tokens.findIndex((t) => /(^|\/)image-skill(@\S+)?$/.test(t));
  const rest = start >= 0 ? tokens.slice(start + 1) : tokens;
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

const KIND_ORDER: ChangeLine['kind'][] = ['invocation', 'exit code', 'file', 'json', 'printed command', 'request', 'note'];

export function groupByCommand(report: RegressionReport): CommandChangeRow[] {
  const rows = new Map<string, CommandChangeRow>();
  for (const s of report.scenarios) {
    for (const inv of s.invocations) {
      const signature = commandSignature(inv.command);
      for (const line of invocationLines(inv)) {
        if (line.kind === 'note') continue;
        const subject = line.kind === 'exit code' || line.kind === 'invocation' ? '' : line.subject;
        const key = [signature, line.kind, subject, line.text].join('\u0000');
        const row = rows.get(key) ?? { signature, kind: line.kind, subject, text: line.text, scenarios: [] };
        if (!row.scenarios.includes(s.id)) row.scenarios.push(s.id);
        rows.set(key, row);
      }
    }
  }
  const list = [...rows.values()].map((r) => ({ ...r, scenarios: [...r.scenarios].sort() }));
  // Commands whose changes reach the most scenarios first; within one command, by kind.
  const reach = new Map<string, number>();
  for (const r of list) reach.set(r.signature, Math.max(reach.get(r.signature) ?? 0, r.scenarios.length));
  return list.sort(
    (a, b) =>
      (reach.get(b.signature) ?? 0) - (reach.get(a.signature) ?? 0) ||
      a.signature.localeCompare(b.signature) ||
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      b.scenarios.length - a.scenarios.length ||
      `${a.subject}${a.text}`.localeCompare(`${b.subject}${b.text}`),
  );
}
