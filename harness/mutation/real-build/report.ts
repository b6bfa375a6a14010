/**
 * The report of a real-build mutation run: figures per outcome, the per-mutant cost, every
 * sampled mutant with its outcome, and the survivors grouped by the sentence they would break
 * (sentences.ts). Pure: built from the state files the benchmark keeps.
 */
import type { Rule } from '../../rules/types.js';
import { applyReview, tally, OUTCOMES } from './classify.js';
import type { MutantResult, Outcome } from './classify.js';
import type { MutantInfo } from './mutants.js';
import { NO_SENTENCE, sentencesFor } from './sentences.js';
import type { SentenceRef } from './sentences.js';

export interface RealMutationReport {
  schema: 'image-skill-conformance.mutation-real.v1';
  build: { tarball: string; name: string | null; version: string | null; sha256: string };
  mutants: { total: number; covered: number; byMutator: Record<string, number> };
  sample: { size: number; seed: number; basis: 'covered' | 'topped-up' | 'all'; decided: number; pending: number };
  counts: Record<Outcome, number>;
  /** killed + timed out over decided − equivalent − no coverage. */
  score: number | null;
  cost: { coveragePassMs: number; roundsWallMs: number; scenarioRuns: number; wallMsPerMutant: number | null; scenarioMsPerMutant: number | null };
  survivorsBySentence: Array<{ sentence: SentenceRef | null; label: string; mutants: Array<{ id: string; key: string; snippet: string; line: number }> }>;
  results: Array<MutantResult & { snippet: string; line: number; mutator: string }>;
  notes: string[];
}

export interface ReportInput {
  build: RealMutationReport['build'];
  mutants: readonly MutantInfo[];
  coveredIds: ReadonlySet<string>;
  sample: { ids: readonly string[]; seed: number; basis: RealMutationReport['sample']['basis'] };
  results: readonly MutantResult[];
  equivalent: ReadonlyMap<string, string>;
  /** Rules each covering scenario checked, by scenario title. */
  rulesByTitle: ReadonlyMap<string, readonly string[]>;
  rules: ReadonlyMap<string, Rule>;
  coveragePassMs: number;
  roundsWallMs: number;
  notes: string[];
}

