/** Identity: signup (saved config or --show-token --no-save), whoami, usage quota and its alias. */
import { expect } from '@playwright/test';
import type { CheckedInvocation } from '../../../fixtures/test.js';
import type { Model } from '../model.js';
import { runCli } from '../real.js';
import type { RealSystem } from '../real.js';
import { AgentCommand, authRule, numberAt, okData, refusedWithoutAuth, succeeded } from './base.js';
import { learnSignup } from './learn.js';

export type SignupMode = 'saved' | 'shown';

export class SignupCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly mode: SignupMode) {
    super();
    this.label = `signup(${mode})`;
  }
  /** A saving signup only where the documents say signup saves by default. */
  check(m: Readonly<Model>): boolean {
    return !m.signedIn && (this.mode === 'shown' || m.savedSignupDocumented);
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const p = r.cli.placeholders;
    const args = ['signup', '--agent', '--agent-contact', p.AGENT_OR_OPERATOR_INBOX, '--agent-name', p.AGENT_NAME, '--runtime', p.RUNTIME_NAME];
    const shown = this.mode === 'shown';
    const inv = await runCli(r, { kind: 'cli', args: [...args, ...(shown ? ['--show-token', '--no-save'] : []), '--json'], exportToken: shown });
    await r.contract.rule('signup.example-invalid-contact', () => expect(inv.exitCode, 'signup with an example.invalid contact').toBe(0));
    if (okData(inv)) await learnSignup(m, r, inv, shown);
    return inv;
  }
}

export class WhoamiCommand extends AgentCommand {
  readonly label = 'whoami';
  check(): boolean {
    return true;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const inv = await runCli(r, { kind: 'cli', args: ['whoami', '--json'] });
    if (!m.signedIn) {
      await refusedWithoutAuth(r, inv);
      return inv;
    }
    await succeeded(r, [authRule(m)], inv);
    await r.contract.rule(authRule(m), () =>
      expect(inv.requests.some((q) => q.rawAuthorization === `Bearer ${r.token}`), 'whoami sends the agent\'s token').toBe(true),
    );
    return inv;
  }
}

export class QuotaCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly alias: boolean) {
    super();
    this.label = alias ? 'quota' : 'usage quota';
  }
  check(): boolean {
    return true;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const inv = await runCli(r, { kind: 'cli', args: [...(this.alias ? ['quota'] : ['usage', 'quota']), '--json'] });
    if (!m.signedIn) {
      await refusedWithoutAuth(r, inv);
      return inv;
    }
    const data = await succeeded(r, this.alias ? [authRule(m), 'quota.alias'] : [authRule(m)], inv);
    await r.contract.rule('usage.quota-relayed', () =>
      expect(numberAt(data, 'limits.remaining_credits'), 'limits.remaining_credits against the model (free grant + purchases − debits)').toBe(m.credits),
    );
    return inv;
  }
}
