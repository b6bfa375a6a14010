/** Plain-JSON answers of the stub, verification and payment-verb admin routes. */
import type { FieldProblem } from '../stubs/validate.js';
import { isRecord, readRequestJson } from '../../json.js';

export function adminJson(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
}

export function adminError(status: number, code: string, message: string, problems?: FieldProblem[]): Response {
  return adminJson({ error: { code, message, ...(problems ? { problems } : {}) } }, status);
}

export type JsonRead = { ok: true; value: unknown } | { ok: false; response: Response };

/** The request's JSON body (harness/json.ts reads it); an empty body reads as `emptyAs`. */
export async function readJsonBody(request: Request, emptyAs: unknown = undefined): Promise<JsonRead> {
  const read = await readRequestJson(request);
  if (!read.ok) return { ok: false, response: adminError(400, 'INVALID_JSON', `the body is not JSON: ${read.problem}`) };
  return { ok: true, value: read.empty ? emptyAs : read.value };
}

export { isRecord };

/** Problems for a small fixed-shape body: unknown fields and missing/non-string required fields. */
export function plainBodyProblems(body: unknown, required: readonly string[], optional: readonly string[] = []): FieldProblem[] {
  if (!isRecord(body)) return [{ field: '(root)', message: 'must be a JSON object' }];
  const problems: FieldProblem[] = [];
  for (const key of Object.keys(body)) if (!required.includes(key) && !optional.includes(key)) problems.push({ field: key, message: `unknown field "${key}"` });
  for (const key of required) {
    if (typeof body[key] !== 'string' || body[key] === '') problems.push({ field: key, message: body[key] === undefined ? 'is required' : 'must be a non-empty string' });
  }
  return problems;
}
