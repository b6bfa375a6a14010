/**
 * Which sentence of the documents a surviving mutant would break: a heuristic. Candidates are the
 * rules the covering scenarios checked in the coverage pass (their `isc-checks` attachments);
 * a rule is named when one of its literals (`asserts`: flags, field names, codes; a dotted path
 * counts by its last segment; literals under 4 characters and JavaScript's own words such as
 * "string" or "null" are left out as too common) occurs as a whole word in the mutated code or its
 * line. Otherwise the survivor is "no sentence found".
 */
import type { Rule } from '../../rules/types.js';

export const NO_SENTENCE = 'no sentence found';

export interface SentenceRef {
  id: string;
  document: string;
  section: string;
  quote: string;
}

/** Words of the code itself (typeof results, literals) that say nothing about the contract. */
const CODE_WORDS = new Set(['string', 'number', 'object', 'boolean', 'true', 'false', 'null', 'undefined', 'function']);

/** The words a rule's literals contribute (see the top of this file). */
export function literalWords(rule: Pick<Rule, 'asserts'>): string[] {
  const words = rule.asserts.map((a) => (/^[\w-]+(\.[\w*-]+)+$/.test(a) ? (a.split('.').at(-1) ?? a) : a).trim());
  return [...new Set(words.filter((w) => w.length >= 4 && !CODE_WORDS.has(w)))];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function occurs(word: string, text: string): boolean {
  return new RegExp(`(^|[^\\w-])${escape(word)}($|[^\\w-])`).test(text);
}

/** The rules (of those the covering scenarios checked) whose literals the mutated code names. */
export function sentencesFor(code: readonly string[], checked: readonly string[], rules: ReadonlyMap<string, Rule>): SentenceRef[] {
  const text = code.join('\n');
  const out: SentenceRef[] = [];
  for (const id of [...new Set(checked)].sort()) {
    const rule = rules.get(id);
    if (!rule || !literalWords(rule).some((w) => occurs(w, text))) continue;
    out.push({ id, document: rule.document, section: rule.section, quote: rule.quote });
  }
  return out;
}
