/**
 * The compatibility matrix (matrix.json): the rules of the catalogue as rows, grouped by
 * document › section, the releases as columns, and per cell what that release's run showed.
 */

export const MATRIX_SCHEMA = 'image-skill-conformance.matrix.v1';

/**
 * holds: a scenario's checks exercised the rule and it did not fail there; fails: a check citing
 * it failed; not-stated: that release's documents do not state it; harness-gap: it was checked
 * only where the fake or the harness fell short (never the CLI's failure); observed: a sentence
 * that tells agents, not the CLI, what to do was not followed (never failing); not-reached: stated,
 * but no scenario of that run exercised it.
 */
export type CellState = 'holds' | 'fails' | 'not-stated' | 'harness-gap' | 'observed' | 'not-reached';

/** In the order the page lists them. */
export const CELL_STATES: readonly CellState[] = ['holds', 'fails', 'not-stated', 'harness-gap', 'observed', 'not-reached'];

/** One check behind a cell: the scenario, what it found, and the transcript to look at. */
export interface MatrixEvidence {
  scenario: string;
  message: string;
  /**
   * Transcript file, relative to the release's report_dir; null when the scenario ran no
   * invocation. The invocation the check names, else the scenario's last one.
   */
  transcript: string | null;
  /** True when the check named no invocation and `transcript` is the scenario's last one. */
  transcript_is_last?: boolean;
}

export interface MatrixCell {
  release: string;
  state: CellState;
  /** Scenarios whose checks exercised the rule (results.json `rules_checked`). */
  checked_in: number;
  failures?: MatrixEvidence[];
  gaps?: MatrixEvidence[];
  observations?: MatrixEvidence[];
}

export interface MatrixRow {
  id: string;
  document: string;
  section: string;
  quote: string;
  /** What is checked, in our words (from the catalogue); null for a rule the catalogue no longer has. */
  summary: string | null;
  /** The sentence tells agents, not the CLI, what to do: checks against it never fail. */
  observation: boolean;
  /** False for a rule a report cites that the current catalogue lacks. */
  in_catalogue: boolean;
  /** One per release, in the order of `releases`. */
  cells: MatrixCell[];
}

export interface MatrixGroup {
  document: string;
  section: string;
  rules: MatrixRow[];
}

export interface MatrixRelease {
  /** Column key: `<name>@<version>`, made unique with `#2`, `#3` when two reports name the same build. */
  id: string;
  name: string | null;
  version: string | null;
  cli_spec: string;
  contract_version: string | null;
  run_id: string;
  /** The report folder, relative to matrix.json (posix separators); transcripts are relative to it. */
  report_dir: string;
  /**
   * recorded: schemas/examples/<contract>/stated-rules.json decides which rules are stated;
   * unknown: no recorded list for that contract version (a rule is then not-stated only where
   * the report's own checks say so).
   */
  stated_source: 'recorded' | 'unknown';
  /** False for a report written before scenarios recorded rules_checked: holds then reads as not-reached. */
  rules_checked_recorded: boolean;
  scenarios: { passed: number; failed: number; not_run: number; skipped: number; total: number };
  /** Cells per state. */
  counts: Record<CellState, number>;
  /** Rules that hold (counts.holds). */
  passes: number;
  /** Rules its documents state (every row but the not-stated ones). */
  stated: number;
}

export interface MatrixJson {
  schema: typeof MATRIX_SCHEMA;
  releases: MatrixRelease[];
  groups: MatrixGroup[];
}
