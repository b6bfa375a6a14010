import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { pickContractVersion, loadSchemaSet } from '../../harness/checks/schema-registry.js';
import { validateInvocationJson } from '../../harness/checks/schema-validate.js';
import { knownContractVersions, readExamples } from '../../harness/checks/schema-files.js';

const CONTRACT_DIR = fileURLToPath(new URL('../../../shared/contract/', import.meta.url));
const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/contract/${name}`, import.meta.url)), 'utf8');
const envelope = (data: unknown) => ({ ok: true, command: 'x', trace_id: 'trace_1', actor: null, data, warnings: [], error: null });

test('we ship schema sets for 0.1.23, 0.1.24 and 0.1.25', () => {
  expect(knownContractVersions()).toEqual(expect.arrayContaining(['0.1.23', '0.1.24', '0.1.25']));
});

test('the --contract flag wins over the package documents', () => {
  expect(pickContractVersion({ contractFlag: '0.1.23', documents: { 'llms.txt': '## 0.1.25 - today' } })).toEqual({ version: '0.1.23', source: 'flag', warnings: [] });
  const unknown = pickContractVersion({ contractFlag: 'v0.1.30' });
  expect(unknown.version).toBe('0.1.30');
  expect(unknown.warnings.join()).toMatch(/no schema set for contract 0\.1\.30; using 0\.1\.25/);
});

test('without flag or documents the newest known version is used, with a warning', () => {
  const picked = pickContractVersion({});
  expect(picked.version).toBe(knownContractVersions().at(-1));
  expect(picked.source).toBe('newest');
  expect(picked.warnings).toHaveLength(1);
});

test('each shipped version is recognised from its own documents', () => {
  test.skip(!existsSync(CONTRACT_DIR), 'shared/contract is not beside this checkout');
  for (const v of ['0.1.23', '0.1.24', '0.1.25']) {
    const documents = { 'cli.md': readFileSync(join(CONTRACT_DIR, v, 'cli.md'), 'utf8'), 'llms.txt': readFileSync(join(CONTRACT_DIR, v, 'llms.txt'), 'utf8') };
    expect(pickContractVersion({ documents }), v).toEqual({ version: v, source: 'package-documents', warnings: [] });
    // Edited prose but identical examples still points at a version with those examples.
    const edited = { 'cli.md': documents['cli.md'].replace('## Exit Codes', '## Exit codes (edited)') };
    const byExamples = pickContractVersion({ documents: edited });
    expect(byExamples.source).toBe('package-documents');
    expect(v === '0.1.23' ? byExamples.version === '0.1.23' : ['0.1.24', '0.1.25'].includes(byExamples.version)).toBe(true);
  }
});

test('a CHANGELOG-style heading or version mention in the documents names the version', () => {
  expect(pickContractVersion({ documents: { 'llms.txt': '# Notes\n\n## 0.1.24 - 2026-06-02\n\n## 0.1.23 - 2026-06-01\n' } })).toEqual({
    version: '0.1.24',
    source: 'package-documents',
    warnings: [],
  });
  const newer = pickContractVersion({ documents: { 'cli.md': 'This contract is version: 0.1.31.\n' } });
  expect(newer).toMatchObject({ version: '0.1.31', source: 'package-documents' });
  expect(newer.warnings.join()).toMatch(/0\.1\.31.*no schema set/);
});

test('unrecognised documents with examples get schemas derived from them', () => {
  const documents = { 'cli.md': fixture('cli.md') };
  const picked = pickContractVersion({ documents });
  expect(picked.source).toBe('package-documents');
  expect(picked.version).toMatch(/^derived-[0-9a-f]{12}$/);
  const set = loadSchemaSet(picked.version, documents);
  expect(set.origin).toBe('derived');
  expect(set.baseVersion).toBe(knownContractVersions().at(-1));
  expect(set.derivedKeys.sort()).toEqual(['credits-buy.checkout', 'credits-buy.x402', 'credits-status.action-required']);
  // A documented shape the catalogue has no rule for is accepted as it is.
  expect(validateInvocationJson(set, ['whoami'], envelope({ actor_id: 'a', claim_state: 's', grants: [] })).ok).toBe(true);
  // No rule of the catalogue covers a whoami example: it is listed, not checked.
  expect(validateInvocationJson(set, ['whoami'], envelope({ actor_id: 'a', grants: [] })).ok).toBe(true);
  expect(set.warnings.some((w) => /\(whoami\) is covered by no rule/.test(w))).toBe(true);
  // Shapes the fixture does not document keep the base version's schema.
  expect(set.schemas['create-guide'].allOf).toEqual(loadSchemaSet(set.baseVersion).schemas['create-guide'].allOf);
});

test('a malformed example in the package cli.md is a warning, and the nearest known schema still applies', () => {
  const documents = { 'cli.md': fixture('cli-broken.md') };
  const picked = pickContractVersion({ documents });
  let set!: ReturnType<typeof loadSchemaSet>;
  expect(() => (set = loadSchemaSet(picked.version, documents))).not.toThrow();
  expect(set.warnings.some((w) => w.includes('image-skill credits methods') && w.includes('not valid JSON'))).toBe(true);
  expect(set.warnings.some((w) => w.includes('image-skill mystery command'))).toBe(true);
  expect(set.derivedKeys).toEqual(['credits-packs-list']);
  const methods = readExamples(set.baseVersion)['credits-methods'] as Record<string, unknown>;
  expect(validateInvocationJson(set, ['credits', 'methods'], envelope(methods)).ok).toBe(true);
  const wrong = validateInvocationJson(set, ['credits', 'methods'], envelope({ ...methods, contract_version: 2 }));
  expect(wrong.issues.map((i) => i.pointer)).toEqual(['/data/contract_version']);
});

test('an unknown version with no documents falls back to the nearest known set', () => {
  const set = loadSchemaSet('0.1.24-or-so');
  expect(set.origin).toBe('derived');
  expect(set.warnings[0]).toMatch(/no cli\.md to derive from/);
  expect(loadSchemaSet('0.1.99').baseVersion).toBe(knownContractVersions().at(-1));
  expect(loadSchemaSet('0.0.1').baseVersion).toBe(knownContractVersions()[0]);
});
