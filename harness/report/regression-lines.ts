/** Plain-text description of a regression report, shared by the Markdown and HTML renderers. */
import type { InvocationDiff, RegressionReport, ScenarioDiff } from './diff-types.js';

export interface ChangeLine {
  kind: 'exit code' | 'json' | 'printed command' | 'file' | 'request' | 'invocation' | 'note';
  subject: string;
  text: string;
}

export const CHANGE_ICONS: Record<ScenarioDiff['change'], string> = {
  regressed: '❌',
  fixed: '✅',
  added: '➕',
  removed: '➖',
  'status-changed': '⚠️',
  unchanged: '🔎',
};

export function invocationTitle(d: InvocationDiff): string {
  const index = d.head_index ?? d.base_index;
  return `#${(index ?? 0) + 1}`;
}

export function invocationLines(d: InvocationDiff): ChangeLine[] {
  const lines: ChangeLine[] = [];
  if (d.match === 'only-in-base') lines.push({ kind: 'invocation', subject: d.command, text: 'no longer run in head' });
  if (d.match === 'only-in-head') lines.push({ kind: 'invocation', subject: d.command, text: 'new in head' });
  if (d.exit) lines.push({ kind: 'exit code', subject: d.command, text: `${d.exit.base} → ${d.exit.head}` });
  for (const c of d.shape) {
    const pointer = c.pointer || '(root)';
    if (c.kind === 'added') lines.push({ kind: 'json', subject: pointer, text: `added (${c.head})` });
    if (c.kind === 'removed') lines.push({ kind: 'json', subject: pointer, text: `removed (was ${c.base})` });
    if (c.kind === 'retyped') lines.push({ kind: 'json', subject: pointer, text: `type ${c.base} → ${c.head}` });
    if (c.kind === 'value') lines.push({ kind: 'json', subject: pointer, text: `value ${c.base ?? '(none)'} → ${c.head ?? '(none)'}` });
    if (c.kind === 'command') lines.push({ kind: 'printed command', subject: pointer, text: `${c.base ?? '(none)'} → ${c.head ?? '(none)'}` });
  }
  for (const f of d.files) {
    if (f.change === 'new') lines.push({ kind: 'file', subject: f.path, text: `now ${f.head}` });
    if (f.change === 'gone') lines.push({ kind: 'file', subject: f.path, text: `no longer ${f.base}` });
    if (f.change === 'kind') lines.push({ kind: 'file', subject: f.path, text: `${f.base} → ${f.head}` });
    if (f.change === 'mode') lines.push({ kind: 'file', subject: f.path, text: `mode ${f.base ?? 'none'} → ${f.head ?? 'none'}` });
  }
  for (const r of d.requests) {
    if (r.change === 'added') {
      const fields = r.fields_added.length > 0 ? `; fields ${r.fields_added.join(', ')}` : '';
      lines.push({ kind: 'request', subject: r.request, text: `new in head (${r.head})${fields}` });
    }
    if (r.change === 'removed') lines.push({ kind: 'request', subject: r.request, text: `no longer sent (was ${r.base})` });
    if (r.change === 'count') lines.push({ kind: 'request', subject: r.request, text: `sent ${r.base} → ${r.head}` });
    if (r.change === 'fields') {
      const parts = [];
      if (r.fields_added.length > 0) parts.push(`new fields ${r.fields_added.join(', ')}`);
      if (r.fields_removed.length > 0) parts.push(`dropped fields ${r.fields_removed.join(', ')}`);
      lines.push({ kind: 'request', subject: r.request, text: parts.join('; ') });
    }
    if (r.change === 'value') lines.push({ kind: 'request', subject: `${r.request} ${r.field ?? ''}`.trim(), text: `body value ${r.base ?? '(none)'} → ${r.head ?? '(none)'}` });
  }
  for (const note of d.notes) lines.push({ kind: 'note', subject: '', text: note });
  return lines;
}

/** Heading word: 'unchanged' scenarios only appear when their behaviour changed. */
export function changeLabel(s: ScenarioDiff): string {
  return s.change === 'unchanged' ? 'behaviour changed' : s.change;
}

export function statusText(s: ScenarioDiff): string {
  return `${s.base_status ?? 'absent'} → ${s.head_status ?? 'absent'}`;
}

export function headline(r: RegressionReport): string {
  return `Regression report: ${r.base.cli} → ${r.head.cli}`;
}

export function totalsRow(r: RegressionReport): { header: string[]; row: string[] } {
  const t = r.totals;
  return {
    header: ['regressed', 'fixed', 'status changed', 'behaviour changed', 'added', 'removed', 'scenarios'],
    row: [t.regressed, t.fixed, t.status_changed, t.behaviour_changed, t.added, t.removed, t.scenarios].map(String),
  };
}
