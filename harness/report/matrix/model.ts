/**
 * Builds the compatibility matrix from the results of several releases: for every rule of the
 * catalogue (and any rule a report cites that the catalogue no longer has) and every release,
 * the cell state and the checks behind it. Pure: the caller reads the reports.
 */
import { RULES } from '../../rules/index.js';
import type { CheckRecord, RuleRef } from '../checks.js';
import type { RunResults, ScenarioResult } from '../results.js';
import { compareVersions, parseVersion } from '../../checks/schema-files.js';
import { CELL_STATES, MATRIX_SCHEMA } from './types.js';
import type { CellState, MatrixCell, MatrixEvidence, MatrixGroup, MatrixJson, MatrixRelease, MatrixRow } from './types.js';

export interface MatrixInput {
  results: RunResults;
  /** The report folder, relative to where matrix.json goes (posix separators). */
  reportDir: string;
  /** Rule ids that release's documents state; null when no list is known. */
  stated: ReadonlySet<string> | null;
}

/** The phrase the contract checks add to a check against a rule these documents do not state (fixtures/contract-checks.ts). */
export const NOT_STATED_MARK = '(not stated by these documents)';

/** Longest check message kept in matrix.json. */
export const MESSAGE_MAX = 300;

const DOCUMENT_ORDER = ['cli.md', 'llms.txt', 'skill.md'];

export interface RuleTally {
  failures: MatrixEvidence[];
  gaps: MatrixEvidence[];
  observations: MatrixEvidence[];
  checked: Set<string>;
  /** Scenarios with a check record (of any outcome) on the rule. */
  recorded: Set<string>;
  notStatedHint: boolean;
}

function evidenceOf(scenario: ScenarioResult, check: CheckRecord): MatrixEvidence {
  const named = check.invocation_id ? scenario.invocations.find((i) => i.id === check.invocation_id) : undefined;
  const last = scenario.invocations.at(-1);
  const message = check.message.length > MESSAGE_MAX ? `${check.message.slice(0, MESSAGE_MAX - 1)}…` : check.message;
  if (named) return { scenario: scenario.id, message, transcript: named.transcript };
  if (last) return { scenario: scenario.id, message, transcript: last.transcript, transcript_is_last: true };
  return { scenario: scenario.id, message, transcript: null };
}

function tallyRelease(results: RunResults, refs: Map<string, RuleRef>): Map<string, RuleTally> {
  const tallies = new Map<string, RuleTally>();
  const tally = (id: string): RuleTally => {
    let t = tallies.get(id);
    if (!t) {
      t = { failures: [], gaps: [], observations: [], checked: new Set(), recorded: new Set(), notStatedHint: false };
      tallies.set(id, t);
    }
    return t;
  };
  for (const scenario of results.scenarios) {
    for (const id of scenario.rules_checked ?? []) tally(id).checked.add(scenario.id);
    for (const check of scenario.checks ?? []) {
      if (!check.rule) continue;
      if (!refs.has(check.rule.id)) refs.set(check.rule.id, check.rule);
      const t = tally(check.rule.id);
      t.recorded.add(scenario.id);
      if (check.outcome === 'failed') t.failures.push(evidenceOf(scenario, check));
      else if (check.outcome === 'harness-gap') t.gaps.push(evidenceOf(scenario, check));
      else if (check.message.endsWith(NOT_STATED_MARK)) t.notStatedHint = true;
      else t.observations.push(evidenceOf(scenario, check));
    }
  }
  return tallies;
}

/**
 * fails beats everything (the report's own verdict); then not-stated; then an observation of a
 * sentence that does not oblige the CLI; holds when some scenario exercised the rule with no
 * record against it; harness-gap when every scenario that reached it fell short on the harness side.
 */
export function cellState(t: RuleTally | undefined, stated: boolean): CellState {
  if (t && t.failures.length > 0) return 'fails';
  if (!stated) return 'not-stated';
  if (!t) return 'not-reached';
  if (t.observations.length > 0) return 'observed';
  if ([...t.checked].some((s) => !t.recorded.has(s))) return 'holds';
  if (t.gaps.length > 0) return 'harness-gap';
  return 'not-reached';
}

