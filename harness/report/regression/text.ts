/** Words shared by the Markdown and HTML renderings of a regression report. */
import type { Change, ChangeClass, ChangeKind, RegressionReport, ScenarioDiff } from './types.js';

export const CLASS_TITLES: Record<ChangeClass, { icon: string; title: string; plural: string; meaning: string }> = {
  regression: { icon: '❌', title: 'regression', plural: 'Regressions', meaning: 'breaks a rule the head’s documents state (diff exits 1)' },
  undocumented: { icon: '❓', title: 'undocumented', plural: 'Undocumented changes', meaning: 'neither side’s documents mention it: read these first' },
  'documented-removal': { icon: '📕', title: 'documented removal', plural: 'Documented removals', meaning: 'breaks or drops what only the base’s documents stated' },
  documented: { icon: '📗', title: 'documented', plural: 'Documented by the head’s documents', meaning: 'a sentence of the head’s documents covers it' },
  'harness-gap': { icon: '△', title: 'harness gap', plural: 'Harness gaps', meaning: 'the harness or its fake, never a regression' },
};

export const KIND_WORDS: Record<ChangeKind, string> = {
  check: 'check',
  exit: 'exit code',
  removed: 'field removed',
  changed: 'value changed',
  'printed-command': 'printed command changed',
  added: 'field added',
  file: 'file',
  request: 'request',
  step: 'step',
  status: 'status',
};

export const SCENARIO_ICONS: Record<ScenarioDiff['change'], string> = {
  regressed: '❌',
  fixed: '✅',
  added: '➕',
  removed: '➖',
  'status-changed': '⚠️',
  unchanged: '🔎',
};

export function headline(r: RegressionReport): string {
  return `Regression report: ${r.base.cli} → ${r.head.cli}`;
}

export function sideLine(name: string, l: RegressionReport['base']): string {
  return `${name} run ${l.run_id} (contract ${l.contract_version ?? '?'}; ${l.rules_stated} rules stated, by ${l.documents})`;
}

export function scenariosLine(r: RegressionReport): string {
  const t = r.totals;
  const parts = [`${t.scenarios} scenarios compared`, `${t.regressed} regressed`, `${t.fixed} fixed`, `${t.status_changed} other status changes`, `${t.behaviour_changed} same status, behaviour changed`];
  if (t.added + t.removed > 0) parts.push(`${t.added} only in head`, `${t.removed} only in base`);
  return `${parts.join(', ')}.`;
}

/** What a change is about, in one short phrase: `field removed /data/x`, `check shape.create`. */
export function whatText(c: Change): string {
  if (c.kind === 'exit') return c.subject;
  if (c.kind === 'status') return 'scenario status';
  return `${KIND_WORDS[c.kind]} ${c.subject}`;
}

export function valueOrAbsent(v: string | null): string {
  return v === null ? '(absent)' : v;
}

export function clip(text: string, max: number): string {
  const one = text.replace(/\s*\n\s*/g, ' ⏎ ');
  return one.length <= max ? one : `${one.slice(0, max - 1)}…`;
}

/**
 * Both values clipped for a table cell around where they first differ, so two long commands
 * that share their start still show what changed: `…--show-token --no-save --json"`.
 */
export function clipPair(a: string | null, b: string | null, max: number): [string | null, string | null] {
  if (a === null || b === null) return [a === null ? null : clip(a, max), b === null ? null : clip(b, max)];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  const from = p > max / 2 ? p - Math.floor(max / 4) : 0;
  const cut = (t: string) => (from > 0 ? `…${clip(t.slice(from), max - 1)}` : clip(t, max));
  return [cut(a), cut(b)];
}

export function statusText(s: ScenarioDiff): string {
  return `${s.base_status ?? 'absent'} → ${s.head_status ?? 'absent'}`;
}

export function ruleText(c: Change): string | null {
  if (!c.rule) return null;
  const by = c.rule.stated_by === 'head' ? 'stated by the head’s documents' : 'stated only by the base’s documents';
  return `${c.rule.id} (${c.rule.document} › ${c.rule.section}: "${c.rule.quote}"), ${by}`;
}

export function citationText(c: Change): string | null {
  if (!c.citation) return null;
  const x = c.citation;
  const whose = x.side === 'head' ? 'head' : 'base';
  const fresh = x.new_sentence ? (x.side === 'head' ? ', a sentence the base lacked' : ', a sentence the head dropped') : '';
  return `${whose} ${x.document} › ${x.section}${fresh}: "${x.sentence}"`;
}
