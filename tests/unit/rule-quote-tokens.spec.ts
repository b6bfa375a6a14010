/**
 * A quote holds exactly what its check enforces: every literal a rule's checks assert (its
 * `asserts`: flags, fields, codes, values) occurs in the rule's own quote. A release that
 * rewrites one of them then stops stating the rule, instead of being held to the old text.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, getRule } from '../../harness/rules/index.js';
import { normaliseText, quotePieces, splitSections, sectionKey } from '../../harness/rules/documents.js';
import { knownContractVersions, readStatedRules } from '../../harness/checks/schema-files.js';

/** True when `token` occurs in `text` as a whole: not glued to a longer name (letters, digits, `_`, `-`, or a `.name` part). */
function occursAsWhole(text: string, token: string): boolean {
  const t = normaliseText(token);
  if (t === '') return false;
  for (let i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
    const before = text.slice(0, i);
    const after = text.slice(i + t.length);
    const gluedBefore = /[a-z0-9_]$/.test(t[0]) && /[a-z0-9_-]$/.test(before) || /^[a-z0-9_]/.test(t) && /[a-z0-9_]\.$/.test(before);
    const gluedAfter = /[a-z0-9_]$/.test(t) && (/^[a-z0-9_-]/.test(after) || /^\.[a-z0-9_]/.test(after));
    if (!gluedBefore && !gluedAfter) return true;
  }
  return false;
}

test('every literal a rule asserts occurs in its own quote (inside one of its pieces)', () => {
  const missing: string[] = [];
  for (const rule of RULES) {
    expect(Array.isArray(rule.asserts), `${rule.id}: asserts`).toBe(true);
    // A token across a ` … ` is not in the documents as written: each piece is searched on its own.
    const pieces = quotePieces(rule.quote).map(normaliseText);
    for (const token of rule.asserts) {
      if (!pieces.some((piece) => occursAsWhole(piece, token))) missing.push(`${rule.id}: "${token}" is not in its quote "${rule.quote}"`);
    }
  }
  expect(missing).toEqual([]);
});

test('asserts lists each literal once, as written (no empty entries)', () => {
  for (const rule of RULES) {
    expect(new Set(rule.asserts.map(normaliseText)).size, rule.id).toBe(rule.asserts.length);
    for (const token of rule.asserts) expect(token.trim(), rule.id).toBe(token);
  }
});

test('a rule built from a documented example asserts the example\'s label', () => {
  for (const rule of RULES.filter((r) => r.shape?.fromExample)) {
    expect(rule.asserts, rule.id).toEqual([rule.quote.replace(/:$/, '')]);
  }
});

test('the match is on whole names, not on parts of longer ones', () => {
  const q = normaliseText('returns `data.auth_handoff.rerun_guide.with_stdin` and `--show-token`, then data.next_command_copy_runnable');
  expect(occursAsWhole(q, 'data.auth_handoff.rerun_guide.with_stdin')).toBe(true);
  expect(occursAsWhole(q, '--show-token')).toBe(true);
  expect(occursAsWhole(q, 'data.auth_handoff')).toBe(false);
  expect(occursAsWhole(q, 'rerun_guide.with_stdin')).toBe(false);
  expect(occursAsWhole(q, 'token')).toBe(false);
  expect(occursAsWhole(q, 'data.next_command')).toBe(false);
  expect(occursAsWhole(normaliseText('`quota.consumed_credits: 0`'), '0')).toBe(true);
  expect(occursAsWhole(normaliseText('`#...` fragment'), '#')).toBe(true);
});

test('an elided quote is searched piece by piece: a token is found inside a piece, never across the ellipsis', () => {
  const pieces = quotePieces('returns an `error.recovery.idempotency_key` … `error.recovery.suggested_command` that re-runs').map(normaliseText);
  expect(pieces).toEqual(['returns an error.recovery.idempotency_key', 'error.recovery.suggested_command that re-runs']);
  expect(pieces.some((p) => occursAsWhole(p, 'error.recovery.suggested_command'))).toBe(true);
  expect(pieces.some((p) => occursAsWhole(p, 'idempotency_key error.recovery'))).toBe(false);
});

const CONTRACT_DIR = join(process.cwd(), '..', 'shared', 'contract');

/** The text of an llms.txt block by its label line ("Expected JSON envelope:"). */
function llmsBlock(version: string, label: string): string | null {
  const text = readFileSync(join(CONTRACT_DIR, version, 'llms.txt'), 'utf8');
  return splitSections('llms.txt', text).find((s) => sectionKey(s.title) === sectionKey(label))?.text ?? null;
}

/** Field names a schema requires, nested ones as parent.child. */
function requiredFields(schema: unknown, prefix = ''): string[] {
  const s = schema as { required?: string[]; properties?: Record<string, unknown> };
  const own = (s.required ?? []).map((f) => `${prefix}${f}`);
  const nested = Object.entries(s.properties ?? {}).flatMap(([k, v]) => requiredFields(v, `${prefix}${k}.`));
  return [...own, ...nested];
}

// The envelope rules quote the sentence that names "the standard envelope"; the fields they require
// must be those of llms.txt's envelope blocks, in every version that states them.
for (const [id, label] of [
  ['output.envelope', 'Expected JSON envelope'],
  ['output.error-envelope', 'Expected error envelope'],
] as const) {
  test(`${id} requires only fields of llms.txt › ${label}`, () => {
    test.skip(!existsSync(CONTRACT_DIR), 'NOT RUN: ../shared/contract is missing');
    const fields = requiredFields(getRule(id).shape?.schema);
    expect(fields.length).toBeGreaterThan(5);
    for (const version of knownContractVersions().filter((v) => (readStatedRules(v) ?? []).includes(id))) {
      const block = llmsBlock(version, label);
      expect(block, `${version}: llms.txt › ${label}`).not.toBeNull();
      for (const field of fields) expect(block!, `${version}: ${field}`).toContain(`"${field.split('.').at(-1)}":`);
    }
  });
}
