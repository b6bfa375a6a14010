/** Mutation run results and their Markdown rendering. */
export interface MutantResult {
  name: string;
  area: string;
  rule: string;
  /** `not covered`: no scenario reached the mutant's switch, so none could kill it (a survivor). */
  outcome: 'killed' | 'survived' | 'not covered';
  killed: boolean;
  killedBy: string[];
  firstError: string | null;
  /** Scenarios that reached the mutant's switch in the coverage pass. */
  reachedBy: string[];
  /** Scenario runs against the mutant until it was killed or its candidates ran out. */
  runs: number;
}

export interface CoverageRow {
  title: string;
  /** CLI processes of the test that left a coverage record. */
  processes: number;
  switches: string[];
}

export interface RoundSummary {
  round: number;
  mutants: number;
  runs: number;
  killed: number;
  duration_ms: number;
}

export interface MutationReport {
  schema: 'image-skill-conformance.mutation.v1';
  total: number;
  killed: number;
  notCovered: number;
  control: { tests: number; failed: string[] };
  coverage: { duration_ms: number; tests: CoverageRow[] };
  rounds: RoundSummary[];
  mutants: MutantResult[];
  duration_ms: number;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function renderMutationMarkdown(r: MutationReport): string {
  const lines = [
    `# Mutation run`,
    '',
    `**mutation score: ${r.killed}/${r.total}**${r.notCovered ? ` (${r.notCovered} not covered)` : ''} · control (unmutated reference, coverage pass): ${r.control.tests} scenario runs, ${r.control.failed.length} failed · ${seconds(r.duration_ms)} (coverage pass ${seconds(r.coverage.duration_ms)})`,
    '',
    '| mutant | area | rule broken | scenarios reaching its switch | runs | killed by |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.mutants.map(
      (m) =>
        `| \`${m.name}\` | ${m.area} | ${cell(m.rule)} | ${m.reachedBy.length} | ${m.runs} | ${m.killed ? cell(m.killedBy.join('<br>')) : `**${m.outcome}**`} |`,
    ),
    '',
    '## Rounds',
    '',
    '| round | mutants | scenario runs | killed | time |',
    '| --- | --- | --- | --- | --- |',
    ...r.rounds.map((x) => `| ${x.round} | ${x.mutants} | ${x.runs} | ${x.killed} | ${seconds(x.duration_ms)} |`),
    '',
    '## Coverage (switches each scenario reached against the reference)',
    '',
    '| scenario | CLI processes | switches |',
    '| --- | --- | --- |',
    ...r.coverage.tests.map((t) => `| ${cell(t.title)} | ${t.processes} | ${t.switches.length ? t.switches.map((s) => `\`${s}\``).join(' ') : '(none)'} |`),
    '',
  ];
  if (r.control.failed.length) lines.push('## Reference failures', '', ...r.control.failed.map((f) => `- ${cell(f)}`), '');
  return lines.join('\n');
}
