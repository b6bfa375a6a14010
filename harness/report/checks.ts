/**
 * The checks a scenario reports (attachment `isc-checks`): each failed check cites the
 * contract rule it enforces; observations cite none and never fail. Unknown in, typed out.
 */
import { schemaCheck } from './ajv-text.js';

export const CHECKS_ATTACHMENT = 'isc-checks';

export interface RuleRef {
  id: string;
  document: string;
  section: string;
  quote: string;
}

/**
 * failed: a stated rule broken by the CLI; observed: shown, never failing (no sentence states it);
 * harness-gap: the fake or the harness failed to do what the documents say the service does
 * (a field the service answer lacked and the CLI relayed as it got it), never the CLI's failure.
 */
export type CheckOutcome = 'failed' | 'observed' | 'harness-gap';

export interface CheckRecord {
  outcome: CheckOutcome;
  rule: RuleRef | null;
  /** What the CLI did, in words. */
  message: string;
  command: string | null;
  invocation_id: string | null;
}

const str = { type: 'string' } as const;
export const ruleRefSchema = {
  type: 'object',
  required: ['id', 'document', 'section', 'quote'],
  properties: { id: { type: 'string', minLength: 1 }, document: str, section: str, quote: str },
} as const;

export const checkRecordSchema = {
  type: 'object',
  required: ['outcome', 'rule', 'message'],
  properties: {
    outcome: { enum: ['failed', 'observed', 'harness-gap'] },
    rule: { anyOf: [ruleRefSchema, { type: 'null' }] },
    message: str,
    command: { type: ['string', 'null'] },
    invocation_id: { type: ['string', 'null'] },
  },
} as const;

/** Rule ids a scenario's checks exercised, failing or not (optional: older attachments and reports lack it). */
export const rulesCheckedSchema = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

const checkAttachment = schemaCheck({
  type: 'object',
  required: ['checks'],
  properties: { checks: { type: 'array', items: checkRecordSchema }, rules_checked: rulesCheckedSchema },
});

/** Validate the body of an `isc-checks` attachment; throws naming the bad field. */
export function parseChecks(value: unknown, source = `attachment "${CHECKS_ATTACHMENT}"`): CheckRecord[] {
  const problems = checkAttachment(value);
  if (problems.length > 0) {
    throw new Error(`${source}: ${problems.join('; ')}`);
  }
  const { checks } = value as { checks: Array<Partial<CheckRecord> & Pick<CheckRecord, 'outcome' | 'rule' | 'message'>> };
  return checks.map((c) => ({
    outcome: c.outcome,
    rule: c.rule ? { id: c.rule.id, document: c.rule.document, section: c.rule.section, quote: c.rule.quote } : null,
    message: c.message,
    command: c.command ?? null,
    invocation_id: c.invocation_id ?? null,
  }));
}

/**
 * The `rules_checked` list of an `isc-checks` attachment (validated like parseChecks); null when
 * the attachment has none.
 */
export function parseRulesChecked(value: unknown, source = `attachment "${CHECKS_ATTACHMENT}"`): string[] | null {
  const problems = checkAttachment(value);
  if (problems.length > 0) throw new Error(`${source}: ${problems.join('; ')}`);
  const ids = (value as { rules_checked?: string[] }).rules_checked;
  return ids === undefined ? null : [...new Set(ids)].sort();
}

/** Checks whose fault is the fake's or the harness's (never counted against the CLI). */
export function harnessGaps(checks: CheckRecord[] | undefined): CheckRecord[] {
  return (checks ?? []).filter((c) => c.outcome === 'harness-gap');
}

/** Checks shown but never failing. */
export function observations(checks: CheckRecord[] | undefined): CheckRecord[] {
  return (checks ?? []).filter((c) => c.outcome === 'observed');
}

/** Failed checks that cite a rule: the only ones that count as contract failures. */
export function ruleFailures(checks: CheckRecord[] | undefined): Array<CheckRecord & { rule: RuleRef }> {
  return (checks ?? []).filter((c): c is CheckRecord & { rule: RuleRef } => c.outcome === 'failed' && c.rule !== null);
}
