/** Mutation run results and their Markdown rendering. */
export interface MutantResult {
  name: string;
  area: string;
  rule: string;
  killed: boolean;
  killedBy: string[];
  firstError: string | null;
}

export interface MutationReport {
  schema: 'image-skill-conformance.mutation.v1';
  total: number;
  killed: number;
  control: { tests: number; failed: string[] };
  mutants: MutantResult[];
  duration_ms: number;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMutationMarkdown(r: MutationReport): string {
  const lines = [
    `# Mutation run`,
    '',
    `**mutation score: ${r.killed}/${r.total}** · control (unmutated reference): ${r.control.tests} scenario runs, ${r.control.failed.length} failed`,
    '',
    '| mutant | area | rule broken | killed by |',
    '| --- | --- | --- | --- |',
    ...r.mutants.map((m) => `| \`${m.name}\` | ${m.area} | ${cell(m.rule)} | ${m.killed ? cell(m.killedBy.join('<br>')) : '**survived**'} |`),
    '',
  ];
  if (r.control.failed.length) lines.push('## Reference failures', '', ...r.control.failed.map((f) => `- ${cell(f)}`), '');
  return lines.join('\n');
}
