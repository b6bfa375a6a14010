/**
 * A rule of the contract: one checkable statement, the sentence it rests on, and (for
 * shape rules) the part of a JSON Schema it contributes. Every check that can fail the
 * gate names one; a rule whose quote the active documents do not contain is reported as
 * an observation instead of a failure.
 */
import type { JsonSchema } from '../checks/contract-extract.js';

export type ContractDocument = 'cli.md' | 'llms.txt' | 'skill.md';

export interface RuleRef {
  id: string;
  document: ContractDocument;
  /** The heading (markdown `#`) or label line (llms.txt `Name:`) the quote sits under. */
  section: string;
  /** A short phrase of the document, verbatim (whitespace and markdown emphasis aside). */
  quote: string;
}

export interface ShapeContribution {
  /** Shape key (`credits-methods`, `credits-buy.x402`, `envelope.error`, ...). */
  key: string;
  /** 'example': the minimum-shape JSON example of the documents, every field required with its type. */
  fromExample?: boolean;
  /** JSON pointers (with `*` for any array item or key) under the example that the prose makes conditional. */
  optional?: string[];
  /** Extra constraints the prose states, as JSON Schema (every node is tagged with this rule). */
  schema?: JsonSchema;
}

export interface Rule extends RuleRef {
  /** What is checked, in our words. */
  summary: string;
  /** The schema part this rule contributes, for rules checked by the schema validator. */
  shape?: ShapeContribution;
  /**
   * The sentence exists but does not oblige the CLI (it tells agents what to do, say):
   * what is checked against it is always an observation, never a failure.
   */
  observation?: boolean;
}
