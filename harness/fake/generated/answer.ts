/** A generated answer: which case (route+command) and the edits of its base answer. */
import fc from 'fast-check';
import type { Envelope } from './bases.js';
import type { GeneratedCase } from './cases.js';
import { editArbitrary, type Edit } from './edits.js';
import { nodesOf } from './paths.js';

export interface GeneratedAnswer {
  caseId: string;
  edits: Edit[];
}

export const MAX_EDITS = 3;

export interface CaseBase {
  case: GeneratedCase;
  base: Envelope;
}

/** True when `path` is one of `exclude` or lies under one. */
const excluded = (path: string, exclude: readonly string[]): boolean => exclude.some((p) => path === p || path.startsWith(`${p}.`));

/** A case (shrinking towards the first) and one to three edits of its base answer, leaving `exclude` alone. */
export function answerArbitrary(bases: readonly CaseBase[], exclude: readonly string[] = []): fc.Arbitrary<GeneratedAnswer> {
  if (bases.length === 0) throw new Error('generated answers: no case to sample');
  return fc.oneof(
    ...bases.map(({ case: c, base }) =>
      fc.record({ caseId: fc.constant(c.id), edits: fc.array(editArbitrary(nodesOf(base).filter((n) => !excluded(n.path, exclude))), { minLength: 1, maxLength: MAX_EDITS }) }),
    ),
  );
}
