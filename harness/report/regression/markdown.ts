/**
 * The regression report as Markdown: a summary that fits one screen (at most SUMMARY_MAX
 * lines: counts per class, the regressions, the undocumented changes, the rest by id), then
 * every change once with its old and new value in full, the release notes, the scenarios and
 * the documents' schema diff.
 */
import { block, code, plain, table } from '../md-text.js';
import { CLASS_TITLES, KIND_WORDS, SCENARIO_ICONS, citationText, clip, clipPair, headline, ruleText, scenariosLine, sideLine, statusText, valueOrAbsent, whatText } from './text.js';
import { CHANGE_CLASSES, type Change, type RegressionReport } from './types.js';

export const SUMMARY_MAX = 60;
const TABLE_ROWS = { regression: 8, undocumented: 14 } as const;
const CELL = 70;
const IDS_IN_LINE = 10;
const SCENARIOS_SHOWN = 6;

/** A value in a table cell: a pipe inside code still splits a GFM table cell unless escaped. */
function valueCell(v: string | null): string {
  return v === null ? '(absent)' : code(v).replace(/\|/g, '\\|');
}

function summaryTable(changes: Change[], cap: number, last: 'rule' | 'scenarios'): string[] {
  const shown = changes.slice(0, cap);
  const rows = shown.map((c) => [
    c.id,
    code(c.command),
    plain(whatText(c)),
    clipPair(c.base, c.head, CELL).map(valueCell).join(' → '),
    last === 'rule' ? (c.rule ? code(c.rule.id) : plain(clip(c.reason, 60))) : String(c.scenarios.length),
  ]);
  const out = [table(['id', 'command', 'what', 'old → new', last === 'rule' ? 'rule' : 'scenarios'], rows)];
  if (changes.length > cap) out.push(`… and ${changes.length - cap} more in the details below.`);
  return out;
}

function idList(changes: Change[]): string {
  const shown = changes.slice(0, IDS_IN_LINE).map((c) => `${c.id} ${code(clip(`${c.command}: ${whatText(c)}`, 48))}`);
  return `${shown.join(', ')}${changes.length > IDS_IN_LINE ? `, … (${changes.length - IDS_IN_LINE} more)` : ''}`;
}

export function summaryLines(r: RegressionReport): string[] {
  const lines = [
    `## ${plain(headline(r))}`,
    '',
    `${plain(sideLine('Base', r.base))}; ${plain(sideLine('head', r.head))}.`,
    '',
    table(
      ['class', 'changes', 'meaning'],
      CHANGE_CLASSES.map((k) => [`${CLASS_TITLES[k].icon} ${CLASS_TITLES[k].title}`, String(r.totals.by_class[k]), plain(CLASS_TITLES[k].meaning)]),
    ),
    '',
    plain(scenariosLine(r)),
    '',
  ];
  if (r.totals.changes === 0) lines.push('No changes between the two runs.', '');
  const of = (k: Change['class']) => r.changes.filter((c) => c.class === k);
  if (of('regression').length > 0) lines.push(`### ${CLASS_TITLES.regression.icon} Regressions (${of('regression').length})`, '', ...summaryTable(of('regression'), TABLE_ROWS.regression, 'rule'), '');
  if (of('undocumented').length > 0) lines.push(`### ${CLASS_TITLES.undocumented.icon} Undocumented changes (${of('undocumented').length})`, '', ...summaryTable(of('undocumented'), TABLE_ROWS.undocumented, 'scenarios'), '');
  const rest = (['documented-removal', 'documented', 'harness-gap'] as const).filter((k) => of(k).length > 0);
  if (rest.length > 0) {
    lines.push('### The rest', '');
    for (const k of rest) lines.push(`- ${CLASS_TITLES[k].icon} ${CLASS_TITLES[k].title} (${of(k).length}): ${idList(of(k))}`);
    lines.push('');
  }
  if (r.release_notes) {
    const n = r.release_notes;
    const exercised = n.entries.filter((e) => e.changes.length > 0).length;
    lines.push(
      `Release notes (${n.versions.join(', ') || 'none between the two versions'}): ${n.entries.length} entries, ${exercised} with a measured change, ${n.entries.length - exercised} not exercised; ${n.unmentioned.length} measured changes no entry mentions.`,
      '',
    );
  }
  if (r.warnings.length > 0) lines.push(...r.warnings.map((w) => `- note: ${plain(w)}`), '');
  return lines;
}

