/**
 * Builds the JSON Schema of each shape from the rule catalogue: the documented example
 * (minimum shape) and the prose rules that contribute to the shape. Every schema node
 * carries `x-rule`, the id of the rule it enforces, so each validation issue names it.
 */
import { deriveSchema } from './contract-extract.js';
import type { JsonSchema } from './contract-extract.js';
import { shapeKeys, shapeRules } from '../rules/index.js';
import type { Rule } from '../rules/index.js';

export const RULE_KEYWORD = 'x-rule';

function isSchemaObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Tag every subschema (properties, items, if/then/else, allOf/anyOf/oneOf, not) with the rule id. */
export function tagRule(schema: JsonSchema, ruleId: string): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (out[RULE_KEYWORD] === undefined) out[RULE_KEYWORD] = ruleId;
  if (isSchemaObject(out.properties)) {
    out.properties = Object.fromEntries(Object.entries(out.properties).map(([k, v]) => [k, isSchemaObject(v) ? tagRule(v, ruleId) : v]));
  }
  for (const key of ['items', 'if', 'then', 'else', 'not', 'additionalProperties']) {
    if (isSchemaObject(out[key])) out[key] = tagRule(out[key] as JsonSchema, ruleId);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map((v) => (isSchemaObject(v) ? tagRule(v, ruleId) : v));
  }
  return out;
}

/** Make the field a pointer names optional: not required, and null accepted (`*` matches any array item or any key). */
function makeOptional(schema: JsonSchema, pointer: string): void {
  const segments = pointer.split('/').slice(1);
  const last = segments.pop();
  let nodes: JsonSchema[] = [schema];
  for (const seg of segments) {
    nodes = nodes.flatMap((n) => {
      if (seg === '*' && isSchemaObject(n.items)) return [n.items];
      const props = isSchemaObject(n.properties) ? n.properties : {};
      if (seg === '*') return Object.values(props).filter(isSchemaObject);
      return isSchemaObject(props[seg]) ? [props[seg] as JsonSchema] : [];
    });
  }
  for (const n of nodes) {
    if (Array.isArray(n.required)) n.required = last === '*' ? [] : (n.required as string[]).filter((k) => k !== last);
    const props = isSchemaObject(n.properties) ? n.properties : {};
    for (const [name, field] of Object.entries(props)) {
      if ((last === '*' || name === last) && isSchemaObject(field) && field.type !== undefined) {
        const types = Array.isArray(field.type) ? (field.type as string[]) : [field.type as string];
        field.type = [...new Set([...types, 'null'])];
      }
    }
  }
}

function fragment(rule: Rule, example: unknown): JsonSchema | null {
  const shape = rule.shape;
  if (!shape) return null;
  const parts: JsonSchema[] = [];
  if (shape.fromExample) {
    if (example === undefined) return shape.schema ? tagRule(shape.schema, rule.id) : null;
    const derived = deriveSchema(example);
    for (const p of shape.optional ?? []) makeOptional(derived, p);
    parts.push(derived);
  }
  if (shape.schema) parts.push(shape.schema);
  if (parts.length === 0) return null;
  return tagRule(parts.length === 1 ? parts[0] : { allOf: parts }, rule.id);
}

/**
 * Schemas for every shape the catalogue knows, from one version's examples (shape key →
 * example). A shape whose only rule is an example the documents lack is left out.
 */
export function buildShapeSchemas(version: string, examples: Record<string, unknown>): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const key of shapeKeys()) {
    const parts = shapeRules(key)
      .map((r) => fragment(r, examples[key]))
      .filter((p): p is JsonSchema => p !== null);
    if (parts.length === 0) continue;
    out[key] = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `urn:image-skill-conformance:${version}:${key}`,
      title: `${key} (rules: ${shapeRules(key).map((r) => r.id).join(', ')})`,
      allOf: parts,
    };
  }
  return out;
}

/**
 * One plain schema equivalent to the unconditional parts of a built schema: `allOf` parts
 * merged (properties merged, required united); if/then parts left out. For diffs and views.
 */
export function mergedView(schema: JsonSchema): JsonSchema {
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as unknown[]).filter(isSchemaObject).map(mergedView) : [];
  const own: JsonSchema = { ...schema };
  delete own.allOf;
  delete own.if;
  delete own.then;
  delete own.else;
  return [...parts, own].reduce(mergeTwo, {});
}

function mergeTwo(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a, ...b };
  const pa = isSchemaObject(a.properties) ? a.properties : {};
  const pb = isSchemaObject(b.properties) ? b.properties : {};
  if (Object.keys(pa).length || Object.keys(pb).length) {
    const props: Record<string, JsonSchema> = {};
    for (const k of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
      const va = isSchemaObject(pa[k]) ? mergedView(pa[k] as JsonSchema) : undefined;
      const vb = isSchemaObject(pb[k]) ? mergedView(pb[k] as JsonSchema) : undefined;
      props[k] = va && vb ? mergeTwo(va, vb) : (va ?? vb ?? {});
    }
    out.properties = props;
  }
  if (isSchemaObject(a.items) && isSchemaObject(b.items)) out.items = mergeTwo(mergedView(a.items), mergedView(b.items));
  else if (isSchemaObject(out.items)) out.items = mergedView(out.items as JsonSchema);
  const req = [...new Set([...(Array.isArray(a.required) ? (a.required as string[]) : []), ...(Array.isArray(b.required) ? (b.required as string[]) : [])])];
  if (req.length) out.required = req;
  if (a.type !== undefined && b.type === undefined) out.type = a.type;
  return out;
}
