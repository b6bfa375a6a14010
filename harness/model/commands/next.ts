/**
 * Run the data.next_command the guide printed, as printed (the fixture maps the package-runner
 * prefix and fills placeholders), then learn from it what the same command typed by hand
 * would have taught the agent: a signup, a quote, a create, or the guide again.
 */
import type { CheckedInvocation } from '../../../fixtures/test.js';
import { printedFlagValue } from '../../../fixtures/scenario-helpers.js';
import { commandFor } from '../../rules/commands.js';
import { isGuide } from '../../checks/journal-rules.js';
import type { Model } from '../model.js';
import { idOf, runPrinted } from '../real.js';
import type { RealSystem } from '../real.js';
import type { Capture } from '../script.js';
import { AgentCommand, succeeded } from './base.js';
import { learnCreate, learnGuide, learnQuote, learnSignup } from './learn.js';
import { MAX_LIVE_CREATES } from './media.js';

export class RunNextCommand extends AgentCommand {
  readonly label = 'run the printed next_command';
  check(m: Readonly<Model>): boolean {
    // A printed live create counts against the same cap as the creates the agent types.
    return m.guide !== null && !m.guide.ran && (m.guide.stage !== 'ready_to_create' || m.jobs.length < MAX_LIVE_CREATES);
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const guide = m.guide;
    if (!guide) throw new Error('model: no next_command to run (precondition)');
    guide.ran = true;
    const printed = idOf(r, guide.name);
    const line = { kind: 'eval' as const, ref: guide.name };
    const inv = await runPrinted(r, line);
    await succeeded(r, r.inForce(r.rules.nextCommandRuns), inv);
    Object.assign(line, { captures: await learnFromPrinted(m, r, inv, printed) });
    return inv;
  }
}

async function learnFromPrinted(m: Model, r: RealSystem, inv: CheckedInvocation, printed: string): Promise<Capture[]> {
  const name = commandFor(inv.args)?.name;
  if (name === 'signup' && !m.signedIn) {
    await learnSignup(m, r, inv, inv.args.includes('--show-token'));
    return [];
  }
  if (name === 'credits quote') return learnQuote(m, r, inv, printedFlagValue(printed, '--idempotency-key') ?? '');
  if (name === 'create' && isGuide(inv.args)) return learnGuide(m, r, inv);
  if (name === 'create' && !inv.args.includes('--dry-run')) return learnCreate(m, r, inv);
  return [];
}
