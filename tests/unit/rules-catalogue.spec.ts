/**
 * The rule catalogue against the contract documents: every cited phrase occurs in its
 * section, the recorded "stated" lists match what the documents say, and every schema
 * node that constrains anything names its rule.
 */
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, getRule } from '../../harness/rules/index.js';
import { quotePieces, quoteStated, splitSections, statedRuleIds } from '../../harness/rules/documents.js';
import type { DocumentSet } from '../../harness/rules/documents.js';
import { knownContractVersions, catalogueSchemas, readStatedRules } from '../../harness/checks/schema-files.js';
import { RULE_KEYWORD } from '../../harness/checks/schema-build.js';
import { SECTION_TEXT_MAX, statedRules } from '../../harness/rules/stated.js';
import { parseRunMeta } from '../../harness/report/run-meta.js';
import { noLongerStatedMarkdown } from '../../harness/report/no-longer-stated.js';

const CONTRACT_DIR = join(process.cwd(), '..', 'shared', 'contract');
const haveContract = existsSync(CONTRACT_DIR);

function documentsOf(version: string): DocumentSet {
  const dir = join(CONTRACT_DIR, version);
  return { 'cli.md': readFileSync(join(dir, 'cli.md'), 'utf8'), 'llms.txt': readFileSync(join(dir, 'llms.txt'), 'utf8'), 'skill.md': readFileSync(join(dir, 'skill.md'), 'utf8') };
}

test('rule ids are unique, dotted, and every quote is short enough to be a citation', () => {
  const ids = RULES.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of RULES) {
    expect(r.id, r.id).toMatch(/^[a-z0-9-]+(\.[a-z0-9_.-]+)+$/);
    // A citation, not a copy: long enough to hold what the check asserts (rule-quote-tokens.spec.ts),
    // and no ten words of the documents' prose in a row: a longer sentence is quoted in pieces of
    // fewer than ten words, joined by ` … ` where words are left out.
    for (const piece of quotePieces(r.quote)) {
      const words = piece.toLowerCase().match(/[a-z0-9_]+/g)?.length ?? 0;
      expect(words, `${r.id}: piece "${piece}" of quote "${r.quote}"`).toBeGreaterThan(0);
      expect(words, `${r.id}: piece "${piece}" of quote "${r.quote}"`).toBeLessThan(10);
    }
    expect(r.summary.length, r.id).toBeGreaterThan(10);
  }
  expect(() => getRule('no.such-rule')).toThrow(/no rule "no.such-rule"/);
});

for (const version of knownContractVersions()) {
  test(`contract ${version}: the recorded list of stated rules is what the documents say`, () => {
    test.skip(!haveContract, 'NOT RUN: ../shared/contract is missing, so the quotes cannot be checked against the documents');
    const stated = statedRuleIds([...RULES], documentsOf(version));
    expect(readStatedRules(version), 'schemas/examples/<v>/stated-rules.json is stale: run npx tsx scripts/extract-examples.ts').toEqual(stated);
  });
}

test('every rule\'s quote occurs in its document and section in at least one published version', () => {
  test.skip(!haveContract, 'NOT RUN: ../shared/contract is missing, so the quotes cannot be checked against the documents');
  const docsByVersion = knownContractVersions().map(documentsOf);
  const nowhere = RULES.filter((r) => !docsByVersion.some((d) => quoteStated(r, d))).map((r) => `${r.id} (${r.document} › ${r.section}: "${r.quote}")`);
  expect(nowhere).toEqual([]);
});

