/**
 * Obligation coverage (issue 28): docs/rule-coverage.md is what the generator writes, every
 * obligation sentence of the target versions has a rule or a reason, and every rule such a
 * sentence bears is checked by some scenario. Plus the splitter, marker and matcher on inline text.
 */
import { test, expect } from '@playwright/test';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RULES } from '../../harness/rules/index.js';
import type { Rule } from '../../harness/rules/types.js';
import { statedRuleIds } from '../../harness/rules/documents.js';
import { splitSentences } from '../../harness/rules/obligations/sentences.js';
import { obligationWords } from '../../harness/rules/obligations/words.js';
import { rulesBySentence, rulesInSentence } from '../../harness/rules/obligations/match.js';
import { parseReasons, reasonFor, sentenceKey } from '../../harness/rules/obligations/reasons.js';
import { citedDocuments, obligationRuleIds, uncovered } from '../../harness/rules/obligations/coverage.js';
import { excerpt } from '../../harness/rules/obligations/render.js';
import { COVERAGE_PAGE, REASONS_FILE, TARGET_VERSIONS, generateCoverage, readReasons } from '../../harness/rules/obligations/generate.js';
import { AUTOMATIC, buildScenarioIndex, readScenarioSources, rulesWithoutScenario } from '../../harness/rules/obligations/scenario-index.js';

const CONTRACT_DIR = join(process.cwd(), '..', 'shared', 'contract');
const haveContract = existsSync(CONTRACT_DIR);

const rule = (id: string, section: string, quote: string, extra: Partial<Rule> = {}): Rule => ({ id, document: 'cli.md', section, quote, summary: 'a rule of the fixture', asserts: [], ...extra });

// Our own words, shaped like the contract's documents.
const FIXTURE_MD = [
  'Intro line before any heading.',
  '',
  '## Widgets',
  '',
  'The tool prints a widget. It must never print two',
  'widgets at once, e.g. when asked twice. Colours are optional.',
  '',
  '- `--only-one` keeps one widget',
  '  and exits `4` otherwise.',
  '- Nothing else happens here.',
  '',
  '```bash',
  'tool widget --json   # must not be read: a code block',
  '```',
  '',
  '| Code | Meaning |',
  '|---|---|',
  '| 4 | Too many widgets |',
  '',
  '### Gadgets',
  '',
  'Agents do not need to ask. The gadget is always blue.',
  '',
].join('\n');

test('sentences: headings give the section, paragraphs are cut at sentence ends, list items and table rows stand alone, code is skipped', () => {
  const s = splitSentences('cli.md', FIXTURE_MD);
  expect(s.map((x) => [x.section, x.kind, x.text])).toEqual([
    ['(top)', 'paragraph', 'Intro line before any heading.'],
    ['Widgets', 'paragraph', 'The tool prints a widget.'],
    ['Widgets', 'paragraph', 'It must never print two widgets at once, e.g. when asked twice.'],
    ['Widgets', 'paragraph', 'Colours are optional.'],
    ['Widgets', 'list-item', '`--only-one` keeps one widget and exits `4` otherwise.'],
    ['Widgets', 'list-item', 'Nothing else happens here.'],
    ['Widgets', 'table-row', '| Code | Meaning |'],
    ['Widgets', 'table-row', '| 4 | Too many widgets |'],
    ['Gadgets', 'paragraph', 'Agents do not need to ask.'],
    ['Gadgets', 'paragraph', 'The gadget is always blue.'],
  ]);
});

test('sentences: llms.txt label lines give the section, the label line\'s own text included', () => {
  const s = splitSentences('llms.txt', 'Title text.\n\nWidget rule:\nA widget is never red. Blue is fine.\n\nOther part: Inline text only.\n');
  expect(s.map((x) => [x.section, x.text])).toEqual([
    ['(top)', 'Title text.'],
    ['Widget rule', 'A widget is never red.'],
    ['Widget rule', 'Blue is fine.'],
    ['Other part', 'Inline text only.'],
  ]);
});

test('obligation words: case-insensitive, whole words, phrases across whitespace; flags and longer words do not count', () => {
  expect(obligationWords('It MUST never print')).toEqual(['must', 'never']);
  expect(obligationWords('It does\n  not print, and `only` once')).toEqual(['does not', 'only']);
  expect(obligationWords('No widget.')).toEqual(['no']);
  expect(obligationWords('Use --no-save or --only-one; nothing else; the onlyest musts')).toEqual([]);
  expect(obligationWords('It exits 4 with at most one widget')).toEqual(['exits', 'at most']);
  expect(obligationWords('Colours are optional.')).toEqual([]);
});

