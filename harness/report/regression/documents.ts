/**
 * One side's documents as the classification reads them: the catalogue rules they state, the
 * output schemas built from them (what a documented example or the prose promises), and their
 * sentences, to find which sentence (if any) names a field, value or flag of a change.
 */
import { RULES, getRule } from '../../rules/index.js';
import { COMMANDS } from '../../rules/commands.js';
import { normaliseText as docText, splitSections, sectionKey, type DocumentSet } from '../../rules/documents.js';
import { statedRules } from '../../rules/stated.js';
import type { ContractDocument, Rule } from '../../rules/types.js';
import { loadSchemaSet, type JsonSchema } from '../../checks/schema-registry.js';
import { RULE_KEYWORD, mergedView } from '../../checks/schema-build.js';
import type { RunResults } from '../results.js';

export interface Sentence {
  document: ContractDocument;
  section: string;
  /** As written, whitespace collapsed, emphasis dropped. */
  text: string;
  /** Lower-case, backticks dropped: what tokens are searched in. */
  norm: string;
}

export interface DocsSide {
  side: 'base' | 'head';
  version: string | null;
  /** Documents read (empty when none were at hand). */
  documents: DocumentSet;
  stated: ReadonlySet<string>;
  /** Where the stated list came from. */
  source: string;
  schemas: Record<string, JsonSchema>;
  sentences: Sentence[];
  /** Normalised sentences, to tell a sentence the other side lacks. */
  sentenceSet: ReadonlySet<string>;
}

const DOCUMENTS: ContractDocument[] = ['cli.md', 'llms.txt', 'skill.md'];

function sentencesOf(docs: DocumentSet): Sentence[] {
  const out: Sentence[] = [];
  for (const document of DOCUMENTS) {
    const text = docs[document];
    if (text === undefined) continue;
    for (const section of splitSections(document, text)) {
      // Lines of code blocks, list items and table rows are sentences of their own; prose splits at a period before a space.
      const pieces = section.text
        .split(/\n(?=\s*(?:[-*+]\s|\||\d+\.\s|```))|\n\s*\n/)
        .flatMap((block) => block.replace(/```\w*/g, '').split(/(?<=[.!?])\s+(?=[A-Z`(])/));
      for (const piece of pieces) {
        const shown = piece.replace(/[*]/g, '').replace(/\s+/g, ' ').trim();
        if (shown.length < 3) continue;
        out.push({ document, section: section.title.replace(/`/g, ''), text: shown, norm: docText(shown) });
      }
    }
  }
  return out;
}

export function docsSide(side: 'base' | 'head', results: RunResults, documents: DocumentSet | null): DocsSide {
  const version = results.contract_version;
  const docs = documents ?? {};
  const stated = version ? statedRules(version, Object.keys(docs).length > 0 ? docs : undefined) : null;
  let schemas: Record<string, JsonSchema> = {};
  if (version) {
    try {
      schemas = loadSchemaSet(version, docs).schemas;
    } catch {
      schemas = {};
    }
  }
  const sentences = sentencesOf(docs);
  const source = stated ? (stated.source === 'recorded' ? `rules recorded for ${version}` : stated.source === 'package-documents' ? 'the package documents' : 'every rule (no documents)') : 'no contract version';
  return {
    side,
    version,
    documents: docs,
    stated: stated?.ids ?? new Set(RULES.map((r) => r.id)),
    source,
    schemas,
    sentences,
    sentenceSet: new Set(sentences.map((s) => s.norm)),
  };
}

export function ruleOf(id: string): Rule | null {
  try {
    return getRule(id);
  } catch {
    return null;
  }
}

/** What a shape schema says of one data pointer (`/a/*\/b`): promised (required by its parent), the rule, a constant. */
export interface Promise_ {
  rule: string | null;
  required: boolean;
  constant?: unknown;
  enumeration?: unknown[];
}

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function promiseAt(schema: JsonSchema | undefined, dataPointer: string): Promise_ | null {
  if (!schema) return null;
  let node: JsonSchema = mergedView(schema);
  let rule: string | null = typeof node[RULE_KEYWORD] === 'string' ? (node[RULE_KEYWORD] as string) : null;
  const parts = dataPointer.split('/').slice(1);
  let required = true;
  for (const part of parts) {
    if (part === '*') {
      if (!isObject(node.items)) return null;
      node = mergedView(node.items);
      continue;
    }
    const props = isObject(node.properties) ? node.properties : {};
    const child = props[part];
    if (!isObject(child)) return null;
    required = Array.isArray(node.required) && (node.required as string[]).includes(part);
    node = mergedView(child);
    if (typeof node[RULE_KEYWORD] === 'string') rule = node[RULE_KEYWORD] as string;
  }
  const out: Promise_ = { rule, required };
  if ('const' in node) out.constant = node.const;
  if (Array.isArray(node.enum)) out.enumeration = node.enum as unknown[];
  return out;
}

/** Whole-token match in normalised text: letters, digits, `_` and `-` next to it mean it is part of a longer name. */
function containsToken(norm: string, token: string): boolean {
  const t = docText(token);
  if (t.length === 0) return false;
  const word = (c: string | undefined) => c !== undefined && /[a-z0-9_-]/.test(c);
  for (let at = norm.indexOf(t); at >= 0; at = norm.indexOf(t, at + 1)) {
    if (!word(norm[at - 1]) && !word(norm[at + t.length])) return true;
  }
  return false;
}

/** The section of a command: `image-skill credits quote`, `signup --agent`, `models` for `models list`. */
export function isCommandSection(sentence: Pick<Sentence, 'section'>, command: string): boolean {
  if (command.startsWith('(')) return false;
  const key = sectionKey(sentence.section).replace(/^image-skill /, '');
  if (key === command || key.startsWith(`${command} `) || command.startsWith(`${key} `)) return true;
  return COMMANDS.find((c) => c.name === command)?.examples?.section.test(key) ?? false;
}

/**
 * Sentences of these documents naming a token: within the command's section first; anywhere
 * when the token is distinctive enough not to be a common word (holds `_ . - /` or a digit, or
 * is a flag).
 */
export function mentions(side: DocsSide, token: string, command: string): Sentence[] {
  const inSection = side.sentences.filter((s) => isCommandSection(s, command) && containsToken(s.norm, token));
  if (inSection.length > 0) return inSection;
  if (!distinctive(token)) return [];
  return side.sentences.filter((s) => containsToken(s.norm, token));
}

export function distinctive(token: string): boolean {
  return /[_./]|\d|^--?[a-z]/.test(token) || (token.includes('-') && token.length >= 6) || token.length >= 14;
}
