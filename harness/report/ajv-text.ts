/** ajv for the report's own files: one-line error texts, and checks compiled on first use. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** One-line text for an ajv error, naming the JSON pointer of the bad field. */
export function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath || '/';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${where} is missing required property "${String(params.missingProperty)}"`;
  if (e.keyword === 'enum') return `${where} ${e.message} (${(params.allowedValues as unknown[]).join(', ')})`;
  if (e.keyword === 'const') return `${where} must be ${JSON.stringify(params.allowedValue)}`;
  if (e.keyword === 'additionalProperties') return `${where} has unknown property "${String(params.additionalProperty)}"`;
  return `${where} ${e.message ?? e.keyword}`;
}

/**
 * A JSON Schema check compiled on first use (most processes that import a schema never use
 * it): the value's problems, one line each, empty when it is valid.
 */
export function schemaCheck(schema: object): (value: unknown) => string[] {
  let validate: ValidateFunction | null = null;
  return (value) => {
    validate ??= new Ajv({ allErrors: true }).compile(schema);
    return validate(value) ? [] : [...new Set((validate.errors ?? []).map(describeAjvError))];
  };
}