function valueBlock(label: string, v: string | null): string[] {
  const text = valueOrAbsent(v);
  const parts = v === null ? [text] : text.split(' | ');
  if (parts.length === 1 && parts[0].length <= 120 && !parts[0].includes('\n')) return [`- ${label}: ${v === null ? text : code(parts[0])}`];
  return [`- ${label}:`, block(parts.join('\n')).replace(/^/gm, '  ')];
}

function detail(c: Change): string[] {
  const t = CLASS_TITLES[c.class];
  const out = [`#### ${c.id} ${t.icon} ${t.title}: ${code(c.command)} ${c.kind === 'exit' || c.kind === 'status' ? plain(c.subject) : `${plain(KIND_WORDS[c.kind])} ${code(c.subject)}`}`, ''];
  if (c.forms.length > 0) out.push(`- ${'forms'}: ${c.forms.map(code).join(', ')}`);
  const shown = c.scenarios.slice(0, SCENARIOS_SHOWN).map(code).join(', ');
  const more = c.scenarios.length > SCENARIOS_SHOWN ? ` and ${c.scenarios.length - SCENARIOS_SHOWN} more (all in regression.json and the HTML)` : '';
  out.push(`- scenarios (${c.scenarios.length}): ${shown}${more}`);
  out.push(...valueBlock('old', c.base), ...valueBlock('new', c.head));
  out.push(`- why ${t.title}: ${plain(c.reason)}`);
  const rule = ruleText(c);
  if (rule) out.push(`- rule: ${plain(rule)}`);
  const cited = citationText(c);
  if (cited) out.push(`- sentence: ${plain(cited)}`);
  out.push('');
  return out;
}

function releaseNotesSection(r: RegressionReport): string[] {
  const n = r.release_notes;
  if (!n) return [];
  const out = [`### Release notes between the two versions (the ${n.source}’s CHANGELOG.md)`, ''];
  if (n.entries.length === 0) out.push('No entries between the two versions.');
  else {
    out.push(
      table(
        ['version', 'entry', 'measured changes'],
        n.entries.map((e) => [e.version, plain(clip(e.text, 200)), e.changes.length > 0 ? e.changes.join(', ') : 'not exercised']),
      ),
    );
  }
  out.push('', n.unmentioned.length > 0 ? `Measured changes no entry mentions: ${n.unmentioned.join(', ')}.` : 'Every measured change is mentioned by an entry.', '');
  return out;
}

function scenariosSection(r: RegressionReport): string[] {
  const changed = r.scenarios.filter((s) => s.changed);
  if (changed.length === 0) return [];
  const rows = changed.map((s) => [`${SCENARIO_ICONS[s.change]} ${code(s.id)}`, plain(statusText(s)), s.changes.join(', ') || '—', plain(s.notes.join('; '))]);
  return ['### Scenarios with changes', '', table(['scenario', 'status', 'changes', 'notes'], rows), ''];
}

function documentsSection(r: RegressionReport): string[] {
  if (!r.documents) return [];
  const d = r.documents;
  const out = [`### Contract documents: ${plain(d.base.version)} (${plain(d.base.source)}) → ${plain(d.head.version)} (${plain(d.head.source)})`, ''];
  if (d.changes.length === 0) out.push('No schema differences.');
  else out.push(table(['pointer', 'change', 'from', 'to'], d.changes.map((c) => [code(c.pointer), plain(c.change), c.from ? code(c.from) : '', c.to ? code(c.to) : ''])));
  if (d.warnings.length > 0) out.push('', ...d.warnings.map((w) => `- warning: ${plain(w)}`));
  return out;
}

export function renderRegressionMarkdown(r: RegressionReport): string {
  const lines = summaryLines(r);
  if (r.changes.length > 0) {
    lines.push('### Details', '');
    for (const k of CHANGE_CLASSES) for (const c of r.changes.filter((x) => x.class === k)) lines.push(...detail(c));
  }
  lines.push(...releaseNotesSection(r), ...scenariosSection(r), ...documentsSection(r));
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
