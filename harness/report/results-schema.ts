/** JSON Schema for results.json (v1), checked with ajv. Extra properties are tolerated. */
import { schemaCheck } from './ajv-text.js';
import { checkRecordSchema, rulesCheckedSchema } from './checks.js';


const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;
const stringList = { type: 'array', items: str } as const;

const schemaIssue = {
  type: 'object',
  required: ['pointer', 'expected', 'actual', 'message'],
  properties: { pointer: str, expected: str, actual: str, message: str },
} as const;

const secretFinding = {
  type: 'object',
  required: ['where', 'invocationId', 'excerpt'],
  properties: { where: str, invocationId: str, excerpt: str },
} as const;

const invocation = {
  type: 'object',
  required: ['id', 'argv', 'args', 'exit_code', 'signal', 'timed_out', 'duration_ms', 'schema', 'secrets', 'transcript'],
  properties: {
    id: { type: 'string', minLength: 1 },
    argv: stringList,
    args: stringList,
    shell_command: str,
    exit_code: { type: ['integer', 'null'] },
    signal: nullableStr,
    timed_out: { type: 'boolean' },
    duration_ms: { type: 'number', minimum: 0 },
    schema: {
      type: 'object',
      required: ['schema_id', 'ok', 'issues'],
      properties: { schema_id: nullableStr, ok: { type: 'boolean' }, issues: { type: 'array', items: schemaIssue }, note: str },
    },
    secrets: {
      type: 'object',
      required: ['ok', 'findings'],
      properties: { ok: { type: 'boolean' }, findings: { type: 'array', items: secretFinding } },
    },
    transcript: str,
  },
} as const;

const scenario = {
  type: 'object',
  required: ['id', 'title', 'file', 'project', 'status', 'duration_ms', 'errors', 'invocations'],
  properties: {
    id: { type: 'string', minLength: 1 },
    title: str,
    file: str,
    project: str,
    status: { enum: ['passed', 'failed', 'not-run', 'skipped'] },
    not_run_reason: str,
    skip_reason: str,
    flaky: { type: 'boolean' },
    duration_ms: { type: 'number', minimum: 0 },
    errors: stringList,
    invocations: { type: 'array', items: invocation },
    checks: { type: 'array', items: checkRecordSchema },
    rules_checked: rulesCheckedSchema,
  },
} as const;

const failureRef = {
  type: 'object',
  required: ['scenario', 'rule', 'message'],
  properties: { scenario: str, rule: nullableStr, message: str, reason: str, link: str },
} as const;
const expectationEntry = {
  type: 'object',
  required: ['rule', 'reason'],
  properties: { rule: str, scenario: str, reason: str, link: str, note: str },
} as const;

export const resultsJsonSchema = {
  type: 'object',
  required: [
    'schema', 'run_id', 'started_at', 'finished_at', 'cli', 'contract_version',
    'stripe_backend', 'chain_mode', 'scenarios', 'summary',
  ],
  properties: {
    schema: { const: 'image-skill-conformance.results.v1' },
    run_id: { type: 'string', minLength: 1 },
    started_at: str,
    finished_at: str,
    cli: {
      type: 'object',
      required: ['spec', 'name', 'version', 'integrity', 'ships_documents'],
      properties: { spec: str, name: nullableStr, version: nullableStr, integrity: nullableStr, ships_documents: stringList },
    },
    contract_version: nullableStr,
    contract_source: str,
    stripe_backend: nullableStr,
    chain_mode: nullableStr,
    chain_fork: {
      type: 'object',
      required: ['upstream_chain_id', 'block_number', 'pinned', 'funding'],
      properties: { upstream_chain_id: count, block_number: count, pinned: { type: 'boolean' }, funding: str, funding_note: str },
    },
    scenarios: { type: 'array', items: scenario },
    summary: {
      type: 'object',
      required: ['passed', 'failed', 'not_run', 'skipped', 'total'],
      properties: { passed: count, failed: count, not_run: count, skipped: count, total: count },
    },
    schema_coverage: {
      type: 'object',
      required: ['total', 'covered', 'missing'],
      properties: {
        version: str,
        total: count,
        covered: count,
        percent: { type: 'number', minimum: 0, maximum: 100 },
        missing: stringList,
        exercised: { type: 'object', additionalProperties: count },
      },
    },
    mutation: {
      type: 'object',
      required: ['killed', 'survived', 'total', 'score', 'survivors'],
      properties: {
        killed: count,
        survived: count,
        errors: count,
        total: count,
        score: { type: 'number', minimum: 0, maximum: 1 },
        survivors: stringList,
      },
    },
    no_longer_stated: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'document', 'section', 'section_text'],
        properties: { id: { type: 'string', minLength: 1 }, document: str, section: str, section_text: str },
      },
    },
    command_coverage: {
      type: 'object',
      required: ['file', 'total', 'covered', 'commands', 'not_covered', 'not_in_table'],
      properties: {
        file: str,
        problem: str,
        total: count,
        covered: count,
        commands: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'scenarios', 'in_table'],
            properties: { name: { type: 'string', minLength: 1 }, scenarios: stringList, ran_as: stringList, in_table: { type: 'boolean' } },
          },
        },
        not_covered: stringList,
        not_in_table: stringList,
      },
    },
    expectations: {
      type: 'object',
      required: ['file', 'strict', 'partial', 'new', 'expected', 'fixed', 'unexercised'],
      properties: {
        file: str,
        strict: { type: 'boolean' },
        partial: { type: 'boolean' },
        new: { type: 'array', items: failureRef },
        expected: { type: 'array', items: failureRef },
        fixed: { type: 'array', items: expectationEntry },
        unexercised: { type: 'array', items: expectationEntry },
      },
    },
  },
} as const;

const checkResults = schemaCheck(resultsJsonSchema);

const MAX_REPORTED = 12;

/** Shape problems of a parsed results.json, one line each (empty when valid). */
export function validateResultsShape(value: unknown): string[] {
  const lines = checkResults(value);
  if (lines.length <= MAX_REPORTED) return lines;
  return [...lines.slice(0, MAX_REPORTED), `...and ${lines.length - MAX_REPORTED} more`];
}
