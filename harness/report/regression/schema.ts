/** JSON Schema of regression.json (image-skill-conformance.regression.v1), checked with ajv. */
import { schemaCheck } from '../ajv-text.js';
import { CHANGE_CLASSES, CHANGE_KINDS, REGRESSION_SCHEMA, type RegressionReport } from './types.js';

const str = { type: 'string' } as const;
const id = { type: 'string', minLength: 1 } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;
const ids = { type: 'array', items: { type: 'string', pattern: '^C[0-9]+$' } } as const;
const status = { enum: ['passed', 'failed', 'not-run', 'skipped', null] } as const;

const runLabel = {
  type: 'object',
  additionalProperties: false,
  required: ['run_id', 'cli', 'contract_version', 'documents', 'rules_stated'],
  properties: { run_id: str, cli: id, contract_version: nullableStr, documents: str, rules_stated: count },
} as const;

const citedRule = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'document', 'section', 'quote', 'stated_by'],
  properties: { id, document: id, section: str, quote: id, stated_by: { enum: ['head', 'base'] } },
} as const;

const citation = {
  type: 'object',
  additionalProperties: false,
  required: ['side', 'document', 'section', 'sentence', 'mentions', 'new_sentence'],
  properties: { side: { enum: ['head', 'base'] }, document: id, section: str, sentence: id, mentions: id, new_sentence: { type: 'boolean' } },
} as const;

const change = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'class', 'kind', 'command', 'forms', 'subject', 'base', 'head', 'scenarios', 'reason'],
  properties: {
    id: { type: 'string', pattern: '^C[0-9]+$' },
    class: { enum: [...CHANGE_CLASSES] },
    kind: { enum: [...CHANGE_KINDS] },
    command: id,
    forms: { type: 'array', items: id },
    subject: id,
    base: nullableStr,
    head: nullableStr,
    scenarios: { type: 'array', items: id, minItems: 1 },
    reason: id,
    rule: citedRule,
    citation,
  },
  // A regression always names the rule it breaks.
  if: { properties: { class: { const: 'regression' } } },
  then: { required: ['rule'], properties: { rule: { type: 'object', properties: { stated_by: { const: 'head' } } } } },
} as const;

const step = {
  type: 'object',
  additionalProperties: false,
  required: ['base_index', 'head_index', 'base_command', 'head_command', 'changes'],
  properties: {
    base_index: { type: ['integer', 'null'], minimum: 0 },
    head_index: { type: ['integer', 'null'], minimum: 0 },
    base_command: nullableStr,
    head_command: nullableStr,
    changes: ids,
  },
} as const;

const scenario = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'title', 'base_status', 'head_status', 'change', 'changed', 'changes', 'steps', 'notes'],
  properties: {
    id,
    title: str,
    base_status: status,
    head_status: status,
    change: { enum: ['regressed', 'fixed', 'added', 'removed', 'status-changed', 'unchanged'] },
    changed: { type: 'boolean' },
    changes: ids,
    steps: { type: 'array', items: step },
    notes: { type: 'array', items: str },
  },
} as const;

const documents = {
  type: 'object',
  additionalProperties: false,
  required: ['base', 'head', 'changes', 'warnings'],
  properties: {
    base: { type: 'object', required: ['version', 'source'], properties: { version: str, source: str } },
    head: { type: 'object', required: ['version', 'source'], properties: { version: str, source: str } },
    changes: {
      type: 'array',
      items: { type: 'object', required: ['pointer', 'change'], properties: { pointer: str, change: str, from: str, to: str } },
    },
    warnings: { type: 'array', items: str },
  },
} as const;

const releaseNotes = {
  type: 'object',
  additionalProperties: false,
  required: ['source', 'versions', 'entries', 'unmentioned'],
  properties: {
    source: { enum: ['head', 'base'] },
    versions: { type: 'array', items: id },
    entries: {
      type: 'array',
      items: { type: 'object', additionalProperties: false, required: ['version', 'text', 'changes'], properties: { version: id, text: str, changes: ids } },
    },
    unmentioned: ids,
  },
} as const;

export const regressionJsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'urn:image-skill-conformance:regression.v1',
  title: 'image-skill-conformance regression report (regression.json)',
  type: 'object',
  additionalProperties: false,
  required: ['schema', 'base', 'head', 'totals', 'changes', 'scenarios', 'warnings'],
  properties: {
    schema: { const: REGRESSION_SCHEMA },
    base: runLabel,
    head: runLabel,
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['scenarios', 'regressed', 'fixed', 'added', 'removed', 'status_changed', 'behaviour_changed', 'changes', 'by_class'],
      properties: {
        scenarios: count,
        regressed: count,
        fixed: count,
        added: count,
        removed: count,
        status_changed: count,
        behaviour_changed: count,
        changes: count,
        by_class: { type: 'object', additionalProperties: false, required: [...CHANGE_CLASSES], properties: Object.fromEntries(CHANGE_CLASSES.map((c) => [c, count])) },
      },
    },
    changes: { type: 'array', items: change },
    scenarios: { type: 'array', items: scenario },
    documents,
    release_notes: releaseNotes,
    warnings: { type: 'array', items: str },
  },
} as const;

const check = schemaCheck(regressionJsonSchema);

/** Problems of a regression.json value, one line each (empty when valid), counts cross-checked. */
export function regressionProblems(value: unknown): string[] {
  const problems = check(value);
  if (problems.length > 0) return problems;
  const r = value as RegressionReport;
  const out: string[] = [];
  if (r.totals.changes !== r.changes.length) out.push(`/totals/changes is ${r.totals.changes} but there are ${r.changes.length} changes`);
  for (const k of CHANGE_CLASSES) {
    const n = r.changes.filter((c) => c.class === k).length;
    if (r.totals.by_class[k] !== n) out.push(`/totals/by_class/${k} is ${r.totals.by_class[k]} but ${n} changes have that class`);
  }
  const known = new Set(r.changes.map((c) => c.id));
  for (const s of r.scenarios) for (const c of s.changes) if (!known.has(c)) out.push(`scenario ${s.id} names unknown change ${c}`);
  return out;
}
