/**
 * What the documents say the service does, where the fake's answer depends on it: the fake
 * follows a rule exactly when the documents in force state it. No check of the CLI rests on
 * these (they are observations), so they never fail a build.
 */
import type { Rule } from '../types.js';

export const SERVICE_RULES: Rule[] = [
  {
    id: 'service.signup-contact-optional',
    document: 'cli.md',
    section: 'image-skill signup --agent',
    quote: 'Signup is anonymous by default',
    summary: 'the service accepts a signup without agent_contact (an anonymous signup); the fake demands a contact only where this is not stated',
    observation: true,
    // The fake reads it; no check of the CLI asserts a literal of it.
    asserts: [],
  },
  {
    id: 'service.credits-status-balance-without-reference',
    document: 'cli.md',
    section: 'image-skill credits status',
    quote: 'Passing no reference returns the balance/quota state',
    summary: 'GET /v1/credit-purchases/status without any reference answers the quota data; the fake refuses it (exit 2) only where this is not stated',
    observation: true,
    asserts: [],
  },
];
