/**
 * What the model checks after every step, whatever the command: the fake's ledger against the
 * model (credits granted exactly once), a config file holding a token is 0600, no write the
 * command table does not list for that command, and a printed next_command names a known command
 * with documented flags. The fixture's runner has already checked the envelope, the exit code
 * (documented table) and token hygiene (harness/checks/secret-scan.ts) of every invocation.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { CheckedInvocation } from '../../fixtures/test.js';
import { isGuide, mutatingRequests } from '../checks/journal-rules.js';
import { commandFor } from '../rules/commands.js';
import type { Model } from './model.js';
import type { RealSystem } from './real.js';
import { printedCommandProblems } from './next-command.js';

/** Paid grants the fake recorded for the agent (its activity ledger). */
function fakeGrants(r: RealSystem): number {
  if (!r.agentId) return 0;
  return r.fake.state.activity(r.agentId).filter((e) => e.type === 'credits.payment_backed_granted').length;
}

/** The fake's ledger against the model: each completed purchase granted once, no other grant. */
export async function checkLedger(m: Model, r: RealSystem): Promise<void> {
  if (!r.agentId || m.credits === null) return;
  const grants = fakeGrants(r);
  const completed = m.attempts.filter((a) => a.completed).length;
  await r.contract.rule(completed > 0 ? 'credits.granted-once' : 'credits.granted-only-after-fulfillment', () =>
    expect(grants, `paid grants in the fake's ledger after ${completed} completed purchase(s)`).toBe(completed),
  );
  const remaining = r.fake.state.quotaFor(r.agentId).remaining_credits;
  if (remaining > m.credits) {
    await r.contract.rule(completed > 0 ? 'credits.granted-once' : 'credits.granted-only-after-fulfillment', () =>
      expect(remaining, 'credits in the fake against the model (free grant + purchases − debits the CLI printed)').toBe(m.credits),
    );
  } else {
    await r.contract.observe('the fake holds the credits the model expects (free grant + purchases − debits the CLI printed)', () => expect(remaining).toBe(m.credits));
  }
}

/** Files the invocation left holding a token the service issued (a saved config), with their modes. */
export async function filesHoldingToken(r: RealSystem, inv: CheckedInvocation): Promise<Array<{ path: string; mode: string | null }>> {
  const tokens = r.fake.issuedTokens().filter(Boolean);
  const found: Array<{ path: string; mode: string | null }> = [];
  for (const change of inv.fsChanges) {
    if (change.kind === 'removed' || change.size === null || change.size > 100_000) continue;
    const text = await readFile(join(r.sandbox.root, change.path), 'utf8').catch(() => '');
    if (tokens.some((t) => text.includes(t))) found.push({ path: change.path, mode: change.mode });
  }
  return found;
}

/** A file the invocation wrote that holds an issued token (a saved config) has mode 0600. */
export async function checkConfigMode(r: RealSystem, inv: CheckedInvocation): Promise<void> {
  for (const file of await filesHoldingToken(r, inv)) {
    await r.contract.rule('signup.default-saves-config', () => expect(file.mode, `mode of ${file.path}, which holds the token`).toBe('0600'));
  }
}

/**
 * Writes the command table does not list among this command's routes. `create --guide` is held
 * to guide.no-mutation by the runner's own journal check; for the others no sentence states that
 * a command writes nothing beyond its routes, so an extra write is shown, never failing.
 */
export async function checkWrites(r: RealSystem, inv: CheckedInvocation): Promise<void> {
  if (isGuide(inv.args)) return;
  const spec = commandFor(inv.args);
  const extra = mutatingRequests(inv.requests).filter((e) => !spec?.routes.some((rt) => rt.method === e.method.toUpperCase() && rt.path.test(e.path)));
  await r.contract.observe(`${spec?.name ?? inv.args.join(' ')} writes only to the routes the command table lists for it`, () =>
    expect(extra.map((e) => `${e.method} ${e.path}`)).toEqual([]),
  );
}

/**
 * data.next_command, when the output carries one: it must parse and name a command of the
 * command table (under the guide's "run data.next_command" rules; RunNextCommand then runs it).
 * Flags the package's documents never spell out are only shown: no sentence says every flag of
 * a printed command is documented, and a package's documents may be a summary.
 */
export async function checkNextCommand(r: RealSystem, inv: CheckedInvocation): Promise<string | null> {
  const data = (inv.json as { data?: { next_command?: unknown } } | undefined)?.data;
  const line = typeof data?.next_command === 'string' ? data.next_command : null;
  if (line === null) return null;
  const problems = printedCommandProblems(line, r.documentedFlags);
  const names = () => expect(problems.command, `next_command ${JSON.stringify(line)}`).toEqual([]);
  if (isGuide(inv.args)) for (const id of r.inForce(r.rules.nextCommandRuns)) await r.contract.rule(id, names);
  else await r.contract.observe('a printed next_command names a command of the command table', names);
  await r.contract.observe('a printed next_command uses only flags the documents spell out', () => expect(problems.flags, `next_command ${JSON.stringify(line)}`).toEqual([]));
  return line;
}

/** Every after-step check, in order. */
export async function afterStep(m: Model, r: RealSystem, inv: CheckedInvocation | null): Promise<void> {
  if (inv) {
    await checkConfigMode(r, inv);
    await checkWrites(r, inv);
    await checkNextCommand(r, inv);
  }
  await checkLedger(m, r);
}
