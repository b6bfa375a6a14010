import { tmpdir } from 'node:os';

/**
 * Replaces values that legitimately differ between two runs (ids, tokens, addresses,
 * timestamps, sandbox paths, ports, durations) with stable placeholders, so that a
 * regression diff only shows behaviour changes.
 */

const ID_PREFIXES = [
  'trace', 'job', 'image', 'asset', 'payatt', 'quote', 'cs_test', 'cs_live', 'cs', 'evt', 'rcpt', 'agent', 'org',
  'fb', 'res', 'pi', 'ch', 'cus', 'req', 'act', 'rsv', 'dep', 'cap', 'agt', 'tok', 'usage', 'cevt', 'plan', 'whd',
];

/**
 * The random folder right under the temp root is the sandbox, and so are the harness's own
 * per-scenario folders below it (`isc-<title>-<random>`, `….meta`); what follows them is kept.
 */
function sandboxPattern(): RegExp {
  const roots = ['/tmp', '/var/folders/[^/\\s"\']+/[^/\\s"\']+/T'];
  const own = tmpdir().replace(/\/+$/, '');
  if (own && !own.startsWith('/tmp')) roots.push(own.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?:/private)?(?:${roots.join('|')})/[^/\\s"']+(?:/isc-[^/\\s"']+)*`, 'g');
}

const RULES: Array<[RegExp, string]> = [
  [/isk_r_(?:[0-9a-f]{8,}|\[redacted[^\]]*\])/g, 'isk_r_<token>'],
  [/\b[A-Za-z0-9._%+-]+@example\.invalid\b/g, '<contact>@example.invalid'],
  [/\bwhsec_[A-Za-z0-9]+/g, 'whsec_<secret>'],
  [/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, '<timestamp>'],
  [/\b0x[0-9a-fA-F]{64}\b/g, '<hash>'],
  [/\b0x[0-9a-fA-F]{40}\b/g, '<address>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\bsha(256|384|512)-[A-Za-z0-9+/]+=*/g, 'sha$1-<digest>'],
  [new RegExp(`\\b(${ID_PREFIXES.join('|')})_(?=[A-Za-z0-9]*[0-9])[A-Za-z0-9]{6,}\\b`, 'g'), '$1_<id>'],
  // Any other word followed by 16+ hex digits is an id too (`prev_273e6fab9dc8614252ce29f3`):
  // a prefix a later service adds needs no entry above.
  [/\b([a-z][a-z0-9]{1,15})_(?=[0-9a-f]*[0-9])[0-9a-f]{16,}\b/g, '$1_<id>'],
  // Random ids without a digit (`evt_YIqIAOneSFeqnAOLLpEdVTtN`): long and of mixed case.
  [new RegExp(`\\b(${ID_PREFIXES.join('|')})_(?=[A-Za-z0-9]*[A-Z])(?=[A-Za-z0-9]*[a-z])[A-Za-z0-9]{14,}\\b`, 'g'), '$1_<id>'],
  [sandboxPattern(), '<sandbox>'],
  [/\b(127\.0\.0\.1|localhost|\[::1\]):\d{2,5}\b/g, '$1:<port>'],
  [/\b\d+(?:\.\d+)?\s?(ms|milliseconds|s|seconds)\b/g, '<duration>'],
  [/\b[0-9a-f]{32,}\b/g, '<hex>'],
  // Long random URL fragments (a Checkout URL's `#fid…`: mixed case and digits; a docs anchor is neither).
  [/#(?=[A-Za-z0-9+/=%_-]*[A-Z])(?=[A-Za-z0-9+/=%_-]*[0-9])[A-Za-z0-9+/=%_-]{20,}/g, '#<fragment>'],
  // Idempotency keys and other names the harness or the CLI makes unique per run: a word
  // followed by 8+ hex digits or a millisecond clock (`create-9426c960a7909b50`,
  // `guide-quote-680dc2392430`, `…-retry-d4c113aa`, `create-1765112345678`).
  [/(?<=[A-Za-z0-9_>]-)(?=[0-9a-f]*[0-9])[0-9a-f]{8,}\b/g, '<hex>'],
];

/** Normalise one string. Idempotent: normalising twice gives the same text. */
export function normaliseText(text: string): string {
  return RULES.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

/** True when normalisation replaced something, i.e. the value is run-specific. */
export function isVolatile(text: string): boolean {
  return normaliseText(text) !== text;
}

export function normaliseArgv(argv: string[]): string[] {
  return argv.map(normaliseText);
}

/** Request paths: ids in segments become placeholders, e.g. /v1/jobs/job_<id>. */
export function normalisePath(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      const n = normaliseText(decodeURIComponentSafe(segment));
      return /^[0-9a-f]{16,}$/i.test(n) ? '<hex>' : n;
    })
    .join('/');
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
