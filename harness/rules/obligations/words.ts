/**
 * The words that make a sentence an obligation of the CLI (or of whoever it addresses): the one
 * list, matched case-insensitively and on word boundaries against the normalised sentence.
 */
import { normaliseText } from '../documents.js';

/** Obligation words and phrases (lower case; a space matches any run of whitespace). */
export const OBLIGATION_WORDS: readonly string[] = [
  'must',
  'never',
  'require',
  'requires',
  'required',
  'only',
  'exit',
  'exits',
  'does not',
  "doesn't",
  'do not',
  "don't",
  'at most',
  'exactly',
  'always',
  'cannot',
  "can't",
  'will not',
  "won't",
  'is not',
  "isn't",
  'are not',
  'no',
  'refuse',
  'refuses',
  'reject',
  'rejects',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
// A word boundary that also holds next to an apostrophe-free word character only (`no` is not `no_auth`).
const MARKER = new RegExp(`(?<![A-Za-z0-9_'-])(${[...OBLIGATION_WORDS].sort((a, b) => b.length - a.length).map(escape).join('|')})(?![A-Za-z0-9_'-])`, 'gi');

/** The obligation words a sentence holds, lower case, in order of appearance (empty: not an obligation). */
export function obligationWords(sentence: string): string[] {
  const text = normaliseText(sentence).replace(/\u2019/g, "'");
  return [...text.matchAll(MARKER)].map((m) => m[1].replace(/\s+/g, ' '));
}

export function isObligation(sentence: string): boolean {
  return obligationWords(sentence).length > 0;
}
