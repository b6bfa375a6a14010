/**
 * Where a rule's quote must be found: documents split into sections, text normalised so a
 * quote matches across line breaks and markdown emphasis, and an elided quote (`a … b`)
 * matches when its pieces occur in order.
 */
import type { ContractDocument, RuleRef } from './types.js';

export type DocumentSet = Partial<Record<ContractDocument, string>>;

/** Lower-case words and symbols with whitespace collapsed; backticks and `*` emphasis dropped. */
export function normaliseText(text: string): string {
  return text.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

const MD_HEADING = /^#{1,6}\s+(.+?)\s*#*\s*$/;
// llms.txt labels its parts with a line such as "Credits:" or "Expected JSON envelope:".
const TXT_LABEL = /^([A-Z][A-Za-z0-9 /,'()-]{1,60}):\s*(.*)$/;

export interface Section {
  title: string;
  text: string;
}

/** Sections of a document by heading (markdown) or label line (llms.txt); text before the first is "(top)". */
export function splitSections(document: ContractDocument, text: string): Section[] {
  const sections: Section[] = [{ title: '(top)', text: '' }];
  let fenced = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : document === 'llms.txt' ? TXT_LABEL.exec(line) : MD_HEADING.exec(line);
    if (heading) {
      sections.push({ title: heading[1].trim(), text: document === 'llms.txt' ? (heading[2] ?? '') : '' });
      continue;
    }
    sections[sections.length - 1].text += `${line}\n`;
  }
  return sections;
}

/** The section title as rules cite it: backticks dropped, spaces collapsed. */
export function sectionKey(title: string): string {
  return normaliseText(title);
}

/** The sections of the document a rule's quote may sit under (its section, and any `alsoUnder` heading). */
export function ruleSections(rule: RuleRef, docs: DocumentSet): Section[] {
  const text = docs[rule.document];
  if (text === undefined) return [];
  const wanted = new Set([rule.section, ...(rule.alsoUnder ?? [])].map(sectionKey));
  return splitSections(rule.document, text).filter((s) => wanted.has(sectionKey(s.title)));
}

/**
 * Where a quote leaves words out: ` … ` (U+2026 with whitespace around it). A quote cites a few
 * words of a sentence, or pieces of it joined by the ellipsis, each piece verbatim.
 */
const ELISION_SPLIT = /\s+\u2026\s+/;

/** The verbatim pieces of a quote, in order (a quote without ` … ` is one piece). */
export function quotePieces(quote: string): string[] {
  return quote.split(ELISION_SPLIT).map((p) => p.trim());
}

/**
 * True when `text` holds the quote: its pieces, each normalised, occur in order and without
 * overlapping (the first occurrence of each after the previous one: if any placement fits, that one does).
 */
export function quoteOccurs(quote: string, text: string): boolean {
  const haystack = normaliseText(text);
  let from = 0;
  for (const piece of quotePieces(quote).map(normaliseText)) {
    const at = haystack.indexOf(piece, from);
    if (at < 0) return false;
    from = at + piece.length;
  }
  return true;
}

/** True when the document holds the rule's quote (every piece, in order) inside one of the rule's sections. */
export function quoteStated(rule: RuleRef, docs: DocumentSet): boolean {
  return ruleSections(rule, docs).some((s) => quoteOccurs(rule.quote, s.text));
}

/** Ids of the rules whose quotes the documents state. */
export function statedRuleIds(rules: RuleRef[], docs: DocumentSet): string[] {
  return rules.filter((r) => quoteStated(r, docs)).map((r) => r.id);
}
