/**
 * Commands the CLI printed for an agent to run (next_command, recovery hints, …).
 * They are run as printed, with two changes: a package-runner prefix such as
 * `npx -y image-skill@latest` becomes the sandbox wrapper `image-skill` (the
 * registry is never contacted), and UPPER_CASE placeholders are filled in.
 */
import { shellQuote } from '../target/shell-words.js';
import { isRedirection, scanShellLine, staticWordValue, type Segment, type Token, type WordToken } from './shell-scan.js';

export interface PreparedCommand {
  executed: string;
  prefixMapping: string | null;
  filled: Record<string, string>;
  /** Words after the wrapper in the first image-skill call (expansions left as written); null if none. */
  cliArgs: string[] | null;
}

export interface PrepareOptions {
  placeholders: Record<string, string>;
  targetWrapperName: 'image-skill';
}

const PLACEHOLDER = /^[A-Z][A-Z0-9_]{2,}$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const FLAG_OR_NAME_PREFIX = /^(--?[A-Za-z0-9][A-Za-z0-9_-]*=|[A-Za-z_][A-Za-z0-9_]*=)/;
const PACKAGE = /^image-skill(@[A-Za-z0-9._~^<>=*-]+)?$/;
const RUNNER_FLAGS = new Set(['-y', '--yes', '-q', '--quiet']);

interface Edit {
  start: number;
  end: number;
  text: string;
}

function wordText(line: string, w: WordToken): string {
  return line.slice(w.start, w.end);
}

/** Words of one simple command (from a command position to the next control operator). */
function commandsOf(tokens: Token[]): WordToken[][] {
  const commands: WordToken[][] = [];
  let current: WordToken[] = [];
  let afterRedirect = false;
  for (const t of tokens) {
    if (t.kind === 'op') {
      if (isRedirection(t)) {
        afterRedirect = true;
        continue;
      }
      if (current.length) commands.push(current);
      current = [];
    } else if (afterRedirect) {
      afterRedirect = false; // the redirection target is not part of the command's words
    } else {
      current.push(t);
    }
  }
  if (current.length) commands.push(current);
  return commands;
}

/** Index of the first word after env assignments (and an optional leading `env`). */
function programIndex(line: string, words: WordToken[]): number {
  let i = 0;
  if (words[0] && wordText(line, words[0]) === 'env') i++;
  while (i < words.length && ASSIGNMENT.test(words[i].segments[0]?.quote === 'none' ? words[i].segments[0].text : '')) i++;
  return i;
}

/** How many words form a package-runner prefix at `at` (0 when none). */
function prefixLength(line: string, words: WordToken[], at: number): number {
  const text = (k: number): string | null => (words[at + k] ? staticWordValue(words[at + k]) : null);
  const first = text(0);
  if (first !== null && PACKAGE.test(first)) return 1;
  let k: number;
  if (first === 'npx') k = 1;
  else if (first === 'npm' && text(1) === 'exec') k = 2;
  else return 0;
  while (RUNNER_FLAGS.has(text(k) ?? '')) k++;
  if (first === 'npm' && text(k) === '--') k++;
  if (!PACKAGE.test(text(k) ?? '')) return 0;
  k++;
  if (first === 'npm' && text(k) === '--') k++;
  return k;
}

function escapeFor(quote: Segment['quote'], value: string): string {
  if (quote === 'single') return value.replace(/'/g, `'\\''`);
  if (quote === 'double') return value.replace(/([$`"\\])/g, '\\$1');
  return shellQuote(value);
}

/** The placeholder segment of a word, if the word is one (possibly after `--flag=` / `NAME=`). */
function placeholderIn(w: WordToken): { name: string; start: number; end: number; quote: Segment['quote'] } | null {
  const [a, b] = w.segments;
  if (w.segments.length === 1 && PLACEHOLDER.test(a.text)) return { name: a.text, start: a.start, end: a.end, quote: a.quote };
  if (a.quote !== 'none') return null;
  const prefix = FLAG_OR_NAME_PREFIX.exec(a.text);
  if (!prefix) return null;
  if (w.segments.length === 1) {
    const rest = a.text.slice(prefix[0].length);
    return PLACEHOLDER.test(rest) ? { name: rest, start: a.start + prefix[0].length, end: a.end, quote: 'none' } : null;
  }
  if (w.segments.length === 2 && prefix[0] === a.text && PLACEHOLDER.test(b.text)) return { name: b.text, start: b.start, end: b.end, quote: b.quote };
  return null;
}

function applyEdits(line: string, edits: Edit[]): string {
  let out = line;
  for (const e of [...edits].sort((x, y) => y.start - x.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

export function preparePrintedCommand(line: string, opts: PrepareOptions): PreparedCommand {
  const wrapper = opts.targetWrapperName;
  const tokens = scanShellLine(line);
  const edits: Edit[] = [];
  const mappings: string[] = [];
  const filled: Record<string, string> = {};

  // Heredoc delimiters follow `<<`; they are not placeholders.
  const heredocWords = new Set<WordToken>();
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind === 'op' && t.text === '<<' && next?.kind === 'word') heredocWords.add(next);
  });

  for (const words of commandsOf(tokens)) {
    const at = programIndex(line, words);
    const len = prefixLength(line, words, at);
    if (len > 0) {
      const original = line.slice(words[at].start, words[at + len - 1].end);
      mappings.push(`${original} → ${wrapper} (sandbox wrapper)`);
      if (original !== wrapper) edits.push({ start: words[at].start, end: words[at + len - 1].end, text: wrapper });
    }
    for (const w of words) {
      if (heredocWords.has(w)) continue;
      const ph = placeholderIn(w);
      if (!ph) continue;
      const value = opts.placeholders[ph.name];
      if (value === undefined) {
        throw new Error(`printed command uses placeholder ${ph.name}, which the scenario did not fill: ${line}`);
      }
      filled[ph.name] = value;
      edits.push({ start: ph.start, end: ph.end, text: escapeFor(ph.quote, value) });
    }
  }
  const executed = applyEdits(line, edits);
  return { executed, prefixMapping: mappings.length ? mappings.join('; ') : null, filled, cliArgs: argsAfterWrapper(executed) };
}

/** Words after the first CLI call in a line (expansions kept as written). */
export function argsAfterWrapper(line: string): string[] | null {
  for (const words of commandsOf(scanShellLine(line))) {
    const at = programIndex(line, words);
    const len = prefixLength(line, words, at);
    if (len > 0) return words.slice(at + len).map((w) => staticWordValue(w) ?? wordText(line, w));
  }
  return null;
}