test('a rule whose sentence a later release rewrote is "no longer stated" there, with the section\'s new text', () => {
  test.skip(!haveContract, 'NOT RUN: ../shared/contract is missing');
  const v60 = statedRules('0.1.60', documentsOf('0.1.60'));
  const probes = v60.noLongerStated.find((r) => r.id === 'guide.probes-config-path');
  expect(probes, 'guide.probes-config-path on 0.1.60').toBeTruthy();
  expect(probes!.section).toBe('Local Config And Install');
  expect(probes!.sectionText).toContain('IMAGE_SKILL_CONFIG_PATH');
  expect(probes!.sectionText.length).toBeLessThanOrEqual(SECTION_TEXT_MAX + 2);
  expect(v60.ids.has('guide.unwritable-config.saved-signup')).toBe(true);
  // A rule only a later release states is not "no longer" stated by an earlier one.
  const v25 = statedRules('0.1.25', documentsOf('0.1.25'));
  expect(v25.notStated).toContain('guide.unwritable-config.saved-signup');
  expect(v25.noLongerStated.map((r) => r.id)).not.toContain('guide.unwritable-config.saved-signup');
  // Without documents the sections cannot be read: nothing is listed.
  expect(statedRules('0.1.60').noLongerStated).toEqual([]);
  // A section that is gone altogether is not "no longer stated" (skill.md › First Run).
  expect(v60.notStated).toContain('guide.prefers-x402');
  expect(v60.noLongerStated.map((r) => r.id)).not.toContain('guide.prefers-x402');
});

test('the run meta carries the rules no longer stated to results.json and summary.md', () => {
  const rule = { id: 'guide.probes-config-path', document: 'cli.md', section: 'Local Config And Install', section_text: `If local config cannot be written, ${'x'.repeat(400)}` };
  expect(parseRunMeta({ no_longer_stated: [rule] }).no_longer_stated).toEqual([rule]);
  expect(() => parseRunMeta({ no_longer_stated: [{ id: 'x.y' }] })).toThrow(/invalid run metadata/);
  const md = noLongerStatedMarkdown([rule]).join('\n');
  expect(md).toContain('### Rules no longer stated by these documents (1)');
  expect(md).toContain('`guide.probes-config-path` (cli.md › Local Config And Install): If local config cannot be written');
  expect(md.length).toBeLessThan(500);
});

test('a sentence moved under a new heading still counts (alsoUnder)', () => {
  const docs: DocumentSet = { 'cli.md': '# A\n\nIntro.\n\n# B\n\nThe token is shown once.\n' };
  const rule = { id: 'x.y', document: 'cli.md' as const, section: 'A', quote: 'the token is shown once' };
  expect(quoteStated(rule, docs)).toBe(false);
  expect(quoteStated({ ...rule, alsoUnder: ['B'] }, docs)).toBe(true);
});

test('without the documents, the recorded lists still name only catalogue rules', () => {
  const ids = new Set(RULES.map((r) => r.id));
  for (const version of knownContractVersions()) {
    const recorded = readStatedRules(version);
    expect(recorded, `schemas/examples/${version}/stated-rules.json`).not.toBeNull();
    expect((recorded ?? []).filter((id) => !ids.has(id))).toEqual([]);
  }
});

test('an elided quote holds when its pieces occur in order, inside one section', () => {
  const docs: DocumentSet = { 'cli.md': '# A\n\nThe raw `token` is returned only when\n`--show-token` is set, and only once.\n\n## B\n\nOnly once.\n' };
  const rule = { id: 'x.y', document: 'cli.md' as const, section: 'A', quote: 'The raw token is returned only … `--show-token` is set, and only once' };
  expect(quotePieces(rule.quote)).toEqual(['The raw token is returned only', '`--show-token` is set, and only once']);
  expect(quoteStated(rule, docs)).toBe(true);
  // Out of order, a piece missing, or a piece only in another section: not stated.
  expect(quoteStated({ ...rule, quote: '`--show-token` is set … the raw token' }, docs)).toBe(false);
  expect(quoteStated({ ...rule, quote: 'the raw token … is never returned' }, docs)).toBe(false);
  expect(quoteStated({ ...rule, quote: 'the raw token … only once … only once' }, docs)).toBe(false);
  // Pieces do not overlap: the second must start after the first ends.
  expect(quoteStated({ ...rule, quote: 'returned only when … only when' }, docs)).toBe(false);
  // A plain quote is one piece: the ellipsis only splits with spaces around it.
  expect(quotePieces('the long `#...` fragment')).toEqual(['the long `#...` fragment']);
});