export function buildReport(input: ReportInput): RealMutationReport {
  const info = new Map(input.mutants.map((m) => [m.id, m]));
  const inSample = new Set(input.sample.ids);
  const results = applyReview(
    input.results.filter((r) => inSample.has(r.id)),
    input.equivalent,
  );
  const counts = tally(results);
  const byMutator: Record<string, number> = {};
  for (const m of input.mutants) byMutator[m.mutator] = (byMutator[m.mutator] ?? 0) + 1;
  const judged = results.length - counts.equivalent - counts['no coverage'];
  const scenarioRuns = results.reduce((n, r) => n + r.runs.length, 0);
  const scenarioMs = results.reduce((n, r) => n + r.runs.reduce((s, x) => s + x.durationMs, 0), 0);
  const groups = new Map<string, RealMutationReport['survivorsBySentence'][number]>();
  for (const r of results.filter((x) => x.outcome === 'survived')) {
    const m = info.get(r.id);
    const checked = r.coveredBy.flatMap((t) => input.rulesByTitle.get(t) ?? []);
    const found = m ? sentencesFor([m.original, m.lineText], checked, input.rules) : [];
    const entry = { id: r.id, key: r.key, snippet: m?.snippet ?? '', line: m?.line ?? 0 };
    for (const s of found.length ? found : [null]) {
      const label = s ? s.id : NO_SENTENCE;
      const g = groups.get(label) ?? { sentence: s, label, mutants: [] };
      g.mutants.push(entry);
      groups.set(label, g);
    }
  }
  const survivorsBySentence = [...groups.values()].sort((a, b) => (a.sentence === null ? 1 : 0) - (b.sentence === null ? 1 : 0) || b.mutants.length - a.mutants.length || (a.label < b.label ? -1 : 1));
  return {
    schema: 'image-skill-conformance.mutation-real.v1',
    build: input.build,
    mutants: { total: input.mutants.length, covered: input.coveredIds.size, byMutator },
    sample: { size: input.sample.ids.length, seed: input.sample.seed, basis: input.sample.basis, decided: results.length, pending: input.sample.ids.length - results.length },
    counts,
    score: judged > 0 ? (counts.killed + counts['timed out']) / judged : null,
    cost: {
      coveragePassMs: input.coveragePassMs,
      roundsWallMs: input.roundsWallMs,
      scenarioRuns,
      wallMsPerMutant: results.length ? Math.round(input.roundsWallMs / results.length) : null,
      scenarioMsPerMutant: results.length ? Math.round(scenarioMs / results.length) : null,
    },
    survivorsBySentence,
    results: results.map((r) => ({ ...r, snippet: info.get(r.id)?.snippet ?? '', line: info.get(r.id)?.line ?? 0, mutator: info.get(r.id)?.mutator ?? '' })),
    notes: input.notes,
  };
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const secs = (ms: number | null): string => (ms === null ? '–' : `${(ms / 1000).toFixed(1)} s`);

export function renderReportMarkdown(r: RealMutationReport): string {
  const lines: string[] = [];
  lines.push(`# Mutation score of a real build: ${r.build.name ?? '?'} ${r.build.version ?? '?'}`, '');
  lines.push(`Tarball \`${r.build.tarball}\` (sha256 ${r.build.sha256.slice(0, 16)}…), instrumented by Stryker: ${r.mutants.total} mutants, ${r.mutants.covered} reached by a scenario that passes on the unmutated build.`);
  lines.push(`Sample: ${r.sample.size} mutants, seed ${r.sample.seed}, ${r.sample.basis === 'covered' ? 'drawn from the reached mutants' : r.sample.basis === 'topped-up' ? 'all reached mutants, topped up with unreached ones' : 'drawn from all mutants (no coverage pass)'}; ${r.sample.decided} decided, ${r.sample.pending} pending.`, '');
  lines.push('| outcome | mutants |', '| --- | ---: |');
  for (const o of OUTCOMES) lines.push(`| ${o} | ${r.counts[o]} |`);
  lines.push('', `Score (killed + timed out) ÷ (decided − equivalent − no coverage): ${r.score === null ? '–' : `${(r.score * 100).toFixed(1)} %`}.`, '');
  lines.push(`Cost: coverage pass ${secs(r.cost.coveragePassMs)}; rounds ${secs(r.cost.roundsWallMs)} wall for ${r.sample.decided} mutants (${secs(r.cost.wallMsPerMutant)} per mutant), ${r.cost.scenarioRuns} scenario runs (${secs(r.cost.scenarioMsPerMutant)} of scenario time per mutant).`, '');
  for (const n of r.notes) lines.push(`- ${n}`);
  if (r.notes.length) lines.push('');
  lines.push('## Survivors by the sentence they would break', '');
  lines.push('Heuristic: a survivor is put under a rule that one of its covering scenarios checked when one of that rule\'s literals (flags, field names, codes; a dotted path by its last segment) occurs in the mutated code or its line.', '');
  if (r.survivorsBySentence.length === 0) lines.push('No survivors.', '');
  for (const g of r.survivorsBySentence) {
    lines.push(g.sentence ? `### ${g.sentence.id} — ${g.sentence.document} › ${g.sentence.section}: “${g.sentence.quote}”` : `### ${NO_SENTENCE}`, '');
    for (const m of g.mutants) lines.push(`- #${m.id} line ${m.line}: \`${cell(m.snippet)}\``);
    lines.push('');
  }
  lines.push('## Sampled mutants', '', '| id | line | mutator | original → replacement | outcome | by / reached by |', '| ---: | ---: | --- | --- | --- | --- |');
  for (const m of [...r.results].sort((a, b) => Number(a.id) - Number(b.id))) {
    const by = m.decidedBy ?? (m.reason ? `review: ${m.reason}` : `${m.coveredBy.length} scenario(s)`);
    lines.push(`| ${m.id} | ${m.line} | ${m.mutator} | \`${cell(m.snippet)}\` | ${m.outcome} | ${cell(by)} |`);
  }
  return `${lines.join('\n')}\n`;
}
