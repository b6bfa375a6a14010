/** Regression report as Markdown (pull-request comment or release notes). */
import type { RegressionReport } from './diff-types.js';
import { code, plain, table } from './md-text.js';
import { CHANGE_ICONS, changeLabel, headline, invocationLines, invocationTitle, statusText, totalsRow } from './regression-lines.js';
import { groupByCommand } from './regression-groups.js';

const SCENARIOS_IN_CELL = 4;

function scenarioCell(ids: string[]): string {
  const shown = ids.slice(0, SCENARIOS_IN_CELL).map((id) => code(id)).join(', ');
  return ids.length > SCENARIOS_IN_CELL ? `${ids.length}: ${shown} +${ids.length - SCENARIOS_IN_CELL} more` : `${ids.length}: ${shown}`;
}

/** First table: each behaviour change once per command signature, with the scenarios it appears in. */
function byCommandSection(r: RegressionReport): string[] {
  const rows = groupByCommand(r);
  if (rows.length === 0) return [];
  const cells = rows.map((row) => [
    code(row.signature),
    `${row.kind}${row.subject ? ` ${code(row.subject)}` : ''}`,
    plain(row.text),
    scenarioCell(row.scenarios),
  ]);
  return [`### Behaviour changes by command (${rows.length})`, '', table(['command', 'what', 'old → new', 'scenarios'], cells), ''];
}

function documentsSection(r: RegressionReport): string[] {
  if (!r.documents) return [];
  const d = r.documents;
  const title = `### Contract documents: ${plain(d.base.version)} (${plain(d.base.source)}) → ${plain(d.head.version)} (${plain(d.head.source)})`;
  const out = [title, ''];
  if (d.changes.length === 0) out.push('No schema differences.');
  else {
    const rows = d.changes.map((c) => [code(c.pointer), plain(c.change), c.from ? code(c.from) : '', c.to ? code(c.to) : '']);
    out.push(table(['pointer', 'change', 'from', 'to'], rows));
  }
  if (d.warnings.length > 0) out.push('', ...d.warnings.map((w) => `- warning: ${plain(w)}`));
  return out;
}

export function renderRegressionMarkdown(r: RegressionReport): string {
  const totals = totalsRow(r);
  const lines = [
    `## ${plain(headline(r))}`,
    '',
    `Base run ${code(r.base.run_id)} (contract ${plain(r.base.contract_version ?? '?')}); head run ${code(r.head.run_id)} (contract ${plain(r.head.contract_version ?? '?')}).`,
    '',
    table(totals.header, [totals.row]),
    '',
  ];
  const changed = r.scenarios.filter((s) => s.changed);
  if (changed.length === 0) lines.push('No differences between the two runs.');
  lines.push(...byCommandSection(r));
  if (changed.length > 0) lines.push('### Per scenario', '');
  for (const s of changed) {
    lines.push(`#### ${CHANGE_ICONS[s.change]} ${changeLabel(s)}: ${plain(s.id)} (${statusText(s)})`, '', plain(s.title), '');
    for (const inv of s.invocations) {
      lines.push(`- invocation ${invocationTitle(inv)} ${code(inv.command)}`);
      for (const l of invocationLines(inv)) {
        if (l.kind === 'invocation') lines.push(`  - ${plain(l.text)}`);
        else lines.push(`  - ${l.kind}${l.subject && l.kind !== 'exit code' ? ` ${code(l.subject)}` : ''}: ${plain(l.text)}`);
      }
    }
    lines.push('');
  }
  const docs = documentsSection(r);
  if (docs.length > 0) lines.push(...docs);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
