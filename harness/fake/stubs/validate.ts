/** Validation of stubs and request matchers (ajv), with problems that name the offending field. */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { describeAjvError } from '../../report/ajv-text.js';
import { ADMIN_PREFIX } from '../overrides.js';
import { STUB_SCHEMAS, type RequestMatcher, type Stub } from './schema.js';

export interface FieldProblem {
  /** Dot path of the field (`response.status`, `request.query.limit`); `(root)` for the whole value. */
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

// Compiled on the first stub or matcher (most fakes never get one), then kept.
let ajv: Ajv | null = null;
function shapeValidator(name: 'Stub' | 'RequestMatcher'): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    for (const schema of STUB_SCHEMAS) ajv.addSchema(schema);
  }
  const validate = ajv.getSchema(name);
  if (!validate) throw new Error(`stub schema ${name} failed to register`);
  return validate;
}

function fieldOf(pointer: string, base: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const joined = [base, ...parts].filter((p) => p.length > 0).join('.');
  return joined.length > 0 ? joined : '(root)';
}

function problemsFrom(errors: ErrorObject[], base: string): FieldProblem[] {
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const params = e.params as Record<string, unknown>;
    if (e.keyword !== 'anyOf' && anyOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`))) continue;
    if (e.keyword === 'additionalProperties') {
      const name = String(params.additionalProperty);
      out.push({ field: fieldOf(`${e.instancePath}/${name}`, base), message: `unknown field "${name}"` });
    } else if (e.keyword === 'anyOf') {
      out.push({ field: fieldOf(e.instancePath, base), message: 'must be a string or an object with exactly one of equalTo, contains, matches, absent' });
    } else if (e.keyword === 'required') {
      out.push({ field: fieldOf(`${e.instancePath}/${String(params.missingProperty)}`, base), message: 'is required' });
    } else if (e.keyword === 'propertyNames') {
      out.push({ field: fieldOf(e.instancePath, base), message: `has a key that is not a JSON pointer (${String(params.propertyName)})` });
    } else {
      // describeAjvError starts with the pointer; keep only the message part after it.
      const text = describeAjvError(e);
      const where = e.instancePath || '/';
      out.push({ field: fieldOf(e.instancePath, base), message: text.startsWith(where) ? text.slice(where.length).trim() : text });
    }
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function regexProblem(source: string, field: string): FieldProblem | null {
  try {
    new RegExp(source);
    return null;
  } catch (err) {
    return { field, message: `is not a valid regular expression (${(err as Error).message})` };
  }
}

function matcherProblems(m: RequestMatcher, base: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const at = (f: string): string => (base ? `${base}.${f}` : f);
  if (m.path !== undefined && (m.path.startsWith(ADMIN_PREFIX) || m.path === '/__admin')) {
    problems.push({ field: at('path'), message: 'paths under /__admin/ cannot be stubbed' });
  }
  if (m.path !== undefined && m.pathPattern !== undefined) problems.push({ field: at('pathPattern'), message: 'give path or pathPattern, not both' });
  if (m.pathPattern !== undefined) {
    const p = regexProblem(m.pathPattern, at('pathPattern'));
    if (p) problems.push(p);
  }
  for (const kind of ['query', 'headers'] as const) {
    for (const [name, v] of Object.entries(m[kind] ?? {})) {
      if (typeof v === 'object' && 'matches' in v) {
        const p = regexProblem(v.matches, at(`${kind}.${name}.matches`));
        if (p) problems.push(p);
      }
    }
  }
  return problems;
}

function stubProblems(s: Stub): FieldProblem[] {
  const problems = matcherProblems(s.request, 'request');
  const r = s.response ?? {};
  if (r.jsonBody !== undefined && r.body !== undefined) problems.push({ field: 'response.body', message: 'give jsonBody or body, not both' });
  if (r.truncateBytes !== undefined && r.fault !== 'truncate') problems.push({ field: 'response.truncateBytes', message: 'only applies with fault "truncate"' });
  if (s.scenario && s.scenario.requiredState === undefined && s.scenario.newState === undefined) {
    problems.push({ field: 'scenario', message: 'needs requiredState, newState or both' });
  }
  return problems;
}

export function parseStub(input: unknown): Parsed<Stub> {
  const validateStubShape = shapeValidator('Stub');
  if (!validateStubShape(input)) return { ok: false, problems: problemsFrom(validateStubShape.errors ?? [], '') };
  const stub = input as Stub;
  const problems = stubProblems(stub);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: structuredClone(stub) };
}

export function parseRequestMatcher(input: unknown): Parsed<RequestMatcher> {
  const validateMatcherShape = shapeValidator('RequestMatcher');
  if (!validateMatcherShape(input)) return { ok: false, problems: problemsFrom(validateMatcherShape.errors ?? [], '') };
  const matcher = input as RequestMatcher;
  const problems = matcherProblems(matcher, '');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: structuredClone(matcher) };
}

export function describeProblems(problems: FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
}

/** Thrown by the in-process API for an invalid stub. */
export class StubError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`invalid stub: ${describeProblems(problems)}`);
  }
}
