/**
 * Split a command line into words the way a POSIX shell would for simple
 * commands (quotes and backslashes), without running a shell. Anything that
 * would need a real shell (pipes, redirections, expansions) is refused, so a
 * `cmd:` target never silently means something other than what it says.
 */
const SHELL_ONLY = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`']);

export class ShellWordsError extends Error {}

export function splitShellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
      continue;
    }
    inWord = true;
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new ShellWordsError('unterminated single quote');
      current += line.slice(i + 1, end);
      i = end + 1;
    } else if (ch === '"') {
      i++;
      for (;;) {
        if (i >= line.length) throw new ShellWordsError('unterminated double quote');
        const c = line[i];
        if (c === '"') break;
        if (c === '\\' && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') current += line[i + 1];
          i += 2;
          continue;
        }
        if (c === '$' || c === '`') throw new ShellWordsError(`"${c}" expansion inside double quotes needs a shell`);
        current += c;
        i++;
      }
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= line.length) throw new ShellWordsError('trailing backslash');
      if (line[i + 1] !== '\n') current += line[i + 1];
      else if (current === '') inWord = false;
      i += 2;
    } else if (SHELL_ONLY.has(ch)) {
      throw new ShellWordsError(`unquoted "${ch}" needs a shell; quote it or drop it`);
    } else {
      current += ch;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Quote one word so a POSIX shell reads it back unchanged. */
export function shellQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
