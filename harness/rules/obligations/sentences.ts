/**
 * A contract document as sentences: markdown-aware (headings, or llms.txt's label lines, give the
 * section, as rules cite it: harness/rules/documents.ts splitSections), each list item and table
 * row its own unit, paragraphs cut at sentence ends, code blocks skipped.
 */
import { splitSections } from '../documents.js';

export interface Sentence {
  /** File name within the version's folder (`cli.md`, `CHANGELOG.md`, ...). */
  document: string;
  /** The section title as splitSections gives it ("(top)" before the first heading). */
  section: string;
  /** The sentence, whitespace collapsed, markdown kept. */
  text: string;
  kind: 'paragraph' | 'list-item' | 'table-row';
}

const FENCE = /^\s*(```|~~~)/;
const LIST_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?[\s:|-]+\|?\s*$/;
const HEADING_LINE = /^\s*#{1,6}\s/;
const HTML_ONLY = /^\s*<\/?[a-zA-Z][^>]*>\s*$|^\s*<!--.*-->\s*$/;
/** Words whose period does not end a sentence. */
const ABBREVIATIONS = /(?:^|\s)(?:e\.g|i\.e|etc|vs|cf|approx|incl)\.$/i;

/** Markdown documents and llms.txt differ only in what starts a section. */
function sectionsOf(document: string, text: string) {
  return splitSections(document.toLowerCase().endsWith('.txt') ? 'llms.txt' : 'cli.md', text);
}

interface Block {
  kind: Sentence['kind'];
  lines: string[];
}

/** The blocks of one section's text: paragraphs, list items (with their continuation lines), table rows. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let fenced = false;
  for (const raw of text.split(/\r?\n/)) {
    if (FENCE.test(raw)) {
      fenced = !fenced;
      current = null;
      continue;
    }
    if (fenced) continue;
    const line = raw.replace(/^\s*>\s?/, '');
    if (line.trim() === '' || HEADING_LINE.test(line) || HTML_ONLY.test(line)) {
      current = null;
      continue;
    }
    if (TABLE_ROW.test(line)) {
      current = null;
      if (!TABLE_RULE.test(line)) blocks.push({ kind: 'table-row', lines: [line.trim()] });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      current = { kind: 'list-item', lines: [item[1]] };
      blocks.push(current);
      continue;
    }
    if (current === null || current.kind === 'table-row') {
      current = { kind: 'paragraph', lines: [] };
      blocks.push(current);
    }
    current.lines.push(line.trim());
  }
  return blocks;
}

/** A paragraph or list item cut at its sentence ends: `.`, `!` or `?` then space and a capital, digit, backtick or quote. */
export function cutSentences(text: string): string[] {
  const out: string[] = [];
  const end = /[.!?]["')\]]*\s+(?=[A-Z0-9`"'(*[])/g;
  let from = 0;
  for (const m of text.matchAll(end)) {
    const at = (m.index ?? 0) + m[0].trimEnd().length;
    if (ABBREVIATIONS.test(text.slice(from, at))) continue;
    out.push(text.slice(from, at).trim());
    from = at;
  }
  out.push(text.slice(from).trim());
  return out.filter((s) => /[A-Za-z]/.test(s));
}

/** Every sentence of a document, in order. */
export function splitSentences(document: string, text: string): Sentence[] {
  const out: Sentence[] = [];
  for (const section of sectionsOf(document, text)) {
    for (const block of blocksOf(section.text)) {
      const joined = block.lines.join(' ').replace(/\s+/g, ' ').trim();
      if (!/[A-Za-z]/.test(joined)) continue;
      const pieces = block.kind === 'table-row' ? [joined] : cutSentences(joined);
      for (const piece of pieces) out.push({ document, section: section.title, text: piece, kind: block.kind });
    }
  }
  return out;
}
