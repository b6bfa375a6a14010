/**
 * The regression report between two runs: measure every scenario step by step, fold the
 * differences into one row per change, classify each against both sides' documents, number
 * them in report order. Run-specific values are normalised away, so the same build against
 * itself gives no change and equal input gives byte-identical output.
 */
import type { DocumentSet } from '../../rules/documents.js';
import type { RunResults } from '../results.js';
import { absorbChecks, classifyRow, linkSteps, type Verdict } from './classify.js';
import { docsSide } from './documents.js';
import { fold, type FoldedRow } from './fold.js';
import { measureRuns } from './measure.js';
import { releaseNotes } from './release-notes.js';
import {
  CHANGE_CLASSES,
  CHANGE_KINDS,
  REGRESSION_SCHEMA,
  type Change,
  type ChangeClass,
  type DocumentsDiff,
  type RegressionReport,
  type RunLabel,
  type ScenarioChangeKind,
  type ScenarioDiff,
  type StepPair,
  type TranscriptLoader,
} from './types.js';

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface SideInput {
  results: RunResults;
  /** The package's cli.md / llms.txt / skill.md; null when not at hand (the recorded rule list then decides). */
  documents: DocumentSet | null;
  /** The package's CHANGELOG.md, when it ships one. */
  changelog?: string | null;
}

function label(r: RunResults, withSpec: boolean, documents: string, stated: number): RunLabel {
  const name = r.cli.name ?? r.cli.spec;
  const versioned = r.cli.version ? `${name}@${r.cli.version}` : name;
  return {
    run_id: r.run_id,
    cli: withSpec && r.cli.spec !== versioned ? `${versioned} (${r.cli.spec})` : versioned,
    contract_version: r.contract_version,
    documents,
    rules_stated: stated,
  };
}

function sortedDocuments(d: DocumentsDiff): DocumentsDiff {
  const key = (c: DocumentsDiff['changes'][number]) => [c.pointer, c.change, c.from ?? '', c.to ?? ''].join('\u0000');
  return {
    base: { ...d.base },
    head: { ...d.head },
    changes: [...d.changes].sort((x, y) => compareText(key(x), key(y))).map((c) => ({ ...c })),
    warnings: [...d.warnings].sort(compareText),
  };
}

function rowOrder(a: { row: FoldedRow; verdict: Verdict }, b: { row: FoldedRow; verdict: Verdict }): number {
  return (
    CHANGE_CLASSES.indexOf(a.verdict.class) - CHANGE_CLASSES.indexOf(b.verdict.class) ||
    compareText(a.row.command, b.row.command) ||
    CHANGE_KINDS.indexOf(a.row.kind) - CHANGE_KINDS.indexOf(b.row.kind) ||
    compareText(a.row.subject, b.row.subject) ||
    compareText(a.row.base ?? '', b.row.base ?? '') ||
    compareText(a.row.head ?? '', b.row.head ?? '')
  );
}

export function diffRuns(base: SideInput, head: SideInput, load: TranscriptLoader, options: { documents?: DocumentsDiff } = {}): RegressionReport {
  const warnings: string[] = [];
  const baseDocs = docsSide('base', base.results, base.documents);
  const headDocs = docsSide('head', head.results, head.documents);
  for (const [name, side, input] of [['base', baseDocs, base], ['head', headDocs, head]] as const) {
    if (!input.documents) warnings.push(`the ${name}’s documents were not at hand: classified by ${side.source}, without searching its sentences`);
  }
  const measured = measureRuns(base.results, head.results, load);
  const folded = fold(measured.flatMap((s) => s.occurrences));
  const ctx = { base: baseDocs, head: headDocs, scenarios: new Map(measured.map((s) => [s.id, s])) };
  const verdicts = new Map<FoldedRow, Verdict>(folded.map((r) => [r, classifyRow(r, ctx)]));
  const absorbed = absorbChecks(folded, verdicts);
  const rows = folded.filter((r) => !absorbed.has(r));
  linkSteps(rows, verdicts);
  const ordered = rows.map((row) => ({ row, verdict: verdicts.get(row) as Verdict })).sort(rowOrder);
  const ids = new Map<FoldedRow, string>(ordered.map((o, i) => [o.row, `C${i + 1}`]));
  const changes: Change[] = ordered.map(({ row, verdict }) => {
    const c: Change = {
      id: ids.get(row) as string,
      class: verdict.class,
      kind: row.kind,
      command: row.command,
      forms: row.forms,
      subject: row.subject,
      base: row.base,
      head: row.head,
      scenarios: row.scenarios,
      reason: verdict.followsFrom ? `${verdict.reason} (${ids.get(verdict.followsFrom)})` : verdict.reason,
    };
    if (verdict.rule) c.rule = verdict.rule;
    if (verdict.citation) c.citation = verdict.citation;
    return c;
  });

  const idOf = new Map<object, string>();
  for (const row of rows) for (const o of row.occurrences) idOf.set(o, ids.get(row) as string);
  for (const [check, field] of absorbed) for (const o of check.occurrences) idOf.set(o, ids.get(field) as string);
  const scenarios: ScenarioDiff[] = measured.map((s) => {
    const changeIds = [...new Set(s.occurrences.map((o) => idOf.get(o) as string))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
    const steps: StepPair[] = s.steps
      .map((st, i) => ({ ...st, changes: [...new Set(s.occurrences.filter((o) => o.step === i).map((o) => idOf.get(o) as string))] }))
      .filter((st) => st.changes.length > 0);
    return {
      id: s.id,
      title: s.title,
      base_status: s.base?.status ?? null,
      head_status: s.head?.status ?? null,
      change: s.change,
      changed: s.change !== 'unchanged' || changeIds.length > 0,
      changes: changeIds,
      steps,
      notes: s.notes,
    };
  });

  const count = (k: ScenarioChangeKind) => scenarios.filter((s) => s.change === k).length;
  const byClass = Object.fromEntries(CHANGE_CLASSES.map((c) => [c, changes.filter((x) => x.class === c).length])) as Record<ChangeClass, number>;
  const same = label(base.results, false, '', 0).cli === label(head.results, false, '', 0).cli;
  const report: RegressionReport = {
    schema: REGRESSION_SCHEMA,
    base: label(base.results, same, baseDocs.source, baseDocs.stated.size),
    head: label(head.results, same, headDocs.source, headDocs.stated.size),
    totals: {
      scenarios: scenarios.length,
      regressed: count('regressed'),
      fixed: count('fixed'),
      added: count('added'),
      removed: count('removed'),
      status_changed: count('status-changed'),
      behaviour_changed: scenarios.filter((s) => s.change === 'unchanged' && s.changed).length,
      changes: changes.length,
      by_class: byClass,
    },
    changes,
    scenarios,
    warnings,
  };
  if (options.documents) report.documents = sortedDocuments(options.documents);
  const notes = releaseNotes(base, head, changes);
  if (notes) report.release_notes = notes;
  return report;
}
