/** Decide whether a CLI's stdout is exactly one JSON document, and say why not. */

export interface ParsedStdout {
  json: unknown;
  jsonError: { message: string; firstBytes: string } | null;
}

export const FIRST_BYTES = 200;

export function firstBytes(text: string, n = FIRST_BYTES): string {
  return Buffer.from(text, 'utf8').subarray(0, n).toString('utf8');
}

/** End index of the leading object/array in `text` (which starts with { or [), or -1. */
function containerEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '{' || ch === '[') {
      depth++;
    } else if ((ch === '}' || ch === ']') && --depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function startsWithJsonDocument(text: string): boolean {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    const end = containerEnd(t);
    return end > 0 && tryParse(t.slice(0, end)).ok;
  }
  const firstLine = t.split('\n')[0] ?? '';
  return tryParse(firstLine).ok;
}

export function parseStdoutJson(stdout: string): ParsedStdout {
  const text = stdout.trim();
  const fail = (message: string): ParsedStdout => ({ json: undefined, jsonError: { message, firstBytes: firstBytes(stdout) } });
  if (text === '') return fail('stdout is empty');

  const whole = tryParse(text);
  if (whole.ok) return { json: whole.value, jsonError: null };

  if (text.startsWith('{') || text.startsWith('[')) {
    const end = containerEnd(text);
    if (end > 0 && tryParse(text.slice(0, end)).ok) {
      const rest = text.slice(end);
      return fail(startsWithJsonDocument(rest) ? 'stdout holds more than one JSON document' : 'stdout has extra text after the JSON document');
    }
  } else {
    // Something printed before the JSON (a banner, a progress line…)?
    const brace = text.search(/^[{[]/m);
    if (brace > 0 && startsWithJsonDocument(text.slice(brace))) return fail('stdout has extra text before the JSON document');
  }
  return fail('stdout is not JSON');
}
