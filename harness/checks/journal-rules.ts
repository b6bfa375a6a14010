/**
 * Rules over the fake service's request journal, applied to each invocation.
 *
 * "Creates nothing" rules (the catalogue's `createsNothing`): the fake's journal says what each
 * request created (harness/fake/row-counts.ts); a request during such a command that created a
 * thing the rule's sentence names breaks the rule, whatever its route. A write request that
 * created nothing of those kinds is shown as an observation.
 */
import type { JournalEntry } from '../fake/types.js';
import { commandFor } from '../rules/commands.js';
import { RULES } from '../rules/index.js';
import type { Rule } from '../rules/types.js';

export interface JournalRuleViolation {
  /** Catalogue rule id, or null for an observation no sentence states. */
  rule: string | null;
  message: string;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The things the documents name, as the fake's entities (harness/fake/store.ts,
 * payments/store.ts; `credit_debit` counts the ledger's negative movements). A rule's `asserts`
 * picks the nouns of its own sentence, so a release that drops a noun from it drops the check.
 */
export const CREATED_KINDS: Readonly<Record<string, readonly string[]>> = {
  signup: ['agent', 'token'],
  identity: ['agent', 'token'],
  'provider job': ['job'],
  'dry-run': ['job', 'reservation'],
  job: ['job'],
  'payment object': ['quote', 'payment_attempt', 'receipt'],
  quote: ['quote'],
  'credit debit': ['credit_debit', 'reservation'],
  asset: ['asset'],
  upload: ['asset'],
  feedback: ['feedback'],
};

/** Requests that change state (telemetry and admin traffic excluded). */
export function mutatingRequests(entries: JournalEntry[]): JournalEntry[] {
  return entries.filter((e) => !e.telemetry && !e.admin && !READ_METHODS.has(e.method.toUpperCase()));
}

export function isGuide(args: string[]): boolean {
  return commandFor(args)?.name === 'create' && args.includes('--guide');
}

/** Commands the documents say need no auth (the command table's `auth: 'none'`). */
export function isNoAuthCommand(args: string[]): boolean {
  const command = commandFor(args);
  return command?.auth === 'none' && command.name !== 'signup';
}

/** Ids of the catalogue's "creates nothing" rules that hold for this command line. */
export function createsNothingRuleIds(args: string[], rules: readonly Rule[] = RULES): string[] {
  return createsNothingRules(args, rules).map((r) => r.id);
}

/** The catalogue's "creates nothing" rules that hold for this command line. */
function createsNothingRules(args: string[], rules: readonly Rule[]): Rule[] {
  const name = commandFor(args)?.name;
  return rules.filter((r) => r.createsNothing && r.createsNothing.command === name && (r.createsNothing.flag === undefined || args.includes(r.createsNothing.flag)));
}

/** The entity kinds a rule forbids creating, each with the noun of its sentence. */
export function forbiddenKinds(rule: Rule): Map<string, string> {
  const kinds = new Map<string, string>();
  for (const noun of rule.asserts) for (const kind of CREATED_KINDS[noun] ?? []) if (!kinds.has(kind)) kinds.set(kind, noun);
  return kinds;
}

function describeCreated(created: Record<string, number>): string {
  return Object.entries(created).map(([kind, n]) => `${n} ${kind}`).join(', ');
}

export function checkJournal(args: string[], entries: JournalEntry[], rules: readonly Rule[] = RULES): JournalRuleViolation[] {
  const violations: JournalRuleViolation[] = [];
  const command = commandFor(args)?.name ?? args.join(' ');
  for (const rule of createsNothingRules(args, rules)) {
    const forbidden = forbiddenKinds(rule);
    for (const e of entries.filter((x) => !x.telemetry && !x.admin)) {
      const hits = Object.keys(e.created ?? {}).filter((kind) => forbidden.has(kind));
      if (hits.length > 0) {
        const nouns = [...new Set(hits.map((k) => forbidden.get(k)))].join(', ');
        violations.push({ rule: rule.id, message: `${command} created on the service what the documents say it does not (${nouns}): ${e.method} ${e.path} created ${describeCreated(e.created)}` });
      } else if (!READ_METHODS.has(e.method.toUpperCase())) {
        const what = Object.keys(e.created ?? {}).length > 0 ? `created ${describeCreated(e.created)}` : 'created nothing';
        violations.push({ rule: null, message: `${command} sent a write request: ${e.method} ${e.path} (${what}; nothing the rule ${rule.id} names)` });
      }
    }
  }
  if (isNoAuthCommand(args)) {
    for (const e of entries.filter((x) => !x.telemetry && x.rawAuthorization)) {
      violations.push({ rule: null, message: `${command} sent an Authorization header to ${e.method} ${e.path}` });
    }
  }
  return violations;
}
