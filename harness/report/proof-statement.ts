/** The in-toto Statement v1 a signed proof bundle carries: one subject per file with its sha256. */
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const INTOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
export const PROOF_PREDICATE_TYPE = 'urn:image-skill-conformance:proof:v1';

export interface StatementSubject {
  name: string;
  digest: { sha256: string };
}

export interface ProofStatement {
  _type: typeof STATEMENT_TYPE;
  subject: StatementSubject[];
  predicateType: typeof PROOF_PREDICATE_TYPE;
  predicate: { bundle_sha256: string; signed_at: string };
}

export function buildStatement(files: Record<string, string>, bundleSha256: string, signedAt: Date): ProofStatement {
  const subject = Object.keys(files)
    .sort()
    .map((name) => ({ name, digest: { sha256: files[name] } }));
  return { _type: STATEMENT_TYPE, subject, predicateType: PROOF_PREDICATE_TYPE, predicate: { bundle_sha256: bundleSha256, signed_at: signedAt.toISOString() } };
}

/** The statement when `value` is one of ours; otherwise the problems found. */
export function parseStatement(value: unknown, source: string): { statement: ProofStatement | null; problems: string[] } {
  const bad = (p: string) => ({ statement: null, problems: [`${source}: ${p}`] });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad('statement is not a JSON object');
  const s = value as Record<string, unknown>;
  if (s._type !== STATEMENT_TYPE) return bad(`_type is ${JSON.stringify(s._type)}, expected "${STATEMENT_TYPE}"`);
  if (s.predicateType !== PROOF_PREDICATE_TYPE) return bad(`predicateType is ${JSON.stringify(s.predicateType)}, expected "${PROOF_PREDICATE_TYPE}"`);
  if (!Array.isArray(s.subject) || s.subject.length === 0) return bad('subject must be a non-empty list');
  const problems: string[] = [];
  for (const [i, item] of s.subject.entries()) {
    const sub = item as { name?: unknown; digest?: { sha256?: unknown } } | null;
    if (typeof sub?.name !== 'string' || typeof sub.digest?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sub.digest.sha256)) {
      problems.push(`${source}: subject ${i} needs a name and a sha256 hex digest`);
    }
  }
  return problems.length > 0 ? { statement: null, problems } : { statement: value as ProofStatement, problems: [] };
}