test('a quote counts only inside its own section, across line breaks and backticks', () => {
  const docs: DocumentSet = { 'cli.md': '# A\n\nThe `token` is\nshown once.\n\n## B\n\nNothing here.\n' };
  const rule = { id: 'x.y', document: 'cli.md' as const, section: 'A', quote: 'the token is shown once' };
  expect(quoteStated(rule, docs)).toBe(true);
  expect(quoteStated({ ...rule, section: 'B' }, docs)).toBe(false);
  expect(quoteStated({ ...rule, document: 'llms.txt' }, docs)).toBe(false);
  expect(splitSections('llms.txt', 'Credits:\nOne credit.\nTelemetry:\n- name\n').map((s) => s.title)).toEqual(['(top)', 'Credits', 'Telemetry']);
});

const CONSTRAINTS = ['required', 'const', 'enum', 'pattern', 'type', 'minLength', 'minItems', 'minimum'];

function untagged(node: unknown, path: string, out: string[]): void {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    node.forEach((n, i) => untagged(n, `${path}/${i}`, out));
    return;
  }
  const obj = node as Record<string, unknown>;
  if (CONSTRAINTS.some((k) => k in obj) && typeof obj[RULE_KEYWORD] !== 'string') out.push(path);
  if (typeof obj[RULE_KEYWORD] === 'string') expect(() => getRule(obj[RULE_KEYWORD] as string)).not.toThrow();
  for (const [k, v] of Object.entries(obj)) if (k !== 'properties') untagged(v, `${path}/${k}`, out);
  if (typeof obj.properties === 'object' && obj.properties) for (const [k, v] of Object.entries(obj.properties)) untagged(v, `${path}/properties/${k}`, out);
}

for (const version of knownContractVersions()) {
  test(`contract ${version}: every schema constraint names its rule`, () => {
    const schemas = catalogueSchemas(version);
    expect(Object.keys(schemas).length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const [key, schema] of Object.entries(schemas)) untagged(schema, key, missing);
    expect(missing).toEqual([]);
  });
}

test('every mutant of the reference CLI names the one stated rule it breaks', () => {
  const mutants = JSON.parse(readFileSync(join(process.cwd(), 'fixtures', 'reference-cli', 'mutants.json'), 'utf8')) as Array<{ name: string; breaks?: unknown }>;
  const stated = new Set(readStatedRules('0.1.25') ?? []);
  const problems = mutants.flatMap((m) => {
    if (typeof m.breaks !== 'string') return [`${m.name}: no "breaks" rule id`];
    try {
      const rule = getRule(m.breaks);
      if (rule.observation) return [`${m.name}: breaks ${m.breaks}, an observation rule (cannot fail the gate)`];
      return stated.has(m.breaks) ? [] : [`${m.name}: breaks ${m.breaks}, which the 0.1.25 documents do not state`];
    } catch {
      return [`${m.name}: breaks unknown rule "${m.breaks}"`];
    }
  });
  expect(problems).toEqual([]);
});

test('the reference README mutant table is generated from mutants.json (npx tsx scripts/readme-samples.ts --skip-runs)', async () => {
  const { loadMutants } = await import('../../harness/mutation/catalog.js');
  const { mutantTable, mutantTableIn } = await import('../../harness/mutation/mutant-table.js');
  const readme = readFileSync(join(process.cwd(), 'fixtures', 'reference-cli', 'README.md'), 'utf8');
  expect(mutantTableIn(readme), 'fixtures/reference-cli/README.md mutant table').toBe(mutantTable(await loadMutants()));
});
