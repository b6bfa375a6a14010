/**
 * What the agent learns from a command's output, shared by the commands it types and the
 * printed next_command it runs: the model's new entities (with their real ids) and checks on them.
 */
import { expect } from '@playwright/test';
import type { CheckedInvocation } from '../../../fixtures/test.js';
import { filesHoldingToken } from '../checks.js';
import { freshName } from '../model.js';
import type { Model } from '../model.js';
import type { RealSystem } from '../real.js';
import type { Capture } from '../script.js';
import { numberAt, okData, stringAt } from './base.js';

/** After a successful signup: where the token went (printed → IMAGE_SKILL_TOKEN, else saved), and the free grant. */
export async function learnSignup(m: Model, r: RealSystem, inv: CheckedInvocation, showToken: boolean): Promise<void> {
  const issued = r.fake.issuedTokens().at(-1) ?? null;
  const printed = stringAt(okData(inv), 'token');
  const saved = await filesHoldingToken(r, inv);
  if (showToken) {
    for (const id of r.inForce(r.rules.showToken)) {
      await r.contract.rule(id, () => {
        expect(printed, 'data.token of a --show-token signup is the token the service issued').toBe(issued);
        if (id.endsWith('.isk-r')) expect(printed).toMatch(/^isk_r_/);
      });
    }
    await r.contract.rule('signup.show-token-no-save', () => expect(saved, 'files holding the token after --show-token --no-save').toEqual([]));
  } else {
    for (const id of r.inForce(r.rules.showToken)) await r.contract.rule(id, () => expect(printed, 'no --show-token: no data.token').toBeNull());
    await r.contract.rule('signup.default-saves-config', () => expect(saved.length, 'config files holding the token the service issued').toBeGreaterThan(0));
  }
  r.token = issued;
  r.tokenInEnv = printed !== null && saved.length === 0;
  r.agentId = r.fake.state.agents().at(-1)?.agent_id ?? null;
  m.signedIn = true;
  m.tokenHome = r.tokenInEnv ? 'env' : 'config';
  m.configSaved = saved.length > 0;
  m.credits = r.agentId ? r.fake.state.quotaFor(r.agentId).remaining_credits : null;
}

/** A quote the output names: the model keeps it under a fresh symbolic name. */
export function learnQuote(m: Model, r: RealSystem, inv: CheckedInvocation, key: string): Capture[] {
  const data = okData(inv);
  const id = stringAt(data, 'quote_id');
  if (id === null) return [];
  const name = freshName(m, 'QUOTE');
  r.ids.set(name, id);
  m.quotes.push({ name, key, credits: numberAt(data, 'credits') ?? 0, attempt: null });
  return [{ name, path: '.data.quote_id' }];
}

/**
 * A live create's job and first asset, and its debit: the consumed credits it printed, else
 * (no such field) the reservation the fake made for it.
 */
export function learnCreate(m: Model, r: RealSystem, inv: CheckedInvocation): Capture[] {
  const data = okData(inv);
  const jobId = stringAt(data, 'job_id');
  if (jobId === null) return [];
  const job = freshName(m, 'JOB');
  r.ids.set(job, jobId);
  m.jobs.push(job);
  const captures: Capture[] = [{ name: job, path: '.data.job_id' }];
  const assetId = stringAt(data, 'assets.0.asset_id');
  if (assetId !== null) {
    const asset = freshName(m, 'ASSET');
    r.ids.set(asset, assetId);
    m.assets.push(asset);
    captures.push({ name: asset, path: '.data.assets[0].asset_id' });
  }
  const reserved = r.fake.state.reservations().filter((x) => x.agent_id === r.agentId).at(-1)?.credits ?? 0;
  const debit = numberAt(data, 'quota.consumed_credits') ?? reserved;
  if (m.credits !== null && data?.idempotent_replay !== true) m.credits -= debit;
  return captures;
}

/** The guide's stage and printed next_command, kept as NEXT_n. */
export function learnGuide(m: Model, r: RealSystem, inv: CheckedInvocation): Capture[] {
  const data = okData(inv);
  const line = stringAt(data, 'next_command');
  if (line === null) return [];
  const name = freshName(m, 'NEXT');
  r.ids.set(name, line);
  m.guide = { name, stage: stringAt(data, 'stage') ?? '', ran: false };
  return [{ name, path: '.data.next_command' }];
}
