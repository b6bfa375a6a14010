/** Regression report as one self-contained HTML page (inline CSS, no scripts, all text escaped). */
import type { RegressionReport, ScenarioDiff } from './diff-types.js';
import { CHANGE_ICONS, changeLabel, headline, invocationLines, invocationTitle, statusText, totalsRow } from './regression-lines.js';
import { groupByCommand } from './regression-groups.js';

function byCommandHtml(r: RegressionReport): string {
  const rows = groupByCommand(r);
  if (rows.length === 0) return '';
  const body = rows
    .map((row) => {
      const what = `${escapeHtml(row.kind)}${row.subject ? ` <code>${escapeHtml(row.subject)}</code>` : ''}`;
      const scenarios = row.scenarios.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ');
      return `<tr><td><code>${escapeHtml(row.signature)}</code></td><td>${what}</td><td>${escapeHtml(row.text)}</td><td>${row.scenarios.length}: ${scenarios}</td></tr>`;
    })
    .join('\n');
  return `<h2>Behaviour changes by command (${rows.length})</h2>\n<table><tr><th>command</th><th>what</th><th>old → new</th><th>scenarios</th></tr>\n${body}\n</table>`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#1b1f24}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}
code{background:#f2f3f5;padding:0 .2rem;border-radius:3px}
section{border-left:4px solid #ccd;padding-left:1rem;margin:1.5rem 0}
section.regressed{border-color:#c62828}section.fixed{border-color:#2e7d32}section.status-changed{border-color:#ef6c00}
.kind{font-weight:600}`.trim();

function scenarioHtml(s: ScenarioDiff): string {
  const parts = [
    `<section class="${escapeHtml(s.change)}">`,
    `<h2>${CHANGE_ICONS[s.change]} ${escapeHtml(changeLabel(s))}: <code>${escapeHtml(s.id)}</code> (${escapeHtml(statusText(s))})</h2>`,
    `<p>${escapeHtml(s.title)}</p>`,
  ];
  if (s.invocations.length > 0) {
    parts.push('<ul>');
    for (const inv of s.invocations) {
      const items = invocationLines(inv).map((l) => {
        const subject = l.subject && l.kind !== 'exit code' && l.kind !== 'invocation' ? ` <code>${escapeHtml(l.subject)}</code>` : '';
        return `<li><span class="kind">${escapeHtml(l.kind)}</span>${subject}: ${escapeHtml(l.text)}</li>`;
      });
      parts.push(`<li>invocation ${escapeHtml(invocationTitle(inv))} <code>${escapeHtml(inv.command)}</code><ul>${items.join('')}</ul></li>`);
    }
    parts.push('</ul>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function documentsHtml(r: RegressionReport): string {
  if (!r.documents) return '';
  const d = r.documents;
  const title = `<h2>Contract documents: ${escapeHtml(d.base.version)} (${escapeHtml(d.base.source)}) → ${escapeHtml(d.head.version)} (${escapeHtml(d.head.source)})</h2>`;
  const warnings = d.warnings.length > 0 ? `\n<ul>${d.warnings.map((w) => `<li>warning: ${escapeHtml(w)}</li>`).join('')}</ul>` : '';
  if (d.changes.length === 0) return `${title}\n<p>No schema differences.</p>${warnings}`;
  const cell = (v: string | undefined) => (v ? `<code>${escapeHtml(v)}</code>` : '');
  const rows = d.changes
    .map((c) => `<tr><td>${cell(c.pointer)}</td><td>${escapeHtml(c.change)}</td><td>${cell(c.from)}</td><td>${cell(c.to)}</td></tr>`)
    .join('\n');
  return `${title}\n<table><tr><th>pointer</th><th>change</th><th>from</th><th>to</th></tr>\n${rows}\n</table>${warnings}`;
}

export function renderRegressionHtml(r: RegressionReport): string {
  const totals = totalsRow(r);
  const changed = r.scenarios.filter((s) => s.changed);
  const body = [
    `<h1>${escapeHtml(headline(r))}</h1>`,
    `<p>Base run <code>${escapeHtml(r.base.run_id)}</code> (contract ${escapeHtml(r.base.contract_version ?? '?')}); head run <code>${escapeHtml(r.head.run_id)}</code> (contract ${escapeHtml(r.head.contract_version ?? '?')}).</p>`,
    `<table><tr>${totals.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr><tr>${totals.row.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr></table>`,
    byCommandHtml(r),
    changed.length === 0 ? '<p>No differences between the two runs.</p>' : `<h2>Per scenario</h2>\n${changed.map(scenarioHtml).join('\n')}`,
    documentsHtml(r),
  ].filter(Boolean);
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(headline(r))}</title>`,
    `<style>${STYLE}</style>`,
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}
