/**
 * A small shell-line scanner for commands a CLI printed: it finds words (with the
 * exact source spans of their quoted/unquoted parts) and control operators, so the
 * line can be patched in place and then run with bash exactly as printed. It does
 * not evaluate anything.
 */
export type Quote = 'none' | 'single' | 'double';

export interface Segment {
  quote: Quote;
  /** Span of the segment's content in the line (inside the quotes when quoted). */
  start: number;
  end: number;
  text: string;
}

export interface WordToken {
  kind: 'word';
  start: number;
  end: number;
  segments: Segment[];
}

export interface OperatorToken {
  kind: 'op';
  start: number;
  end: number;
  /** '|', '||', '&&', ';', '&', '(', ')', '\n', or a redirection like '>', '>>', '<', '<<'. */
  text: string;
}

export type Token = WordToken | OperatorToken;

const OPERATORS = ['&&', '||', '>>', '<<', '|', ';', '&', '(', ')', '<', '>', '\n'];

export function isRedirection(op: OperatorToken): boolean {
  return op.text.startsWith('<') || op.text.startsWith('>');
}

/** Skip a `$( … )` or `${ … }` body starting at the opening bracket; returns the index after it. */
function skipBalanced(line: string, open: number): number {
  const openCh = line[open];
  const closeCh = openCh === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      i++;
    } else if (ch === "'" && openCh === '(') {
      const end = line.indexOf("'", i + 1);
      i = end < 0 ? line.length : end;
    } else if (ch === openCh) {
      depth++;
    } else if (ch === closeCh && --depth === 0) {
      return i + 1;
    }
  }
  return line.length;
}

export function scanShellLine(line: string): Token[] {
  const tokens: Token[] = [];
  let word: WordToken | null = null;
  let unquoted: Segment | null = null;

  const endWord = (at: number): void => {
    if (word) {
      word.end = at;
      tokens.push(word);
    }
    word = null;
    unquoted = null;
  };
  const currentWord = (at: number): WordToken => {
    if (!word) word = { kind: 'word', start: at, end: at, segments: [] };
    return word;
  };
  const appendUnquoted = (from: number, to: number): void => {
    const w = currentWord(from);
    if (!unquoted) {
      unquoted = { quote: 'none', start: from, end: to, text: '' };
      w.segments.push(unquoted);
    }
    unquoted.end = to;
    unquoted.text = line.slice(unquoted.start, to);
  };

  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === '\n') {
      endWord(i);
      i += 2;
    } else if (ch === ' ' || ch === '\t' || ch === '\r') {
      endWord(i);
      i++;
    } else if (ch === '#' && !word) {
      const nl = line.indexOf('\n', i);
      i = nl < 0 ? line.length : nl;
    } else if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      const end = close < 0 ? line.length : close;
      currentWord(i).segments.push({ quote: 'single', start: i + 1, end, text: line.slice(i + 1, end) });
      unquoted = null;
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\') j += 2;
        else if (line[j] === '$' && (line[j + 1] === '(' || line[j + 1] === '{')) j = skipBalanced(line, j + 1);
        else j++;
      }
      const end = Math.min(j, line.length);
      currentWord(i).segments.push({ quote: 'double', start: i + 1, end, text: line.slice(i + 1, end) });
      unquoted = null;
      i = end + 1;
    } else if (ch === '\\') {
      appendUnquoted(i, Math.min(i + 2, line.length));
      i += 2;
    } else if (ch === '$' && (line[i + 1] === '(' || line[i + 1] === '{')) {
      const end = skipBalanced(line, i + 1);
      appendUnquoted(i, end);
      i = end;
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i));
      if (op) {
        endWord(i);
        tokens.push({ kind: 'op', start: i, end: i + op.length, text: op });
        i += op.length;
      } else {
        appendUnquoted(i, i + 1);
        i++;
      }
    }
  }
  endWord(line.length);
  return tokens;
}

/** The word's value when it holds no expansion; null when only a shell could tell. */
export function staticWordValue(w: WordToken): string | null {
  let value = '';
  for (const s of w.segments) {
    if (s.quote === 'single') value += s.text;
    else if (/[$`]/.test(s.text)) return null;
    else if (s.quote === 'double') value += s.text.replace(/\\([$`"\\\n])/g, '$1');
    else value += s.text.replace(/\\(.)/g, '$1');
  }
  return value;
}