test('matching: a rule bears a sentence of its section holding its quote, an elided quote piece by piece in order', () => {
  const [, , must] = splitSentences('cli.md', FIXTURE_MD);
  expect(rulesInSentence(must, [rule('a', 'Widgets', 'must never print two')])).toEqual(['a']);
  expect(rulesInSentence(must, [rule('b', 'Widgets', 'It must … at once')])).toEqual(['b']);
  expect(rulesInSentence(must, [rule('c', 'Widgets', 'at once … It must')])).toEqual([]); // pieces out of order
  expect(rulesInSentence(must, [rule('d', 'Gadgets', 'must never print two')])).toEqual([]); // another section
  expect(rulesInSentence(must, [rule('e', 'Widgets', 'must never print two', { document: 'skill.md' })])).toEqual([]); // another document
  expect(rulesInSentence(must, [rule('f', 'Gadgets', 'must never print two', { alsoUnder: ['Widgets'] })])).toEqual(['f']);
});

test('matching: a quote across a sentence end belongs to each sentence of the shortest run holding it', () => {
  const s = splitSentences('cli.md', FIXTURE_MD);
  const by = rulesBySentence(s, [rule('span', 'Widgets', 'when asked twice. Colours')]);
  expect([...by.keys()].map((i) => s[i].text)).toEqual(['It must never print two widgets at once, e.g. when asked twice.', 'Colours are optional.']);
});

test('reasons: validated from unknown; a sentence key wins over the patterns, the first matching pattern gives the reason', () => {
  expect(() => parseReasons([])).toThrow(/object/);
  expect(() => parseReasons({ sentences: { nothex: 'x' } })).toThrow(/sentence key/);
  expect(() => parseReasons({ patterns: [{ reason: 'x' }] })).toThrow(/needs document, section or sentence/);
  expect(() => parseReasons({ patterns: [{ sentence: 'a', reason: 'two\nlines' }] })).toThrow(/one-line/);
  expect(() => parseReasons({ patterns: [{ sentence: 'a', reason: 'x', extra: 1 }] })).toThrow(/unknown field/);
  const s = splitSentences('cli.md', FIXTURE_MD);
  const agents = s.find((x) => x.text.startsWith('Agents'))!;
  const blue = s.find((x) => x.text.includes('blue'))!;
  const reasons = parseReasons({
    sentences: { [sentenceKey(blue.text)]: 'by key' },
    patterns: [{ section: '^gadgets$', sentence: '^agents\\b', reason: 'addressed to agents' }, { section: 'gadgets', reason: 'later pattern' }],
  });
  expect(reasonFor(agents, reasons)).toBe('addressed to agents');
  expect(reasonFor(blue, reasons)).toBe('by key');
  expect(sentenceKey('The  gadget is `always` blue.')).toBe(sentenceKey(blue.text)); // normalised: whitespace, backticks, case
});

test('excerpt: at most eight words as the prose hook counts them, marked when cut', () => {
  expect(excerpt('one two three')).toBe('one two three');
  expect(excerpt('Stripe-hosted pages may show a promotion-code field for codes')).toBe('Stripe-hosted pages may show a promotion-code …');
});

test('the static scenario index: a spec naming the id, a helper the spec imports, the automatic checks, a shape rule by its command', () => {
  const rules = [rule('x.named', 'S', 'q'), rule('x.helper', 'S', 'q'), rule('x.auto', 'S', 'q'), rule('x.lost', 'S', 'q'), rule('x.shape', 'S', 'q', { shape: { key: 'credits-quote' } }), rule('x.obs', 'S', 'q', { observation: true })];
  const index = buildScenarioIndex(
    [
      { path: 'scenarios/a.spec.ts', text: "import { h } from './helper.js';\nawait contract.rule('x.named', () => 1);\nawait cli.run(['credits', 'quote', '--json']);" },
      { path: 'scenarios/helper.ts', text: "export const IDS = ['x.helper'] as const;" },
      { path: 'scenarios/unused-helper.ts', text: "export const IDS = ['x.lost'] as const;" },
      { path: 'fixtures/rules-checked.ts', text: "ids.add('x.auto');" },
    ],
    rules,
  );
  expect(index.get('x.named')).toEqual(['scenarios/a.spec.ts']);
  expect(index.get('x.helper')).toEqual(['scenarios/a.spec.ts']);
  expect(index.get('x.auto')).toEqual([AUTOMATIC]);
  expect(index.get('x.shape')).toEqual(['scenarios/a.spec.ts']);
  // The rule whose only mention is a helper no spec imports has lost its scenario: the check names it.
  expect(rulesWithoutScenario(['x.named', 'x.helper', 'x.auto', 'x.shape', 'x.lost', 'x.obs'], index, rules)).toEqual(['x.lost']);
});

