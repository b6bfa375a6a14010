/**
 * The mutants of an instrumented build as the benchmark lists them: Stryker's id (valid for one
 * instrumentation only), a stable key for review files (file, mutator, original and replacement
 * code, a hash of the lines around it: it survives edits elsewhere in the file), and a short
 * `original → replacement` snippet.
 */
import { createHash } from 'node:crypto';
import type { InstrumentedMutant } from './instrument.js';

export interface MutantInfo {
  id: string;
  key: string;
  file: string;
  line: number;
  mutator: string;
  /** `original → replacement`, whitespace collapsed, at most 80 characters. */
  snippet: string;
  /** The original code the mutant replaces, whitespace collapsed, cut to ORIGINAL_MAX (for the rule heuristic). */
  original: string;
  /** The first mutated line as written, trimmed, cut to ORIGINAL_MAX. */
  lineText: string;
}

export const SNIPPET_MAX = 80;
export const ORIGINAL_MAX = 400;

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The source text between two positions (1-based lines, 0-based columns). */
export function sourceSpan(lines: readonly string[], m: Pick<InstrumentedMutant, 'line' | 'column' | 'endLine' | 'endColumn'>): string {
  if (m.line === m.endLine) return (lines[m.line - 1] ?? '').slice(m.column, m.endColumn);
  const parts = [(lines[m.line - 1] ?? '').slice(m.column), ...lines.slice(m.line, m.endLine - 1), (lines[m.endLine - 1] ?? '').slice(0, m.endColumn)];
  return parts.join('\n');
}

/** `original → replacement` within `max` characters, each side shortened with … when needed. */
export function snippet(original: string, replacement: string, max = SNIPPET_MAX): string {
  const a = collapse(original);
  const b = collapse(replacement);
  const arrow = ' → ';
  if (a.length + b.length + arrow.length <= max) return `${a}${arrow}${b}`;
  const room = max - arrow.length;
  const bRoom = Math.min(b.length, Math.max(Math.floor(room / 2), room - a.length));
  const aRoom = room - bRoom;
  const cut = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`);
  return `${cut(a, aRoom)}${arrow}${cut(b, bRoom)}`;
}

/** Lines around the mutant, trimmed, for the key's context hash (2 before, the mutated lines, 2 after). */
function context(lines: readonly string[], m: InstrumentedMutant): string {
  return lines.slice(Math.max(0, m.line - 3), m.endLine + 2).map((l) => l.trim()).join('\n');
}

/** file | mutator | snippet | hash of the context, the whole original and the replacement (a block's original is long). */
export function mutantKey(file: string, mutator: string, original: string, replacement: string, contextText: string): string {
  const hash = createHash('sha256').update([contextText, collapse(original), collapse(replacement)].join('\0')).digest('hex').slice(0, 12);
  return [file, mutator, snippet(original, replacement), hash].join(' | ');
}

/** Describe every mutant of one file, given the file's original source. */
export function describeMutants(source: string, mutants: readonly InstrumentedMutant[]): MutantInfo[] {
  const lines = source.split('\n');
  return mutants.map((m) => {
    const original = sourceSpan(lines, m);
    return {
      id: m.id,
      key: mutantKey(m.file, m.mutatorName, original, m.replacement, context(lines, m)),
      file: m.file,
      line: m.line,
      mutator: m.mutatorName,
      snippet: snippet(original, m.replacement),
      original: collapse(original).slice(0, ORIGINAL_MAX),
      lineText: (lines[m.line - 1] ?? '').trim().slice(0, ORIGINAL_MAX),
    };
  });
}
