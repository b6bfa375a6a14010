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
  /**
   * Other headings the same sentence sits under in some release, when a release put a new
   * heading above it without rewriting it (the quote counts under any of them).
   */
  alsoUnder?: string[];
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
  /**
   * The literals of the contract the rule's checks hold the CLI to: flags, field names, error
   * codes, exit codes other than success, and values (stages, schema names, modes, prefixes).
   * Each occurs in the rule's own quote (tests/unit/rule-quote-tokens.spec.ts), so a release
   * that rewrites one of them stops stating the rule instead of being held to the old text.
   * A rule built from a documented example lists the example's label (the example is the
   * quoted block). See harness/rules/README.md for what is not listed.
   */
  asserts: string[];
  /** The schema part this rule contributes, for rules checked by the schema validator. */
  shape?: ShapeContribution;
  /**
   * The sentence exists but does not oblige the CLI (it tells agents what to do, say):
   * what is checked against it is always an observation, never a failure.
   */
  observation?: boolean;
  /**
   * The sentence says a command creates nothing of the kinds it names (among the rule's
   * `asserts`): during any invocation of `command` (the command table's name; with `flag` when
   * given), a request that creates such a thing on the fake breaks the rule. What a request
   * created is read from the fake's journal (harness/checks/journal-rules.ts), not from a list of
   * routes.
   */
  createsNothing?: { command: string; flag?: string };
}
