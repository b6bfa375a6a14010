/**
 * The compatibility matrix as one static, self-contained HTML page: inline CSS, a few lines of
 * inline JS for the filters (by cell state and by document › section), no external assets,
 * all text escaped. Cells carry data-rule / data-release / data-state for tests and tools.
 */
import { escapeHtml } from '../html-text.js';
import { cellLink } from './model.js';
import { CELL_STATES, type CellState, type MatrixCell, type MatrixJson, type MatrixRelease, type MatrixRow } from './types.js';

export const STATE_LABELS: Record<CellState, string> = {
  holds: 'holds',
  fails: 'fails',
  'not-stated': 'not stated',
  'harness-gap': 'harness gap',
  observed: 'observed',
  'not-reached': 'not reached',
};

const STATE_ICONS: Record<CellState, string> = {
  holds: '✓',
  fails: '✗',
  'not-stated': '–',
  'harness-gap': '△',
  observed: '○',
  'not-reached': '·',
};

const STATE_MEANING: Record<CellState, string> = {
  holds: 'a scenario of that run checked the rule and it held there',
  fails: 'a check citing the rule failed (the link opens the failing scenario\'s transcript)',
  'not-stated': 'that release\'s documents do not state the rule, so nothing is held against it',
  'harness-gap': 'it was checked only where the fake or the harness fell short: not the CLI\'s failure',
  observed: 'the sentence tells agents, not the CLI, what to do, and the CLI did otherwise: shown, never failing',
  'not-reached': 'stated, but no scenario of that run checked it',
};

const COLOURS: Record<CellState, string> = {
  holds: '#e3f4e5',
  fails: '#fbe1e1',
  'not-stated': '#f1f2f4',
  'harness-gap': '#fff1d6',
  observed: '#e8eefb',
  'not-reached': '#ffffff',
};

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1b1f24}',
  'h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}',
  'table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'thead th{position:sticky;top:0;background:#fff;z-index:1}',
  'th.release{white-space:nowrap}th.release .passes{font-weight:700}th.release .sub{font-weight:400;color:#555;font-size:.85em}',
  'tr.section th{background:#f6f7f9;font-size:.95em}',
  'th.rule{font-weight:400;max-width:34rem}th.rule .quote{color:#555;font-size:.85em}',
  'code{background:#f2f3f5;padding:0 .2rem;border-radius:3px}',
  'td.cell{white-space:nowrap;font-size:.9em}td.cell .n{color:#555}',
  '.badge{font-size:.75em;border:1px solid #99a;border-radius:3px;padding:0 .25rem;margin-left:.3rem;color:#555}',
  '#filters{display:flex;gap:1.5rem;align-items:center;margin:1rem 0;flex-wrap:wrap}',
  '[hidden]{display:none!important}',
  ...CELL_STATES.map((s) => `td.s-${s},span.s-${s}{background:${COLOURS[s]}}`),
  ...CELL_STATES.map((s) => `table[data-filter="${s}"] td.cell:not([data-state="${s}"]){opacity:.35}`),
].join('\n');

// Filters: rows whose cells include the chosen state (or whose states differ), in the chosen section;
// a section's header hides with its last row; the choice is kept in the URL's fragment.
const SCRIPT = `(function () {
  var table = document.getElementById('matrix');
  var state = document.getElementById('state-filter');
  var section = document.getElementById('section-filter');
  var shown = document.getElementById('shown');
  var total = table.querySelectorAll('tr.rule').length;
  function apply() {
    var s = state.value, c = section.value, n = 0;
    table.setAttribute('data-filter', s);
    table.querySelectorAll('tbody.group').forEach(function (group) {
      var inSection = !c || group.getAttribute('data-section') === c, k = 0;
      group.querySelectorAll('tr.rule').forEach(function (row) {
        var ok = inSection && (!s || (s === 'differs' ? row.hasAttribute('data-differs') : (' ' + row.getAttribute('data-states') + ' ').indexOf(' ' + s + ' ') >= 0));
        row.hidden = !ok;
        if (ok) k++;
      });
      group.hidden = k === 0;
      n += k;
    });
    shown.textContent = n + ' of ' + total + ' rules shown';
    var h = [];
    if (s) h.push('state=' + encodeURIComponent(s));
    if (c) h.push('section=' + encodeURIComponent(c));
    try { history.replaceState(null, '', h.length ? '#' + h.join('&') : location.pathname + location.search); } catch (e) {}
  }
  function fromHash() {
    state.value = '';
    section.value = '';
    location.hash.slice(1).split('&').forEach(function (kv) {
      var i = kv.indexOf('='), k = kv.slice(0, i), v = decodeURIComponent(kv.slice(i + 1));
      var el = k === 'state' ? state : k === 'section' ? section : null;
      if (el && Array.prototype.some.call(el.options, function (o) { return o.value === v; })) el.value = v;
    });
    apply();
  }
  state.addEventListener('change', apply);
  section.addEventListener('change', apply);
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();`;

