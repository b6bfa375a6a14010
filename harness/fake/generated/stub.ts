/**
 * A generated answer as a stub of the admin API (docs/admin-api.md › Stubs): the route's
 * matcher, and either the patch of the fake's own answer (`afterHandler`, so the real handler
 * runs with its side effects and the ids stay those of the run's state) or, for a case built
 * from a documented example, the whole envelope as `jsonBody`. The stub is the answer: POST it
 * to `/__admin/stubs` of any fake and the route answers the same.
 */
import type { Stub } from '../stubs/schema.js';
import type { Envelope } from './bases.js';
import type { GeneratedCase } from './cases.js';
import { applyPatch, type AnswerPatch } from './patch.js';

export const GENERATED_STUB_ID = 'generated-answer';

export function stubFor(c: GeneratedCase, patch: AnswerPatch, base: Envelope): Stub {
  const request = { method: c.route.method, path: c.route.path };
  const name = `generated answer: ${c.id}`;
  if (c.example) return { id: GENERATED_STUB_ID, name, request, response: { status: 200, jsonBody: applyPatch(base, patch) } };
  const edit: NonNullable<NonNullable<Stub['response']>['patch']> = {};
  if (Object.keys(patch.set).length) edit.set = patch.set;
  if (patch.remove.length) edit.remove = patch.remove;
  return { id: GENERATED_STUB_ID, name, request, response: { afterHandler: true, patch: edit } };
}
