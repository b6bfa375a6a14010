/** Last line of defence before anything is written to a report or proof bundle. */

/** A raw restricted token as the service issues it. */
export const RAW_TOKEN_PATTERN = /isk_r_[0-9a-f]{8,}/;

const TEXT_RULES: Array<[RegExp, string]> = [
  [/isk_r_[0-9a-f]{8,}/g, 'isk_r_[redacted]'],
  [/\b(Bearer\s+)(?!\[redacted)[^\s"',]+/gi, '$1[redacted]'],
  [/\bwhsec_[A-Za-z0-9]{8,}/g, 'whsec_[redacted]'],
  [/\b(sk|rk)_(test|live)_[A-Za-z0-9]{8,}/g, '$1_$2_[redacted]'],
];

/** Keys whose values are never written, whatever they contain. */
const DROPPED_KEYS = new Set(['rawAuthorization']);
const SECRET_KEYS = new Set(['privateKey', 'private_key', 'webhookSecret', 'webhook_secret', 'mnemonic']);

export function redactText(text: string): string {
  return TEXT_RULES.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** Deep copy of a JSON-like value with secrets removed. */
export function redactValue(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactValue);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (DROPPED_KEYS.has(key)) out[key] = null;
      else if (SECRET_KEYS.has(key) && inner !== null) out[key] = '[redacted]';
      else out[key] = redactValue(inner);
    }
    return out;
  }
  return value;
}
