/**
 * The rules the run's documents no longer state, in summary.md: an earlier release stated each,
 * these documents rewrote its sentence, so its check was not held against the build. The
 * section's new text shows what the documents say instead.
 */
import type { NoLongerStatedRule } from './results.js';
import { code, plain, truncate } from './md-text.js';

/** Shown with their section's text up to this many rules; the rest are named. */
const SHOWN = 20;
/** Characters of the section's text in the summary (results.json keeps more). */
const TEXT_SHOWN = 240;

export function noLongerStatedMarkdown(rules: NoLongerStatedRule[]): string[] {
  const out = [`### Rules no longer stated by these documents (${rules.length})`, ''];
  out.push('An earlier release stated these; here the sentence was rewritten, so they are not checked as failures. What the section says now:', '');
  for (const r of rules.slice(0, SHOWN)) out.push(`- ${code(r.id)} (${plain(r.document)} › ${plain(r.section)}): ${plain(truncate(r.section_text, TEXT_SHOWN))}`);
  if (rules.length > SHOWN) out.push(`- and ${rules.length - SHOWN} more: ${rules.slice(SHOWN).map((r) => code(r.id)).join(', ')}`);
  out.push('');
  return out;
}
