/**
 * Data model of a regression report between two runs (usually two builds of the CLI): what
 * changed for the agents that use the CLI, each change once, classified against both sets of
 * documents. Written as regression.json (schema in schema.ts) beside regression.md and .html.
 */
import type { ScenarioStatus } from '../results.js';

export const REGRESSION_SCHEMA = 'image-skill-conformance.regression.v1';

/**
 * What a change means for a reviewer, judged against both builds' documents:
 * - regression: breaks a rule the head's documents state (a check under it fails now, or a
 *   field the head's documented example/schema promises is gone); `diff` exits 1;
 * - documented-removal: breaks a rule (or drops a field) only the base's documents stated: the
 *   head's documents dropped the sentence, shown with it;
 * - documented: a sentence of the head's documents covers the new behaviour;
 * - undocumented: neither set of documents mentions it (what a reviewer should read first);
 * - harness-gap: the harness or its fake is the cause (a field the fake did not send, a
 *   scenario that could not run); never a regression.
 */
export const CHANGE_CLASSES = ['regression', 'undocumented', 'documented-removal', 'documented', 'harness-gap'] as const;
export type ChangeClass = (typeof CHANGE_CLASSES)[number];

/**
 * exit: exit code; added/removed/changed: a field of the printed JSON (its value in full);
 * printed-command: a command line the CLI prints for the agent (`next_command`, …);
 * file: a file the command wrote; request: what it sent to the service; step: an invocation
 * the scenario no longer runs or newly runs; check: a check of the scenario that now fails,
 * passes, or changed outcome; status: a scenario's status when no check explains it.
 */
export const CHANGE_KINDS = ['check', 'exit', 'removed', 'changed', 'printed-command', 'added', 'file', 'request', 'step', 'status'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface RunLabel {
  run_id: string;
  /** name@version, or the target spec when unknown. */
  cli: string;
  contract_version: string | null;
  /** Where the documents judged against came from (package, recorded list, none). */
  documents: string;
  /** Number of catalogue rules these documents state. */
  rules_stated: number;
}

/** A rule of the catalogue a change breaks, with the documents' sentence it rests on. */
export interface CitedRule {
  id: string;
  document: string;
  section: string;
  quote: string;
  /** head: the head's documents state it; base: only the base's did. */
  stated_by: 'head' | 'base';
}

/** A sentence of one side's documents that mentions the change. */
export interface Citation {
  side: 'head' | 'base';
  document: string;
  section: string;
  /** The sentence (whitespace collapsed, clipped to a few hundred characters). */
  sentence: string;
  /** The word of the change the sentence names (field, value, flag). */
  mentions: string;
  /** True when the other side's documents do not have this sentence (written or dropped by the release). */
  new_sentence: boolean;
}

export interface Change {
  /** Stable within one report: C1, C2, … in report order. */
  id: string;
  class: ChangeClass;
  kind: ChangeKind;
  /** Command words (`credits quote`); `(scenario)` for checks and statuses; `(several commands)` for an envelope field changed under several. */
  command: string;
  /** The command forms (sub-command and flag names, values dropped) the change was seen in. */
  forms: string[];
  /** JSON pointer, file path, request, rule id or step, depending on the kind. */
  subject: string;
  /** Old and new value in full, normalised (null: absent on that side). */
  base: string | null;
  head: string | null;
  scenarios: string[];
  /** Why the change has its class, in one line. */
  reason: string;
  rule?: CitedRule;
  citation?: Citation;
}

export type ScenarioChangeKind = 'regressed' | 'fixed' | 'added' | 'removed' | 'status-changed' | 'unchanged';

export interface StepPair {
  /** Position in each run's invocation list (null: only on the other side). */
  base_index: number | null;
  head_index: number | null;
  /** Normalised command lines as run. */
  base_command: string | null;
  head_command: string | null;
  /** Ids of the changes measured at this step. */
  changes: string[];
}

export interface ScenarioDiff {
  id: string;
  title: string;
  base_status: ScenarioStatus | null;
  head_status: ScenarioStatus | null;
  change: ScenarioChangeKind;
  /** True when the status or anything measured differs. */
  changed: boolean;
  /** Ids of every change seen in this scenario. */
  changes: string[];
  /** Steps with changes only. */
  steps: StepPair[];
  /** Why parts could not be compared (missing transcript...). */
  notes: string[];
}

/** One difference between the two packages' documented output schemas. */
export interface DocumentSchemaChange {
  pointer: string;
  change: string;
  from?: string;
  to?: string;
}

/** Schema drift of the documents (structurally DocumentsSchemaDiff of harness/checks/contract-diff.ts). */
export interface DocumentsDiff {
  base: { version: string; source: string };
  head: { version: string; source: string };
  changes: DocumentSchemaChange[];
  warnings: string[];
}

/** A release-notes entry between the two versions, next to the changes measured. */
export interface ReleaseNoteEntry {
  version: string;
  text: string;
  /** Changes whose field, value, flag or command the entry names; empty: not exercised by the scenarios. */
  changes: string[];
}

export interface ReleaseNotes {
  /** Which package's CHANGELOG.md was read. */
  source: 'head' | 'base';
  /** Versions after the base's up to the head's (inclusive), newest first. */
  versions: string[];
  entries: ReleaseNoteEntry[];
  /** Changes (not harness gaps) no entry mentions. */
  unmentioned: string[];
}

export interface RegressionTotals {
  scenarios: number;
  regressed: number;
  fixed: number;
  added: number;
  removed: number;
  status_changed: number;
  /** Scenarios with the same status whose behaviour differs. */
  behaviour_changed: number;
  changes: number;
  by_class: Record<ChangeClass, number>;
}

export interface RegressionReport {
  schema: typeof REGRESSION_SCHEMA;
  base: RunLabel;
  head: RunLabel;
  totals: RegressionTotals;
  /** In report order: by class (CHANGE_CLASSES), then command, kind, subject. */
  changes: Change[];
  /** Sorted by scenario id; every scenario, changed or not. */
  scenarios: ScenarioDiff[];
  documents?: DocumentsDiff;
  release_notes?: ReleaseNotes;
  /** Things the report could not do (documents unavailable, …). */
  warnings: string[];
}

/** Loads a transcript referenced from results.json; `side` tells which run it belongs to. */
export type TranscriptLoader = (ref: string, side: 'base' | 'head') => unknown;
