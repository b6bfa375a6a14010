/** What every model command shares: its precondition, one step, then the after-step checks. */
import type { AsyncCommand } from 'fast-check';
import { expect } from '@playwright/test';
import type { CheckedInvocation } from '../../../fixtures/test.js';
import { afterStep } from '../checks.js';
import type { Model } from '../model.js';
import type { RealSystem } from '../real.js';

export abstract class AgentCommand implements AsyncCommand<Model, RealSystem, false> {
  /** How fast-check prints the command (the shell script is printed from the run instead). */
  abstract readonly label: string;
  abstract check(m: Readonly<Model>): boolean;
  /** Run the command, check what is particular to it, update the model; null: no CLI invocation. */
  protected abstract step(m: Model, r: RealSystem): Promise<CheckedInvocation | null>;

  async run(m: Model, r: RealSystem): Promise<void> {
    const inv = await this.step(m, r);
    await afterStep(m, r, inv);
  }

  toString(): string {
    return this.label;
  }
}

/** The `data` of a JSON envelope, or null when the output is not a successful one. */
export function okData(inv: CheckedInvocation): Record<string, unknown> | null {
  const env = inv.json as { ok?: unknown; data?: unknown } | null | undefined;
  return env?.ok === true && typeof env.data === 'object' && env.data !== null ? (env.data as Record<string, unknown>) : null;
}

/** A string at a dot path of `data` (null when absent). */
export function stringAt(data: Record<string, unknown> | null, path: string): string | null {
  let cur: unknown = data;
  for (const key of path.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[/^\d+$/.test(key) ? Number(key) : key] : undefined;
  return typeof cur === 'string' ? cur : null;
}

export function numberAt(data: Record<string, unknown> | null, path: string): number | null {
  let cur: unknown = data;
  for (const key of path.split('.')) cur = typeof cur === 'object' && cur !== null ? (cur as Record<string, unknown>)[key] : undefined;
  return typeof cur === 'number' ? cur : null;
}

/** Exit code and ok:true under each rule given (rules in force already resolved). */
export async function succeeded(r: RealSystem, rules: readonly string[], inv: CheckedInvocation): Promise<Record<string, unknown> | null> {
  for (const id of rules) {
    await r.contract.rule(id, () => {
      expect(inv.exitCode, `exit code of ${inv.args.join(' ')}`).toBe(0);
      expect(okData(inv), 'a successful envelope with data').not.toBeNull();
    });
  }
  return okData(inv);
}

/** A command needing auth, run with no token anywhere: exit 3 with an error envelope. */
export async function refusedWithoutAuth(r: RealSystem, inv: CheckedInvocation): Promise<void> {
  await r.contract.rule('exit.code-3-auth', () => {
    expect(inv.exitCode, `exit code of ${inv.args.join(' ')} without a token`).toBe(3);
    expect((inv.json as { ok?: unknown } | undefined)?.ok).toBe(false);
  });
}

/** The auth rule a signed-in agent's command rests on: the saved config, or IMAGE_SKILL_TOKEN. */
export function authRule(m: Readonly<Model>): string {
  return m.tokenHome === 'env' ? 'auth.env-token' : 'auth.saved-config';
}
