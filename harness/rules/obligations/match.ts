/**
 * Which catalogue rules a sentence bears: the rule cites the sentence's document and section
 * (or an `alsoUnder` heading) and its quote lies in the sentence, an elided quote piece by piece
 * in order (harness/rules/documents.ts quoteOccurs, the catalogue's own matching). A quote that
 * lies in no single sentence (a list cited whole, a quote across a sentence end) belongs to the
 * shortest run of consecutive sentences of its section that holds it, each of them.
 */
import { quoteOccurs, sectionKey } from '../documents.js';
import type { RuleRef } from '../types.js';
import type { Sentence } from './sentences.js';

/** The longest run of consecutive sentences one quote may span. */
export const MAX_SPAN = 8;

function cites(rule: RuleRef, sentence: Sentence): boolean {
  const section = sectionKey(sentence.section);
  return rule.document === sentence.document && [rule.section, ...(rule.alsoUnder ?? [])].some((s) => sectionKey(s) === section);
}

/** Ids of the rules whose quote lies in this sentence alone, in catalogue order. */
export function rulesInSentence(sentence: Sentence, rules: readonly RuleRef[]): string[] {
  return rules.filter((r) => cites(r, sentence) && quoteOccurs(r.quote, sentence.text)).map((r) => r.id);
}

/**
 * For every sentence (by index into `sentences`, one document's in order or several documents'),
 * the ids of the rules it bears; rules whose quote lies in no sentence or run are left out.
 */
export function rulesBySentence(sentences: readonly Sentence[], rules: readonly RuleRef[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const add = (i: number, id: string) => out.set(i, [...(out.get(i) ?? []), id]);
  for (const rule of rules) {
    const cited = sentences.flatMap((s, i) => (cites(rule, s) ? [i] : []));
    const alone = cited.filter((i) => quoteOccurs(rule.quote, sentences[i].text));
    if (alone.length > 0) {
      for (const i of alone) add(i, rule.id);
      continue;
    }
    const span = shortestSpan(rule, cited.map((i) => sentences[i].text));
    if (span) for (let k = span.from; k <= span.to; k += 1) add(cited[k], rule.id);
  }
  return out;
}

function shortestSpan(rule: RuleRef, texts: string[]): { from: number; to: number } | null {
  let best: { from: number; to: number } | null = null;
  for (let from = 0; from < texts.length; from += 1) {
    for (let to = from + 1; to < Math.min(texts.length, from + MAX_SPAN); to += 1) {
      if (!quoteOccurs(rule.quote, texts.slice(from, to + 1).join(' '))) continue;
      if (!best || to - from < best.to - best.from) best = { from, to };
      break;
    }
  }
  return best;
}
