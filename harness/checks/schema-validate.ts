/** Checks one printed JSON document against the schema set: envelope first, then the command's data shape. */
import type { ErrorObject } from 'ajv';
import type { SchemaIssue, SchemaResult } from '../runner/types.js';
import { createAjv } from './schema-ajv.js';
import type { AjvInstance, ValidateFunction } from './schema-ajv.js';
import { ENVELOPE_ERROR, ENVELOPE_SUCCESS, shapeKey } from './contract-shapes.js';
import type { SchemaSet } from './schema-registry.js';
import { selectShape } from './schema-select.js';
import { describeSchemaType, shortValue } from './schema-issue-text.js';
import { RULE_KEYWORD } from './schema-build.js';
import { isRecord } from '../json.js';

export { formatSchemaFailure } from './schema-issue-text.js';

const compiled = new WeakMap<SchemaSet, { ajv: AjvInstance; validators: Map<string, ValidateFunction> }>();

function validatorFor(set: SchemaSet, key: string): ValidateFunction | null {
  const schema = set.schemas[key];
  if (!schema) return null;
  let entry = compiled.get(set);
  if (!entry) {
    entry = { ajv: createAjv(), validators: new Map() };
    compiled.set(set, entry);
  }
  let validate = entry.validators.get(key);
  if (!validate) {
    validate = entry.ajv.compile(schema);
    entry.validators.set(key, validate);
  }
  return validate;
}


export function validateInvocationJson(set: SchemaSet, args: string[], json: unknown): SchemaResult {
  const id = (key: string): string => `${set.version}/${key}`;
  if (!isRecord(json) || typeof json.ok !== 'boolean') {
    return {
      schemaId: id(ENVELOPE_SUCCESS),
      ok: false,
      issues: [
        { pointer: '/ok', expected: 'an envelope object with boolean "ok"', actual: shortValue(isRecord(json) ? json.ok : json), message: 'output is not a result envelope', rule: 'output.envelope' },
      ],
    };
  }
  if (json.ok === false) return resultFor(id(ENVELOPE_ERROR), check(set, ENVELOPE_ERROR, json, ''));

  const issues = check(set, ENVELOPE_SUCCESS, json, '');
  const ref = selectShape(args, json);
  if (!ref) {
    return { ...resultFor(id(ENVELOPE_SUCCESS), issues), note: `no documented data shape for "${args.join(' ')}"; envelope checked only` };
  }
  const key = shapeKey(ref);
  if (!set.schemas[key]) {
    return { ...resultFor(id(ENVELOPE_SUCCESS), issues), note: `schema set ${set.version} has no schema for ${key}; envelope checked only` };
  }
  // A data problem is only worth reporting when data is an object at all (the envelope issue says so otherwise).
  if (isRecord(json.data)) issues.push(...check(set, key, json.data, '/data'));
  return resultFor(id(key), issues);
}

function resultFor(schemaId: string, issues: SchemaIssue[]): SchemaResult {
  return { schemaId, ok: issues.length === 0, issues };
}

function check(set: SchemaSet, key: string, value: unknown, base: string): SchemaIssue[] {
  const validate = validatorFor(set, key);
  if (!validate || validate(value)) return [];
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if');
  return dedupe(errors.map((e) => toIssue(e, base)));
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toIssue(e: ErrorObject, base: string): SchemaIssue {
  const parent = isRecord(e.parentSchema) ? e.parentSchema : {};
  const rule = typeof parent[RULE_KEYWORD] === 'string' ? (parent[RULE_KEYWORD] as string) : null;
  return { ...describeError(e, base + e.instancePath, parent), rule };
}

function describeError(e: ErrorObject, at: string, parent: Record<string, unknown>): Omit<SchemaIssue, 'rule'> {
  switch (e.keyword) {
    case 'required': {
      const missing = String((e.params as { missingProperty?: unknown }).missingProperty);
      const props = isRecord(parent.properties) ? parent.properties : {};
      return { pointer: `${at}/${escapePointer(missing)}`, expected: describeSchemaType(props[missing]), actual: 'missing', message: `required field "${missing}" is missing` };
    }
    case 'type':
      return { pointer: at, expected: describeSchemaType(parent), actual: shortValue(e.data), message: e.message ?? 'wrong type' };
    case 'const':
      return { pointer: at, expected: JSON.stringify((e.params as { allowedValue?: unknown }).allowedValue), actual: shortValue(e.data), message: 'must be exactly the documented value' };
    case 'enum': {
      const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues ?? [];
      return { pointer: at, expected: `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, actual: shortValue(e.data), message: 'value is not in the documented set' };
    }
    case 'format':
      return { pointer: at, expected: `${String((e.params as { format?: unknown }).format)} format`, actual: shortValue(e.data), message: e.message ?? 'bad format' };
    default:
      return { pointer: at, expected: `${e.keyword} ${JSON.stringify(e.schema)}`, actual: shortValue(e.data), message: e.message ?? e.keyword };
  }
}

function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.pointer}|${i.expected}|${i.message}|${i.rule}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
