/** One-line text for an ajv error, naming the JSON pointer of the bad field. */
import type { ErrorObject } from 'ajv';

export function describeAjvError(e: ErrorObject): string {
  const where = e.instancePath || '/';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${where} is missing required property "${String(params.missingProperty)}"`;
  if (e.keyword === 'enum') return `${where} ${e.message} (${(params.allowedValues as unknown[]).join(', ')})`;
  if (e.keyword === 'const') return `${where} must be ${JSON.stringify(params.allowedValue)}`;
  if (e.keyword === 'additionalProperties') return `${where} has unknown property "${String(params.additionalProperty)}"`;
  return `${where} ${e.message ?? e.keyword}`;
}
