/** Small Markdown building blocks that keep untrusted text from breaking the layout. */

/** Inline code span that survives backticks inside the text. */
export function code(text: string): string {
  const oneLine = text.replace(/\r?\n/g, ' ⏎ ');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}

/** Text for a table cell or a list item: no pipes, newlines or HTML. */
export function plain(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]<>|#]/g, (c) => `\\${c}`)
    // Underscores only start emphasis at word edges; snake_case names stay readable.
    .replace(/(^|\W)_|_(?=\W|$)/g, (m) => m.replace('_', '\\_'))
    .trim();
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Fenced block for multi-line text such as an error message. */
export function block(text: string): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${text}\n${fence}`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Quote a command line the way a shell user would read it. */
export function shellJoin(argv: string[]): string {
  return argv.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
