/** The mutant table of the reference CLI's README, generated from mutants.json (one source). */
import type { Mutant } from './catalog.js';

export const MUTANT_TABLE_BLOCK = 'mutant-table';

export function mutantTable(mutants: Mutant[]): string {
  const cell = (t: string) => t.replace(/\|/g, '\\|');
  return [
    '| name | area | what it breaks | rule |',
    '| --- | --- | --- | --- |',
    ...mutants.map((m) => `| \`${m.name}\` | ${m.area} | ${cell(m.rule)} | ${m.breaks ? `\`${m.breaks}\`` : ''} |`),
  ].join('\n');
}

/** The text between `<!-- mutant-table:start -->` and `<!-- mutant-table:end -->`, or null. */
export function mutantTableIn(readme: string): string | null {
  const m = new RegExp(`<!-- ${MUTANT_TABLE_BLOCK}:start -->\\n([\\s\\S]*?)\\n<!-- ${MUTANT_TABLE_BLOCK}:end -->`).exec(readme);
  return m ? m[1] : null;
}
