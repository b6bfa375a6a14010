/**
 * One behaviour, worded differently by different releases: each wording is its own rule, and a
 * check runs under the wordings the documents in force state, so every release is judged by its
 * own sentence (the others are not held against it).
 */
import { expect } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import type { CheckedInvocation } from '../fixtures/test.js';
import type { StatedRules } from '../harness/rules/stated.js';
import { dataOf } from '../fixtures/scenario-helpers.js';

/** The rules of `ids` these documents state; the first of them when none is (its check is then only observed). */
export function inForce(stated: StatedRules, ids: readonly string[]): string[] {
  const found = ids.filter((id) => stated.ids.has(id));
  return found.length > 0 ? found : [ids[0]];
}

/** Run `body` under each rule of `ids` in force; the value of the last run (undefined when a check failed unstated). */
export async function ruleInForce<T>(contract: ContractChecks, stated: StatedRules, ids: readonly string[], body: (id: string) => T | Promise<T>): Promise<T | undefined> {
  let out: T | undefined;
  for (const id of inForce(stated, ids)) out = await contract.rule(id, () => body(id));
  return out;
}

/** Signup prints the raw token only under --show-token: as 0.1.24 on word it, and as 0.1.23 does (naming the isk_r_ prefix). */
export const SHOW_TOKEN_RULES = ['signup.token-only-with-show-token', 'signup.token-only-with-show-token.isk-r'] as const;

/**
 * The token a --show-token signup printed, checked under the wording in force: data.token is a
 * token the service issued (and an isk_r_ token where the documents say so).
 */
export async function shownToken(contract: ContractChecks, stated: StatedRules, inv: CheckedInvocation, issued: () => string[]): Promise<string | undefined> {
  return ruleInForce(contract, stated, SHOW_TOKEN_RULES, (id) => {
    const t = dataOf<{ token?: unknown }>(inv).token;
    expect(typeof t, 'data.token of a --show-token signup').toBe('string');
    expect(issued(), 'data.token is the token the service issued').toContain(t);
    if (id.endsWith('.isk-r')) expect(t).toMatch(/^isk_r_/);
    return t as string;
  });
}

/** No token printed without --show-token, under the wording in force. */
export async function noTokenShown(contract: ContractChecks, stated: StatedRules, inv: CheckedInvocation): Promise<void> {
  await ruleInForce(contract, stated, SHOW_TOKEN_RULES, () => {
    expect(dataOf<{ token?: unknown }>(inv).token ?? null, 'no --show-token: the token must not be printed').toBeNull();
  });
}

/** The guide's stages and its next_command, as 0.1.25 and as 0.1.40 on word them. */
export const GUIDE_RULES = {
  nextCommandRuns: ['guide.next-command-runs', 'guide.next-command-runs.copy-runnable'],
  promptRequired: ['guide.stage.prompt-required', 'guide.stage.prompt-required.fill-inputs'],
  authRequired: ['guide.stage.auth-required', 'guide.stage.auth-required.fill-inputs'],
  readyToCreate: ['guide.stage.ready-to-create', 'guide.stage.ready-to-create.live-create'],
} as const;
