/** Keep raw tokens and other secrets out of transcripts and reports. */

/** Anything shaped like an image-skill token, known to the harness or not. */
const TOKEN_SHAPE = /isk_[A-Za-z0-9_]{6,}/g;

export function redactSecrets(text: string, secrets: string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join('[redacted]');
  }
  return out.replace(TOKEN_SHAPE, 'isk_[redacted]');
}

export function containsToken(text: string, secrets: string[] = []): boolean {
  TOKEN_SHAPE.lastIndex = 0;
  return TOKEN_SHAPE.test(text) || secrets.some((s) => s.length >= 4 && text.includes(s));
}

/** Redact every string inside a JSON-like value. */
export function redactDeep(value: unknown, secrets: string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)]));
  }
  return value;
}
