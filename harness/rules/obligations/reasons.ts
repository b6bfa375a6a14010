/**
 * Why an obligation sentence has no rule: docs/rule-coverage-reasons.json, read as `unknown` and
 * validated here. A sentence is named by a hash of its normalised text (no prose copied into the
 * repository), or matched by a pattern (document, section, sentence regexes, all that are given).
 */
import { createHash } from 'node:crypto';
import { normaliseText } from '../documents.js';
import type { Sentence } from './sentences.js';

export interface ReasonPattern {
  document?: RegExp;
  section?: RegExp;
  sentence?: RegExp;
  reason: string;
}

export interface Reasons {
  /** Sentence key (sentenceKey) → reason; checked before the patterns. */
  sentences: ReadonlyMap<string, string>;
  /** In order: the first that matches gives the reason. */
  patterns: readonly ReasonPattern[];
}

/** A stable name for a sentence: the first 12 hex digits of the SHA-256 of its normalised text. */
export function sentenceKey(text: string): string {
  return createHash('sha256').update(normaliseText(text)).digest('hex').slice(0, 12);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function oneLine(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '' || /\n/.test(value)) throw new Error(`${where}: a one-line reason is required`);
  return value.trim();
}

function regex(value: unknown, where: string): RegExp | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '') throw new Error(`${where}: a regular expression (string) is expected`);
  return new RegExp(value, 'i');
}

/** The reasons file's content, validated; throws naming the first bad entry. */
export function parseReasons(value: unknown): Reasons {
  if (!isRecord(value)) throw new Error('reasons: an object with "sentences" and "patterns" is expected');
  const sentences = new Map<string, string>();
  const rawSentences = value.sentences ?? {};
  if (!isRecord(rawSentences)) throw new Error('reasons.sentences: an object of key → reason is expected');
  for (const [key, reason] of Object.entries(rawSentences)) {
    if (!/^[0-9a-f]{12}$/.test(key)) throw new Error(`reasons.sentences: "${key}" is not a sentence key (12 hex digits)`);
    sentences.set(key, oneLine(reason, `reasons.sentences.${key}`));
  }
  const rawPatterns = value.patterns ?? [];
  if (!Array.isArray(rawPatterns)) throw new Error('reasons.patterns: an array is expected');
  const patterns = rawPatterns.map((p: unknown, i): ReasonPattern => {
    const where = `reasons.patterns[${i}]`;
    if (!isRecord(p)) throw new Error(`${where}: an object is expected`);
    const known = new Set(['document', 'section', 'sentence', 'reason', 'note']);
    for (const k of Object.keys(p)) if (!known.has(k)) throw new Error(`${where}: unknown field "${k}"`);
    const out: ReasonPattern = { reason: oneLine(p.reason, where), document: regex(p.document, `${where}.document`), section: regex(p.section, `${where}.section`), sentence: regex(p.sentence, `${where}.sentence`) };
    if (!out.document && !out.section && !out.sentence) throw new Error(`${where}: a pattern needs document, section or sentence`);
    return out;
  });
  return { sentences, patterns };
}

/** The reason the file gives this sentence, or null. */
export function reasonFor(sentence: Sentence, reasons: Reasons): string | null {
  const byKey = reasons.sentences.get(sentenceKey(sentence.text));
  if (byKey !== undefined) return byKey;
  const text = normaliseText(sentence.text);
  const hit = reasons.patterns.find(
    (p) => (!p.document || p.document.test(sentence.document)) && (!p.section || p.section.test(sentence.section)) && (!p.sentence || p.sentence.test(text)),
  );
  return hit ? hit.reason : null;
}

/** Reasons given as "no rule yet: …": obligations of the CLI a rule could check but none does. */
export const NO_RULE_YET = /^no rule yet:/i;
