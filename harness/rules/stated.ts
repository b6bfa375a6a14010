/**
 * Which rules the active documents state. A known contract version uses the list recorded
 * from its documents (schemas/examples/<v>/stated-rules.json); documents of any other
 * version decide for themselves, quote by quote.
 */
import { RULES } from './index.js';
import { normaliseText, quotePieces, ruleSections, statedRuleIds } from './documents.js';
import type { DocumentSet } from './documents.js';
import type { ContractDocument, Rule } from './types.js';
import { compareVersions, knownContractVersions, parseVersion, readStatedRules } from '../checks/schema-files.js';

/** A rule an earlier release stated whose sentence these documents rewrote: its section is still there, its quote is not. */
export interface NoLongerStated {
  id: string;
  document: ContractDocument;
  section: string;
  /** What the section says now, near where the quote was (whitespace collapsed, a few hundred characters at most). */
  sectionText: string;
}

export interface StatedRules {
  ids: ReadonlySet<string>;
  source: 'recorded' | 'package-documents' | 'all-rules';
  /** Catalogue rules these documents do not state (reported, never checked as failures). */
  notStated: string[];
  /**
   * The part of notStated an earlier known release did state, where these documents still
   * have the rule's section: the sentence was rewritten, so the rule is not held against them.
   * Empty when no documents are at hand to read the sections from.
   */
  noLongerStated: NoLongerStated[];
}

export function statedRules(version: string, documents?: DocumentSet): StatedRules {
  const recorded = readStatedRules(version);
  const all = RULES.map((r) => r.id);
  const haveDocuments = documents !== undefined && Object.keys(documents).length > 0;
  let ids: string[];
  let source: StatedRules['source'];
  if (recorded) {
    ids = recorded;
    source = 'recorded';
  } else if (haveDocuments) {
    ids = statedRuleIds([...RULES], documents);
    source = 'package-documents';
  } else {
    ids = all;
    source = 'all-rules';
  }
  const set = new Set(ids);
  const notStated = all.filter((id) => !set.has(id));
  return { ids: set, source, notStated, noLongerStated: haveDocuments ? noLongerStated(version, notStated, documents) : [] };
}

/** Section text shown for a rule that is no longer stated: at most this many characters. */
export const SECTION_TEXT_MAX = 420;

/**
 * Of `notStated`, the rules some known version older than `version` states (any known version
 * when `version` is not a release number) whose section these documents still have.
 */
export function noLongerStated(version: string, notStated: string[], documents: DocumentSet): NoLongerStated[] {
  const earlier = earlierStatedIds(version);
  const out: NoLongerStated[] = [];
  for (const id of notStated) {
    if (!earlier.has(id)) continue;
    const rule = RULES.find((r) => r.id === id);
    if (!rule) continue;
    const sections = ruleSections(rule, documents);
    if (sections.length === 0) continue;
    out.push({ id, document: rule.document, section: rule.section, sectionText: sectionExcerpt(rule, sections.map((s) => s.text).join('\n')) });
  }
  return out;
}

function earlierStatedIds(version: string): Set<string> {
  const releaseNumber = parseVersion(version) !== null;
  const ids = new Set<string>();
  for (const known of knownContractVersions()) {
    if (releaseNumber && compareVersions(known, version) >= 0) continue;
    for (const id of readStatedRules(known) ?? []) ids.add(id);
  }
  return ids;
}

/** Short words that say nothing about where a sentence went. */
const STOP_WORDS = new Set(['the', 'and', 'with', 'for', 'when', 'that', 'this', 'from', 'are', 'its', 'not', 'use', 'only']);

/**
 * The section's text where the quote's sentence most likely went: the sentence (or table row)
 * sharing most of the quote's words (of all its pieces), names and flags counting most, with the sentence before it
 * when both fit (a rewrite often puts the new behaviour in front); else the section's start.
 */
export function sectionExcerpt(rule: Pick<Rule, 'quote'>, sectionText: string, max = SECTION_TEXT_MAX): string {
  const shown = sectionText.replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();
  // A period before a space ends a sentence (dotted names such as data.x do not); "- " starts a list item; "| |" splits table rows.
  const sentences = shown.split(/(?<=\.)\s+|\s+(?=- )|(?<=\|)\s+(?=\|)/).filter((x) => x !== '');
  const words = [...new Set(quotePieces(rule.quote).flatMap((piece) => normaliseText(piece).split(/[^a-z0-9_.$/-]+/)).filter((w) => w.length >= 3 && !STOP_WORDS.has(w)))];
  const score = (sentence: string) => {
    const lower = normaliseText(sentence);
    return words.reduce((n, w) => n + (lower.includes(w) ? (/[_.$/]|^-/.test(w) ? 3 : 1) : 0), 0);
  };
  let best = -1;
  let bestScore = 0;
  sentences.forEach((sentence, i) => {
    const n = score(sentence);
    if (n > bestScore) {
      best = i;
      bestScore = n;
    }
  });
  if (best < 0) return clip(shown, max, false);
  const withPrevious = best > 0 && sentences[best - 1].length + 1 + sentences[best].length <= max;
  const from = withPrevious ? best - 1 : best;
  return clip(sentences.slice(from).join(' '), max, from > 0);
}

function clip(text: string, max: number, cutBefore: boolean): string {
  return `${cutBefore ? '…' : ''}${text.length > max ? `${text.slice(0, max).trimEnd()}…` : text}`;
}
