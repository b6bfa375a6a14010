/** Media: create (live or dry run), the guide, jobs show/wait, assets show/get, activity list, models list. */
import { expect } from '@playwright/test';
import type { CheckedInvocation } from '../../../fixtures/test.js';
import { PROOF_PROMPT } from '../../../fixtures/placeholders.js';
import { pick } from '../model.js';
import type { Model } from '../model.js';
import { idOf, runCli } from '../real.js';
import type { RealSystem } from '../real.js';
import { AgentCommand, numberAt, refusedWithoutAuth, stringAt, succeeded } from './base.js';
import { learnCreate, learnGuide } from './learn.js';

/** Live creates per sequence: below the fake's free-preview daily job cap (harness/fake/ledger.ts), which no document states. */
export const MAX_LIVE_CREATES = 3;

/** Whether the fake refused the create for want of credits (then a failing exit is the service's answer, relayed). */
function serviceRefused(inv: CheckedInvocation): boolean {
  return inv.requests.some((q) => q.method === 'POST' && q.path === '/v1/create' && q.status >= 400);
}

export class CreateCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly dryRun: boolean) {
    super();
    this.label = dryRun ? 'create --dry-run' : 'create';
  }
  check(m: Readonly<Model>): boolean {
    return m.signedIn && (this.dryRun || m.jobs.length < MAX_LIVE_CREATES);
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const key = `create-${r.runTag}-${m.jobs.length + 1}${this.dryRun ? '-dry' : ''}`;
    const line = { kind: 'cli' as const, args: ['create', ...(this.dryRun ? ['--dry-run'] : []), '--prompt', PROOF_PROMPT, '--idempotency-key', key, '--json'] };
    const inv = await runCli(r, line);
    if (this.dryRun) {
      const data = await succeeded(r, ['media.dry-run.no-debit'], inv);
      await r.contract.rule('media.dry-run.no-debit', () => expect(numberAt(data, 'quota.consumed_credits')).toBe(0));
      return inv;
    }
    if (serviceRefused(inv)) return inv;
    await succeeded(r, ['media.create.succeeds'], inv);
    Object.assign(line, { captures: learnCreate(m, r, inv) });
    return inv;
  }
}

/** `create --guide`, with or without a prompt: the stage follows from the model, the next_command is kept. */
export class GuideCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly withPrompt: boolean) {
    super();
    this.label = withPrompt ? 'create --guide --prompt' : 'create --guide';
  }
  check(): boolean {
    return true;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const line = { kind: 'cli' as const, args: ['create', '--guide', ...(this.withPrompt ? ['--prompt', PROOF_PROMPT] : []), '--json'] };
    const inv = await runCli(r, line);
    const data = await succeeded(r, ['shape.create-guide'], inv);
    const stage = stringAt(data, 'stage');
    if (!this.withPrompt) for (const id of r.inForce(r.rules.promptRequired)) await r.contract.rule(id, () => expect(stage).toBe('prompt_required'));
    else if (!m.signedIn) for (const id of r.inForce(r.rules.authRequired)) await r.contract.rule(id, () => expect(stage).toBe('auth_required'));
    else {
      // Whether the credits left cover the guide's model is the service's answer; either stage is a signed-in one.
      for (const id of r.inForce(r.rules.readyToCreate)) await r.contract.rule(id, () => expect(['ready_to_create', 'quota_required']).toContain(stage));
    }
    Object.assign(line, { captures: learnGuide(m, r, inv) });
    return inv;
  }
}

/** jobs show / jobs wait of a job the agent made. */
export class JobCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly verb: 'show' | 'wait', readonly index: number) {
    super();
    this.label = `jobs ${verb} (job #${index})`;
  }
  check(m: Readonly<Model>): boolean {
    return m.jobs.length > 0;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const job = pick(m.jobs, this.index) as string;
    const wait = this.verb === 'wait' ? ['--timeout-ms', '5000', '--poll-interval-ms', '100'] : [];
    const inv = await runCli(r, { kind: 'cli', args: ['jobs', this.verb, { ref: job }, ...wait, '--json'] });
    const data = await succeeded(r, [this.verb === 'show' ? 'media.jobs.show' : 'media.jobs.wait-completed'], inv);
    if (this.verb === 'show') await r.contract.rule('media.jobs.show', () => expect(JSON.stringify(data)).toContain(idOf(r, job)));
    return inv;
  }
}

/** assets show / assets get (to a new file in the working folder) of an asset the agent made. */
export class AssetCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly verb: 'show' | 'get', readonly index: number) {
    super();
    this.label = `assets ${verb} (asset #${index})`;
  }
  check(m: Readonly<Model>): boolean {
    return m.assets.length > 0;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const asset = pick(m.assets, this.index) as string;
    const out = this.verb === 'get' ? ['--output', `${asset.toLowerCase()}-${r.steps + 1}.png`] : [];
    const inv = await runCli(r, { kind: 'cli', args: ['assets', this.verb, { ref: asset }, ...out, '--json'] });
    const data = await succeeded(r, [this.verb === 'show' ? 'media.assets.show' : 'media.assets.get'], inv);
    if (this.verb === 'show') await r.contract.rule('media.assets.show', () => expect(JSON.stringify(data)).toContain(idOf(r, asset)));
    return inv;
  }
}

/** activity list: every completed purchase shows exactly one payment-backed grant. */
export class ActivityCommand extends AgentCommand {
  readonly label = 'activity list';
  check(): boolean {
    return true;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const inv = await runCli(r, { kind: 'cli', args: ['activity', 'list', '--limit', '100', '--json'] });
    if (!m.signedIn) {
      await refusedWithoutAuth(r, inv);
      return inv;
    }
    const data = await succeeded(r, ['media.activity.list'], inv);
    const events = Array.isArray(data?.events) ? (data.events as Array<{ type?: unknown }>) : [];
    await r.contract.rule('credits.granted-once', () =>
      expect(events.filter((e) => e.type === 'credits.payment_backed_granted').length, 'payment-backed grants in activity list').toBe(m.grants),
    );
    return inv;
  }
}

export class ModelsCommand extends AgentCommand {
  readonly label = 'models list';
  check(): boolean {
    return true;
  }
  protected async step(_m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const inv = await runCli(r, { kind: 'cli', args: ['models', 'list', '--json'] });
    await succeeded(r, r.inForce(r.rules.modelsPublic), inv);
    return inv;
  }
}

