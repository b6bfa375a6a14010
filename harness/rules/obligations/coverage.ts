/**
 * Obligation coverage of one contract version: every obligation sentence of its documents, with
 * the catalogue rules it bears (among those stated.ts says the version states) or, failing
 * that, the reason docs/rule-coverage-reasons.json gives.
 */
import type { DocumentSet } from '../documents.js';
import { statedRules } from '../stated.js';
import type { ContractDocument, Rule } from '../types.js';
import type { ContractFile } from './contract-files.js';
import { rulesBySentence } from './match.js';
import { reasonFor, sentenceKey } from './reasons.js';
import type { Reasons } from './reasons.js';
import { splitSentences } from './sentences.js';
import type { Sentence } from './sentences.js';
import { obligationWords } from './words.js';

export interface CoveredSentence extends Sentence {
  key: string;
  obligation: boolean;
  /** Ids of the rules the sentence bears. */
  rules: string[];
  /** The reasons file's reason (looked up only for obligation sentences without a rule). */
  reason: string | null;
}

export interface VersionCoverage {
  version: string;
  files: Array<{ name: string; copies: string[] }>;
  /** Obligation sentences and rule-bearing ones, in document order. */
  sentences: CoveredSentence[];
  counts: { obligations: number; withRule: number; withReason: number; neither: number; ruleOnly: number };
  /** Rules the version states whose quote lies in no sentence (a code block, say). */
  statedElsewhere: string[];
}

const CITED: readonly ContractDocument[] = ['cli.md', 'llms.txt', 'skill.md'];

/** The documents rules cite, out of a version's files. */
export function citedDocuments(files: readonly ContractFile[]): DocumentSet {
  const documents: DocumentSet = {};
  for (const f of files) if ((CITED as readonly string[]).includes(f.name)) documents[f.name as ContractDocument] = f.text;
  return documents;
}

/** Which rules a version states: stated.ts's answer unless `stated` is given (a fixture's own rules). */
export function versionCoverage(version: string, files: readonly ContractFile[], rules: readonly Rule[], reasons: Reasons, stated?: ReadonlySet<string>): VersionCoverage {
  stated ??= statedRules(version, citedDocuments(files)).ids;
  const statedList = rules.filter((r) => stated.has(r.id));
  const all = files.flatMap((f) => splitSentences(f.name, f.text));
  const bySentence = rulesBySentence(all, statedList);
  const sentences: CoveredSentence[] = [];
  all.forEach((s, i) => {
    const ids = bySentence.get(i) ?? [];
    const obligation = obligationWords(s.text).length > 0;
    if (!obligation && ids.length === 0) return;
    sentences.push({ ...s, key: sentenceKey(s.text), obligation, rules: ids, reason: obligation && ids.length === 0 ? reasonFor(s, reasons) : null });
  });
  const matched = new Set(sentences.flatMap((s) => s.rules));
  const obligations = sentences.filter((s) => s.obligation);
  return {
    version,
    files: files.map((f) => ({ name: f.name, copies: [...f.copies] })),
    sentences,
    counts: {
      obligations: obligations.length,
      withRule: obligations.filter((s) => s.rules.length > 0).length,
      withReason: obligations.filter((s) => s.rules.length === 0 && s.reason !== null).length,
      neither: obligations.filter((s) => s.rules.length === 0 && s.reason === null).length,
      ruleOnly: sentences.filter((s) => !s.obligation).length,
    },
    statedElsewhere: statedList.filter((r) => !matched.has(r.id)).map((r) => r.id),
  };
}

/** Obligation sentences with neither a rule nor a reason. */
export function uncovered(coverage: VersionCoverage): CoveredSentence[] {
  return coverage.sentences.filter((s) => s.obligation && s.rules.length === 0 && s.reason === null);
}

/** Rules borne by obligation sentences, each once. */
export function obligationRuleIds(coverage: VersionCoverage): string[] {
  return [...new Set(coverage.sentences.filter((s) => s.obligation).flatMap((s) => s.rules))].sort();
}
