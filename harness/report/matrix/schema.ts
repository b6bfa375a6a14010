/** JSON Schema of matrix.json (v1), checked with ajv; the renderer and the tests read it back through parseMatrix. */
import { schemaCheck } from '../ajv-text.js';
import { CELL_STATES, MATRIX_SCHEMA, type MatrixJson } from './types.js';

const str = { type: 'string' } as const;
const id = { type: 'string', minLength: 1 } as const;
const count = { type: 'integer', minimum: 0 } as const;

const evidence = {
  type: 'object',
  required: ['scenario', 'message', 'transcript'],
  additionalProperties: false,
  properties: { scenario: id, message: str, transcript: { type: ['string', 'null'] }, transcript_is_last: { type: 'boolean' } },
} as const;

const cell = {
  type: 'object',
  required: ['release', 'state', 'checked_in'],
  additionalProperties: false,
  properties: {
    release: id,
    state: { enum: [...CELL_STATES] },
    checked_in: count,
    failures: { type: 'array', items: evidence, minItems: 1 },
    gaps: { type: 'array', items: evidence, minItems: 1 },
    observations: { type: 'array', items: evidence, minItems: 1 },
  },
} as const;

const row = {
  type: 'object',
  required: ['id', 'document', 'section', 'quote', 'summary', 'observation', 'in_catalogue', 'cells'],
  additionalProperties: false,
  properties: {
    id,
    document: id,
    section: id,
    quote: str,
    summary: { type: ['string', 'null'] },
    observation: { type: 'boolean' },
    in_catalogue: { type: 'boolean' },
    cells: { type: 'array', items: cell },
  },
} as const;

const counts = {
  type: 'object',
  required: [...CELL_STATES],
  additionalProperties: false,
  properties: Object.fromEntries(CELL_STATES.map((s) => [s, count])),
} as const;

const release = {
  type: 'object',
  required: ['id', 'name', 'version', 'cli_spec', 'contract_version', 'run_id', 'report_dir', 'stated_source', 'rules_checked_recorded', 'scenarios', 'counts', 'passes', 'stated'],
  additionalProperties: false,
  properties: {
    id,
    name: { type: ['string', 'null'] },
    version: { type: ['string', 'null'] },
    cli_spec: str,
    contract_version: { type: ['string', 'null'] },
    run_id: id,
    report_dir: str,
    stated_source: { enum: ['recorded', 'unknown'] },
    rules_checked_recorded: { type: 'boolean' },
    scenarios: {
      type: 'object',
      required: ['passed', 'failed', 'not_run', 'skipped', 'total'],
      additionalProperties: false,
      properties: { passed: count, failed: count, not_run: count, skipped: count, total: count },
    },
    counts,
    passes: count,
    stated: count,
  },
} as const;

export const matrixJsonSchema = {
  $id: 'https://image-skill-conformance.invalid/matrix.v1.json',
  type: 'object',
  required: ['schema', 'releases', 'groups'],
  additionalProperties: false,
  properties: {
    schema: { const: MATRIX_SCHEMA },
    releases: { type: 'array', items: release, minItems: 1 },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['document', 'section', 'rules'],
        additionalProperties: false,
        properties: { document: id, section: id, rules: { type: 'array', items: row, minItems: 1 } },
      },
    },
  },
} as const;

const check = schemaCheck(matrixJsonSchema);

/** Problems beyond the shape: one cell per release in release order, counts that add up, unique ids. */
function consistency(m: MatrixJson): string[] {
  const problems: string[] = [];
  const ids = m.releases.map((r) => r.id);
  if (new Set(ids).size !== ids.length) problems.push('/releases: two releases share an id');
  const rows = m.groups.flatMap((g) => g.rules);
  const ruleIds = rows.map((r) => r.id);
  if (new Set(ruleIds).size !== ruleIds.length) problems.push('/groups: a rule appears twice');
  m.groups.forEach((g, gi) =>
    g.rules.forEach((r, ri) => {
      const at = `/groups/${gi}/rules/${ri}`;
      if (r.document !== g.document || r.section !== g.section) problems.push(`${at} (${r.id}) is not in its group's document › section`);
      if (r.cells.map((c) => c.release).join('\n') !== ids.join('\n')) problems.push(`${at}/cells (${r.id}) do not follow /releases one to one`);
      r.cells.forEach((c, ci) => {
        if (c.state === 'fails' && !c.failures) problems.push(`${at}/cells/${ci} fails without failures`);
      });
    }),
  );
  m.releases.forEach((r, i) => {
    const total = CELL_STATES.reduce((n, s) => n + r.counts[s], 0);
    if (total !== rows.length) problems.push(`/releases/${i}/counts add up to ${total}, not the ${rows.length} rules`);
    for (const s of CELL_STATES) {
      const actual = rows.filter((row) => row.cells[i]?.state === s).length;
      if (actual !== r.counts[s]) problems.push(`/releases/${i}/counts/${s} is ${r.counts[s]} but ${actual} cells are ${s}`);
    }
    if (r.passes !== r.counts.holds) problems.push(`/releases/${i}/passes is ${r.passes}, not counts.holds ${r.counts.holds}`);
    if (r.stated !== rows.length - r.counts['not-stated']) problems.push(`/releases/${i}/stated is ${r.stated}, not ${rows.length - r.counts['not-stated']}`);
  });
  return problems;
}

/** A parsed matrix.json, checked; throws naming `source` and the bad fields. */
export function parseMatrix(value: unknown, source = 'matrix.json'): MatrixJson {
  const shape = check(value);
  if (shape.length > 0) throw new Error(`${source}: ${shape.slice(0, 12).join('; ')}`);
  const problems = consistency(value as MatrixJson);
  if (problems.length > 0) throw new Error(`${source}: ${problems.slice(0, 12).join('; ')}`);
  return value as MatrixJson;
}
