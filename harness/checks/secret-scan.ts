/**
 * Token hygiene over transcripts: a raw token may appear only in the stdout of the
 * one `signup --show-token` invocation that created it, and in the saved config file.
 */
import type { Invocation, SecretFinding } from '../runner/types.js';

const EXCERPT_RADIUS = 40;

function excerptAround(text: string, secret: string): string {
  const at = text.indexOf(secret);
  const start = Math.max(0, at - EXCERPT_RADIUS);
  const end = Math.min(text.length, at + secret.length + EXCERPT_RADIUS);
  return text.slice(start, end).split(secret).join('[TOKEN]');
}

function countOccurrences(text: string, secret: string): number {
  return text.split(secret).length - 1;
}

function invocationText(inv: Invocation): string {
  return inv.shell ? inv.shell.original : inv.args.join(' ');
}

function isShowTokenSignup(inv: Invocation): boolean {
  const text = invocationText(inv);
  return /\bsignup\b/.test(text) && /--show-token\b/.test(text);
}

/**
 * Scan invocations in order. `alreadyShown` carries tokens whose one allowed showing
 * has happened (shared across calls so later invocations are judged correctly).
 */
export function scanInvocation(inv: Invocation, tokens: string[], alreadyShown: Set<string>): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const add = (where: string, text: string, token: string) =>
    findings.push({ where, invocationId: inv.id, excerpt: excerptAround(text, token) });

  for (const token of tokens) {
    if (!token) continue;
    const inStdout = countOccurrences(inv.stdout, token);
    if (inStdout > 0) {
      // Where in that one output the token sits is not fixed by the documents.
      const allowed = isShowTokenSignup(inv) && !alreadyShown.has(token);
      if (allowed) alreadyShown.add(token);
      else add(alreadyShown.has(token) ? 'stdout (token shown again after its one showing)' : 'stdout', inv.stdout, token);
    }
    if (inv.stderr.includes(token)) add('stderr', inv.stderr, token);
    for (const req of inv.requests) {
      const label = `request ${req.method} ${req.path}`;
      if (req.bodyText.includes(token)) add(`${label} body`, req.bodyText, token);
      const query = JSON.stringify(req.query);
      if (query.includes(token)) add(`${label} query`, query, token);
      for (const [name, value] of Object.entries(req.headers)) {
        if (name !== 'authorization' && value.includes(token)) add(`${label} header ${name}`, value, token);
      }
    }
  }
  return findings;
}

/** Files other than a saved config holding the token (a JSON object whose `token` is it). */
export function scanFiles(files: Array<{ path: string; content: string }>, tokens: string[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const file of files) {
    for (const token of tokens) {
      if (!token || !file.content.includes(token)) continue;
      if (isSavedConfig(file.content, token)) continue;
      findings.push({ where: `file ${file.path}`, invocationId: '(end of test)', excerpt: excerptAround(file.content, token) });
    }
  }
  return findings;
}

function isSavedConfig(content: string, token: string): boolean {
  try {
    const parsed: unknown = JSON.parse(content);
    return typeof parsed === 'object' && parsed !== null && (parsed as { token?: unknown }).token === token && countOccurrences(content, token) === 1;
  } catch {
    return false;
  }
}
