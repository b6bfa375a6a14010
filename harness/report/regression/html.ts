/**
 * The regression report as one self-contained HTML page (inline CSS, no scripts, all text
 * escaped): the same summary as the Markdown, then every change with its values in full,
 * long ones folded in a <details> element (never dropped).
 */
import { escapeHtml } from '../html-text.js';
import { CLASS_TITLES, KIND_WORDS, SCENARIO_ICONS, citationText, clip, headline, ruleText, scenariosLine, sideLine, statusText, whatText } from './text.js';
import { CHANGE_CLASSES, type Change, type RegressionReport } from './types.js';

const FOLD_AT = 100;
const e = escapeHtml;
const codeHtml = (t: string) => `<code>${e(t)}</code>`;

/** A value in full; a long one folded behind its first characters. */
function valueHtml(v: string | null): string {
  if (v === null) return '<span class="absent">(absent)</span>';
  const parts = v.split(' | ');
  if (v.length <= FOLD_AT && parts.length === 1) return codeHtml(v);
  return `<details><summary>${codeHtml(clip(v, 60))}</summary><pre>${e(parts.join('\n'))}</pre></details>`;
}

function summaryRow(c: Change): string {
  return `<tr class="${e(c.class)}"><td><a href="#${e(c.id)}">${e(c.id)}</a></td><td>${e(CLASS_TITLES[c.class].title)}</td><td>${codeHtml(c.command)}</td><td>${e(whatText(c))}</td><td>${valueHtml(c.base)}</td><td>${valueHtml(c.head)}</td><td>${c.scenarios.length}</td></tr>`;
}

function detailHtml(c: Change): string {
  const t = CLASS_TITLES[c.class];
  const items = [
    c.forms.length > 0 ? `<li>${'forms'}: ${c.forms.map(codeHtml).join(', ')}</li>` : '',
    `<li>scenarios (${c.scenarios.length}): ${c.scenarios.map(codeHtml).join(', ')}</li>`,
    `<li>old: ${valueHtml(c.base)}</li>`,
    `<li>new: ${valueHtml(c.head)}</li>`,
    `<li>why ${e(t.title)}: ${e(c.reason)}</li>`,
    ruleText(c) ? `<li>rule: ${e(ruleText(c) as string)}</li>` : '',
    citationText(c) ? `<li>sentence: ${e(citationText(c) as string)}</li>` : '',
  ].filter(Boolean);
  const what = c.kind === 'exit' || c.kind === 'status' ? e(c.subject) : `${e(KIND_WORDS[c.kind])} ${codeHtml(c.subject)}`;
  return `<section id="${e(c.id)}" class="${e(c.class)}"><h3>${e(c.id)} ${t.icon} ${e(t.title)}: ${codeHtml(c.command)} ${what}</h3><ul>${items.join('')}</ul></section>`;
}

function releaseNotesHtml(r: RegressionReport): string {
  const n = r.release_notes;
  if (!n) return '';
  const rows = n.entries
    .map((x) => `<tr><td>${e(x.version)}</td><td>${e(x.text)}</td><td>${x.changes.length > 0 ? x.changes.map((id) => `<a href="#${e(id)}">${e(id)}</a>`).join(', ') : 'not exercised'}</td></tr>`)
    .join('\n');
  const unmentioned = n.unmentioned.length > 0 ? `<p>Measured changes no entry mentions: ${n.unmentioned.map((id) => `<a href="#${e(id)}">${e(id)}</a>`).join(', ')}.</p>` : '<p>Every measured change is mentioned by an entry.</p>';
  return `<h2>Release notes between the two versions (the ${e(n.source)}’s CHANGELOG.md)</h2>\n<table><tr><th>version</th><th>entry</th><th>measured changes</th></tr>\n${rows}\n</table>\n${unmentioned}`;
}

