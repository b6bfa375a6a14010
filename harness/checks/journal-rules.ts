/** Rules over the fake service's request journal, applied to each invocation. */
import type { JournalEntry } from '../fake/types.js';
import { commandFor } from '../rules/commands.js';

export interface JournalRuleViolation {
  rule: 'guide-mutating-request' | 'guide-other-write' | 'no-auth-command-sent-token';
  message: string;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes whose write would be a signup, job, upload, feedback or payment object (what guide mode must not create). */
const GUIDE_FORBIDDEN = [/^\/v1\/agent-signups/, /^\/v1\/create/, /^\/v1\/edit/, /^\/v1\/upload/, /^\/v1\/feedback/, /^\/v1\/credit-purchases/];

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

export function checkJournal(args: string[], entries: JournalEntry[]): JournalRuleViolation[] {
  const violations: JournalRuleViolation[] = [];
  if (isGuide(args)) {
    for (const e of mutatingRequests(entries)) {
      const forbidden = GUIDE_FORBIDDEN.some((re) => re.test(e.path));
      violations.push({
        rule: forbidden ? 'guide-mutating-request' : 'guide-other-write',
        message: `create --guide sent a ${forbidden ? 'mutating' : 'write'} request: ${e.method} ${e.path}`,
      });
    }
  }
  if (isNoAuthCommand(args)) {
    for (const e of entries.filter((x) => !x.telemetry && x.rawAuthorization)) {
      violations.push({ rule: 'no-auth-command-sent-token', message: `${commandFor(args)?.name ?? args.join(' ')} sent an Authorization header to ${e.method} ${e.path}` });
    }
  }
  return violations;
}
