/** Data model of a regression report between two runs (usually two versions of the CLI package). */
import type { ScenarioStatus } from './results.js';

export const REGRESSION_SCHEMA = 'image-skill-conformance.regression.v1';

export interface RunLabel {
  run_id: string;
  /** name@version, or the target spec when unknown. */
  cli: string;
  contract_version: string | null;
}

export interface ShapeChange {
  /** JSON pointer into the printed JSON; `*` stands for any array item. */
  pointer: string;
  /** command: a printed command (`next_command`, `suggested_command`, …) reads differently. */
  kind: 'added' | 'removed' | 'retyped' | 'value' | 'command';
  base: string | null;
  head: string | null;
}

export interface FileChange {
  /** Normalised path relative to the sandbox root. */
  path: string;
  /** new: only head touches the file; gone: only base did; mode/kind: both did, differently. */
  change: 'new' | 'gone' | 'mode' | 'kind';
  base: string | null;
  head: string | null;
}

export interface RequestChange {
  /** `METHOD /normalised/path` */
  request: string;
  /** value: a body field kept its name but changed its (comparable) value; see `field`. */
  change: 'added' | 'removed' | 'count' | 'fields' | 'value';
  /** Body field pointer, for `value` changes. */
  field?: string;
  base: string | null;
  head: string | null;
  fields_added: string[];
  fields_removed: string[];
}

export interface InvocationDiff {
  /** Normalised command (args after the CLI prefix, or the printed shell command). */
  command: string;
  base_index: number | null;
  head_index: number | null;
  match: 'matched' | 'only-in-base' | 'only-in-head';
  exit: { base: string; head: string } | null;
  shape: ShapeChange[];
  files: FileChange[];
  requests: RequestChange[];
  /** Why parts could not be compared (missing transcript...). */
  notes: string[];
}

export type ScenarioChangeKind = 'regressed' | 'fixed' | 'added' | 'removed' | 'status-changed' | 'unchanged';

export interface ScenarioDiff {
  id: string;
  title: string;
  base_status: ScenarioStatus | null;
  head_status: ScenarioStatus | null;
  change: ScenarioChangeKind;
  /** True when the status or any invocation differs. */
  changed: boolean;
  invocations: InvocationDiff[];
}

/** One difference between the two packages' documented output schemas. */
export interface DocumentSchemaChange {
  /** Data pointer, prefixed with the shape key. */
  pointer: string;
  change: string;
  from?: string;
  to?: string;
}

/**
 * Schema drift of the contract documents, computed by the caller (structurally the
 * same as DocumentsSchemaDiff from harness/checks/contract-diff.ts).
 */
export interface DocumentsDiff {
  base: { version: string; source: string };
  head: { version: string; source: string };
  changes: DocumentSchemaChange[];
  warnings: string[];
}

export interface RegressionTotals {
  scenarios: number;
  regressed: number;
  fixed: number;
  added: number;
  removed: number;
  status_changed: number;
  /** Scenarios with the same status whose invocations behave differently. */
  behaviour_changed: number;
}

export interface RegressionReport {
  schema: typeof REGRESSION_SCHEMA;
  base: RunLabel;
  head: RunLabel;
  totals: RegressionTotals;
  /** Sorted by scenario id. */
  scenarios: ScenarioDiff[];
  documents?: DocumentsDiff;
}

/** Loads a transcript referenced from results.json; `side` tells which run it belongs to. */
export type TranscriptLoader = (ref: string, side: 'base' | 'head') => unknown;