function scenariosHtml(r: RegressionReport): string {
  const changed = r.scenarios.filter((s) => s.changed);
  if (changed.length === 0) return '';
  const rows = changed
    .map((s) => `<tr><td>${SCENARIO_ICONS[s.change]} ${codeHtml(s.id)}<br><small>${e(s.title)}</small></td><td>${e(statusText(s))}</td><td>${s.changes.map((id) => `<a href="#${e(id)}">${e(id)}</a>`).join(', ')}</td><td>${e(s.notes.join('; '))}</td></tr>`)
    .join('\n');
  return `<h2>Scenarios with changes</h2>\n<table><tr><th>scenario</th><th>status</th><th>changes</th><th>notes</th></tr>\n${rows}\n</table>`;
}

function documentsHtml(r: RegressionReport): string {
  if (!r.documents) return '';
  const d = r.documents;
  const title = `<h2>Contract documents: ${e(d.base.version)} (${e(d.base.source)}) → ${e(d.head.version)} (${e(d.head.source)})</h2>`;
  const warnings = d.warnings.length > 0 ? `\n<ul>${d.warnings.map((w) => `<li>warning: ${e(w)}</li>`).join('')}</ul>` : '';
  if (d.changes.length === 0) return `${title}\n<p>No schema differences.</p>${warnings}`;
  const cell = (v: string | undefined) => (v ? codeHtml(v) : '');
  const rows = d.changes.map((c) => `<tr><td>${cell(c.pointer)}</td><td>${e(c.change)}</td><td>${cell(c.from)}</td><td>${cell(c.to)}</td></tr>`).join('\n');
  return `${title}\n<table><tr><th>pointer</th><th>change</th><th>from</th><th>to</th></tr>\n${rows}\n</table>${warnings}`;
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem;color:#1b1f24}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left;vertical-align:top}
code{background:#f2f3f5;padding:0 .2rem;border-radius:3px;word-break:break-word}pre{white-space:pre-wrap;background:#f2f3f5;padding:.5rem}
section{border-left:4px solid #ccd;padding-left:1rem;margin:1.2rem 0}
.regression{border-color:#c62828}.undocumented{border-color:#ef6c00}.documented-removal{border-color:#6a1b9a}.documented{border-color:#2e7d32}
tr.regression td:first-child{border-left:4px solid #c62828}tr.undocumented td:first-child{border-left:4px solid #ef6c00}
.absent{color:#777}`.trim();

export function renderRegressionHtml(r: RegressionReport): string {
  const classes = CHANGE_CLASSES.map((k) => `<tr><td>${CLASS_TITLES[k].icon} ${e(CLASS_TITLES[k].title)}</td><td>${r.totals.by_class[k]}</td><td>${e(CLASS_TITLES[k].meaning)}</td></tr>`).join('\n');
  const body = [
    `<h1>${e(headline(r))}</h1>`,
    `<p>${e(sideLine('Base', r.base))}; ${e(sideLine('head', r.head))}.</p>`,
    `<table><tr><th>class</th><th>changes</th><th>meaning</th></tr>\n${classes}\n</table>`,
    `<p>${e(scenariosLine(r))}</p>`,
    r.warnings.length > 0 ? `<ul>${r.warnings.map((w) => `<li>note: ${e(w)}</li>`).join('')}</ul>` : '',
    r.changes.length === 0
      ? '<p>No changes between the two runs.</p>'
      : `<h2>Changes (${r.changes.length})</h2>\n<table><tr><th>id</th><th>class</th><th>command</th><th>what</th><th>old</th><th>new</th><th>scenarios</th></tr>\n${r.changes.map(summaryRow).join('\n')}\n</table>\n<h2>Details</h2>\n${r.changes.map(detailHtml).join('\n')}`,
    releaseNotesHtml(r),
    scenariosHtml(r),
    documentsHtml(r),
  ].filter(Boolean);
  return ['<!doctype html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${e(headline(r))}</title>`, `<style>${STYLE}</style>`, '</head><body>', ...body, '</body></html>', ''].join('\n');
}