test.describe('the contract documents', () => {
  test('docs/rule-coverage.md is what scripts/rule-coverage.ts writes', () => {
    if (!haveContract) {
      test.info().annotations.push({ type: 'warning', description: `NOT CHECKED: ${CONTRACT_DIR} is missing, so docs/rule-coverage.md was not compared with the generator; the generator ran on an inline fixture instead` });
      console.warn(`rule-coverage: ${CONTRACT_DIR} is missing; docs/rule-coverage.md NOT compared, the generator checked on a fixture only`);
      const dir = mkdtempSync(join(tmpdir(), 'isc-rule-coverage-'));
      try {
        mkdirSync(join(dir, '9.9.9'));
        writeFileSync(join(dir, '9.9.9', 'cli.md'), FIXTURE_MD);
        writeFileSync(join(dir, '9.9.9', 'copy.md'), FIXTURE_MD);
        const rules = [rule('fx.must', 'Widgets', 'must never print two'), rule('fx.row', 'Widgets', '4 | Too many widgets')];
        const reasons = parseReasons({ patterns: [{ sentence: '^agents\\b', reason: 'addressed to agents' }] });
        const run = generateCoverage(dir, reasons, rules, (_v, files) => new Set(statedRuleIds(rules, citedDocuments(files))));
        const [c] = run.coverages;
        expect(c.files).toEqual([{ name: 'cli.md', copies: ['copy.md'] }]);
        expect(c.counts).toEqual({ obligations: 4, withRule: 1, withReason: 1, neither: 2, ruleOnly: 1 });
        expect(uncovered(c).map((s) => s.text)).toEqual(['`--only-one` keeps one widget and exits `4` otherwise.', 'The gadget is always blue.']);
        expect(run.markdown).toContain('| 9.9.9 | 4 | 1 | 1 | 2 | 0 | 1 |');
        expect(run.markdown).toContain('| `fx.must` | It must never print two widgets at once, … | cli.md | Widgets |');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return;
    }
    const run = generateCoverage(CONTRACT_DIR, readReasons(REASONS_FILE));
    const committed = readFileSync(COVERAGE_PAGE, 'utf8');
    expect(committed === run.markdown, `${COVERAGE_PAGE} is stale: run npx tsx scripts/rule-coverage.ts`).toBe(true);
  });

  test('every obligation sentence of the target versions has a rule or a reason', () => {
    test.skip(!haveContract, `${CONTRACT_DIR} is missing: nothing to check (see the annotation of the test above)`);
    const run = generateCoverage(CONTRACT_DIR, readReasons(REASONS_FILE));
    for (const version of TARGET_VERSIONS) {
      const c = run.coverages.find((x) => x.version === version);
      expect(c, `contract version ${version} under ${CONTRACT_DIR}`).toBeDefined();
      const missing = uncovered(c!).map((s) => `${s.key} ${s.document} § ${s.section}: ${excerpt(s.text)}`);
      expect(missing, `${version}: obligation sentences with neither a rule nor a reason (give one in ${REASONS_FILE}; keys from npx tsx scripts/rule-coverage.ts --unexplained)`).toEqual([]);
    }
  });

  test('every rule an obligation sentence of the target versions bears is checked by some scenario', () => {
    test.skip(!haveContract, `${CONTRACT_DIR} is missing: nothing to check (see the annotation of the test above)`);
    const run = generateCoverage(CONTRACT_DIR, readReasons(REASONS_FILE));
    const index = buildScenarioIndex(readScenarioSources(process.cwd()), RULES);
    for (const version of TARGET_VERSIONS) {
      const c = run.coverages.find((x) => x.version === version)!;
      const ids = obligationRuleIds(c);
      expect(ids.length, `${version}: rule-bearing obligation sentences`).toBeGreaterThan(0);
      expect(rulesWithoutScenario(ids, index, RULES), `${version}: rules of obligation sentences that no scenario checks`).toEqual([]);
    }
  });
});