function releaseIds(inputs: MatrixInput[]): string[] {
  const seen = new Map<string, number>();
  return inputs.map(({ results }) => {
    const base = `${results.cli.name ?? 'unknown'}@${results.cli.version ?? 'unknown'}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** Releases with a release number first, oldest to newest; the others after them, as given. */
export function orderInputs(inputs: MatrixInput[]): MatrixInput[] {
  const numbered = inputs.filter((i) => parseVersion(i.results.cli.version ?? '') !== null);
  const other = inputs.filter((i) => parseVersion(i.results.cli.version ?? '') === null);
  return [...numbered.sort((a, b) => compareVersions(a.results.cli.version ?? '', b.results.cli.version ?? '')), ...other];
}

function documentRank(document: string): number {
  const i = DOCUMENT_ORDER.indexOf(document);
  return i < 0 ? DOCUMENT_ORDER.length : i;
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

function emptyCounts(): Record<CellState, number> {
  return Object.fromEntries(CELL_STATES.map((s) => [s, 0])) as Record<CellState, number>;
}

export function buildMatrix(given: MatrixInput[]): MatrixJson {
  const inputs = orderInputs(given);
  const ids = releaseIds(inputs);
  const refs = new Map<string, RuleRef>();
  const tallies = inputs.map((input) => tallyRelease(input.results, refs));

  // Rows: the catalogue, then rules the reports name that it no longer has.
  const catalogue = new Map(RULES.map((r) => [r.id, r]));
  const rowIds = new Set<string>(RULES.map((r) => r.id));
  for (const t of tallies) for (const id of t.keys()) rowIds.add(id);

  const rows: MatrixRow[] = [...rowIds].map((id) => {
    const rule = catalogue.get(id);
    const ref = rule ?? refs.get(id);
    const cells = inputs.map((input, i): MatrixCell => {
      const t = tallies[i].get(id);
      const stated = input.stated ? input.stated.has(id) || (t?.failures.length ?? 0) > 0 : !(t?.notStatedHint ?? false);
      const cell: MatrixCell = { release: ids[i], state: cellState(t, stated), checked_in: t?.checked.size ?? 0 };
      if (t?.failures.length) cell.failures = t.failures;
      if (t?.gaps.length) cell.gaps = t.gaps;
      if (t?.observations.length) cell.observations = t.observations;
      return cell;
    });
    return {
      id,
      document: ref?.document ?? '(unknown)',
      section: ref?.section ?? '(not in the catalogue)',
      quote: ref?.quote ?? '',
      summary: rule?.summary ?? null,
      observation: rule?.observation === true,
      in_catalogue: rule !== undefined,
      cells,
    };
  });

  const groups = new Map<string, MatrixGroup>();
  for (const row of rows) {
    const key = `${row.document}\u0000${row.section}`;
    let g = groups.get(key);
    if (!g) {
      g = { document: row.document, section: row.section, rules: [] };
      groups.set(key, g);
    }
    g.rules.push(row);
  }
  const ordered = [...groups.values()].sort((a, b) => documentRank(a.document) - documentRank(b.document) || compareText(a.document, b.document) || compareText(a.section, b.section));
  for (const g of ordered) g.rules.sort((a, b) => compareText(a.id, b.id));

  const releases: MatrixRelease[] = inputs.map(({ results, reportDir, stated }, i) => {
    const counts = emptyCounts();
    for (const row of rows) counts[row.cells[i].state] += 1;
    const s = results.summary;
    return {
      id: ids[i],
      name: results.cli.name,
      version: results.cli.version,
      cli_spec: results.cli.spec,
      contract_version: results.contract_version,
      run_id: results.run_id,
      report_dir: reportDir,
      stated_source: stated ? 'recorded' : 'unknown',
      rules_checked_recorded: results.scenarios.some((x) => x.rules_checked !== undefined),
      scenarios: { passed: s.passed, failed: s.failed, not_run: s.not_run, skipped: s.skipped, total: s.total },
      counts,
      passes: counts.holds,
      stated: rows.length - counts['not-stated'],
    };
  });

  return { schema: MATRIX_SCHEMA, releases, groups: ordered };
}

/** Every transcript a cell's evidence names, relative to its release's report folder, per release id. */
export function evidenceTranscripts(matrix: MatrixJson): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>(matrix.releases.map((r) => [r.id, new Set<string>()]));
  for (const g of matrix.groups) {
    for (const row of g.rules) {
      for (const cell of row.cells) {
        for (const e of [...(cell.failures ?? []), ...(cell.gaps ?? []), ...(cell.observations ?? [])]) {
          if (e.transcript) out.get(cell.release)?.add(e.transcript);
        }
      }
    }
  }
  return out;
}

/** The evidence a cell links to: the first failure of a failing cell, the first gap or observation of one in that state. */
export function cellLink(cell: MatrixCell): MatrixEvidence | null {
  const list = cell.state === 'fails' ? cell.failures : cell.state === 'harness-gap' ? cell.gaps : cell.state === 'observed' ? cell.observations : undefined;
  return list?.find((e) => e.transcript !== null) ?? null;
}