/** `a/b c` → `a/b%20c`: each path segment URL-encoded. */
function hrefOf(release: MatrixRelease, transcript: string): string {
  const path = release.report_dir && release.report_dir !== '.' ? `${release.report_dir}/${transcript}` : transcript;
  return path
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function cellTitle(cell: MatrixCell): string {
  const evidence = cell.state === 'fails' ? cell.failures : cell.state === 'harness-gap' ? cell.gaps : cell.state === 'observed' ? cell.observations : undefined;
  if (evidence && evidence.length > 0) {
    const first = evidence[0];
    const more = evidence.length > 1 ? ` (and ${plural(evidence.length - 1, 'more scenario')})` : '';
    const which = first.transcript_is_last ? ' [transcript: the scenario\'s last invocation; the check names none]' : '';
    return `${first.scenario}: ${first.message}${more}${which}`;
  }
  if (cell.state === 'holds') return `checked in ${plural(cell.checked_in, 'scenario')}, held in each`;
  return STATE_MEANING[cell.state];
}

function cellHtml(row: MatrixRow, cell: MatrixCell, release: MatrixRelease): string {
  const link = cellLink(cell);
  const evidenceCount = cell.state === 'fails' ? (cell.failures?.length ?? 0) : cell.state === 'harness-gap' ? (cell.gaps?.length ?? 0) : cell.state === 'observed' ? (cell.observations?.length ?? 0) : 0;
  const label = `${STATE_ICONS[cell.state]} ${STATE_LABELS[cell.state]}`;
  const count = evidenceCount > 1 ? ` <span class="n">×${evidenceCount}</span>` : '';
  const body = link?.transcript ? `<a href="${escapeHtml(hrefOf(release, link.transcript))}" data-scenario="${escapeHtml(link.scenario)}">${label}</a>${count}` : `${label}${count}`;
  return `<td class="cell s-${cell.state}" data-rule="${escapeHtml(row.id)}" data-release="${escapeHtml(cell.release)}" data-state="${cell.state}" title="${escapeHtml(cellTitle(cell))}">${body}</td>`;
}

/** A quote as the documents show it: `code` spans as code, everything else escaped text. */
function quoteHtml(quote: string): string {
  return escapeHtml(quote).replace(/`([^`]+)`/g, '<code>$1</code>');
}

function sectionKey(document: string, section: string): string {
  return `${document} › ${section}`;
}

function rowHtml(row: MatrixRow, releases: MatrixRelease[]): string {
  const states = [...new Set(row.cells.map((c) => c.state))];
  const badges = [row.observation ? '<span class="badge" title="the sentence tells agents, not the CLI, what to do: never failing">observation</span>' : '', row.in_catalogue ? '' : '<span class="badge" title="a report cites it; the current catalogue does not have it">not in catalogue</span>'].join('');
  const head = `<th scope="row" class="rule"${row.summary ? ` title="${escapeHtml(row.summary)}"` : ''}><code>${escapeHtml(row.id)}</code>${badges}${row.quote ? `<div class="quote">“${quoteHtml(row.quote)}”</div>` : ''}</th>`;
  const cells = row.cells.map((c, i) => cellHtml(row, c, releases[i])).join('');
  return `<tr class="rule" data-rule="${escapeHtml(row.id)}" data-section="${escapeHtml(sectionKey(row.document, row.section))}" data-states="${states.join(' ')}"${states.length > 1 ? ' data-differs="1"' : ''}>${head}${cells}</tr>`;
}

function releaseHeader(r: MatrixRelease): string {
  const fails = r.counts.fails > 0 ? ` · ${r.counts.fails} fail` : '';
  return `<th scope="col" class="release" data-release="${escapeHtml(r.id)}"><div>${escapeHtml(r.id)}</div><div class="passes" data-passes="${r.passes}">${r.passes} hold</div><div class="sub">of ${r.stated} stated${fails}</div></th>`;
}

function releaseNotes(r: MatrixRelease): string {
  const s = r.scenarios;
  const notes = [
    `contract ${escapeHtml(r.contract_version ?? 'unknown')}`,
    `run <code>${escapeHtml(r.run_id)}</code>, report <code>${escapeHtml(r.report_dir || '.')}</code>`,
    `scenarios: ${s.passed} passed, ${s.failed} failed, ${s.not_run} not run${s.skipped ? `, ${s.skipped} skipped` : ''} of ${s.total}`,
    CELL_STATES.map((st) => `${r.counts[st]} ${STATE_LABELS[st]}`).join(', '),
  ];
  if (r.stated_source === 'unknown') notes.push('<strong>no recorded list of the rules its documents state</strong>: a rule reads not stated only where the run\'s own checks said so');
  if (!r.rules_checked_recorded) notes.push('<strong>its report predates rules_checked</strong>: a rule that held there reads not reached');
  return `<li data-release="${escapeHtml(r.id)}"><strong>${escapeHtml(r.id)}</strong> (<code>${escapeHtml(r.cli_spec)}</code>): ${notes.join('; ')}</li>`;
}

export interface MatrixHtmlOptions {
  title?: string;
  /** A sentence under the title (how the page was made), as plain text. */
  note?: string;
}

export function renderMatrixHtml(m: MatrixJson, opts: MatrixHtmlOptions = {}): string {
  const title = opts.title ?? `image-skill: rules across ${plural(m.releases.length, 'release')}`;
  const rows = m.groups.flatMap((g) => g.rules);
  const colspan = m.releases.length + 1;
  const stateCounts = CELL_STATES.map((s) => ({ s, rows: rows.filter((r) => r.cells.some((c) => c.state === s)).length }));
  const differs = rows.filter((r) => new Set(r.cells.map((c) => c.state)).size > 1).length;
  const stateOptions = [
    '<option value="">any state</option>',
    ...stateCounts.map(({ s, rows: n }) => `<option value="${s}">${STATE_LABELS[s]} in some release (${n})</option>`),
    `<option value="differs">differs between releases (${differs})</option>`,
  ].join('');
  const sectionOptions = ['<option value="">every section</option>', ...m.groups.map((g) => {
    const key = sectionKey(g.document, g.section);
    return `<option value="${escapeHtml(key)}">${escapeHtml(key)} (${g.rules.length})</option>`;
  })].join('');
  const body = m.groups
    .map((g) => {
      const key = sectionKey(g.document, g.section);
      const head = `<tr class="section"><th colspan="${colspan}">${escapeHtml(g.document)} › ${escapeHtml(g.section)} <span class="n">(${plural(g.rules.length, 'rule')})</span></th></tr>`;
      return `<tbody class="group" data-section="${escapeHtml(key)}">\n${head}\n${g.rules.map((r) => rowHtml(r, m.releases)).join('\n')}\n</tbody>`;
    })
    .join('\n');
  const legend = CELL_STATES.map((s) => `<li><span class="s-${s}">${STATE_ICONS[s]} ${STATE_LABELS[s]}</span>: ${escapeHtml(STATE_MEANING[s])}</li>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
${opts.note ? `<p>${escapeHtml(opts.note)}</p>\n` : ''}<p>Every rule of the catalogue (a sentence of the documents, quoted) as a row, grouped by document › section; every release as a column, its header counting the rules that hold there. A rule holds for a release only where its documents state it and a scenario checked it.</p>
<div id="filters">
<label>State <select id="state-filter">${stateOptions}</select></label>
<label>Section <select id="section-filter">${sectionOptions}</select></label>
<output id="shown">${plural(rows.length, 'rule')} shown</output>
</div>
<table id="matrix">
<thead><tr><th scope="col">rule (document › section)</th>${m.releases.map(releaseHeader).join('')}</tr></thead>
${body}
</table>
<h2>States</h2>
<ul id="legend">
${legend}
</ul>
<h2>Releases</h2>
<ul id="releases">
${m.releases.map(releaseNotes).join('\n')}
</ul>
<script>
${SCRIPT}
</script>
</body>
</html>
`;
}
