/** The command generators: every command of an agent loop, weighted toward the ones that move state. */
import fc from 'fast-check';
import type { Arbitrary, AsyncCommand } from 'fast-check';
import type { Model } from './model.js';
import type { RealSystem } from './real.js';
import type { AgentCommand } from './commands/base.js';
import { BuyCommand, DiscoveryCommand, PayCommand, QuoteCommand, StatusCommand } from './commands/credits.js';
import { QuotaCommand, SignupCommand, WhoamiCommand } from './commands/identity.js';
import { ActivityCommand, AssetCommand, CreateCommand, GuideCommand, JobCommand, ModelsCommand } from './commands/media.js';
import { RunNextCommand } from './commands/next.js';

const slot = fc.nat({ max: 3 });

/**
 * fast-check picks among these uniformly: the commands that move an agent forward (signup, quote,
 * buy, pay, create, the printed next_command) and those that read what they made (status, jobs,
 * assets) are listed three times, so eight sequences reach purchases and jobs.
 */
export function agentCommandArbitraries(): Array<Arbitrary<AgentCommand>> {
  const forward = [
    fc.constantFrom<'saved' | 'shown'>('saved', 'shown').map((mode) => new SignupCommand(mode)),
    fc.option(slot, { nil: null }).map((retry) => new QuoteCommand(retry)),
    slot.map((i) => new BuyCommand(i)),
    fc.tuple(slot, fc.boolean()).map(([i, again]) => new PayCommand(i, again)),
    fc.boolean().map((dry) => new CreateCommand(dry)),
    fc.constant(new RunNextCommand()),
    slot.map((i) => new StatusCommand(i)),
    fc.tuple(fc.constantFrom<'show' | 'wait'>('show', 'wait'), slot).map(([verb, i]) => new JobCommand(verb, i)),
    fc.tuple(fc.constantFrom<'show' | 'get'>('show', 'get'), slot).map(([verb, i]) => new AssetCommand(verb, i)),
  ];
  return [
    ...forward,
    ...forward,
    ...forward,
    fc.constant(new WhoamiCommand()),
    fc.boolean().map((alias) => new QuotaCommand(alias)),
    fc.constantFrom<'methods' | 'packs'>('methods', 'packs').map((what) => new DiscoveryCommand(what)),
    fc.boolean().map((prompt) => new GuideCommand(prompt)),
    fc.constant(new ActivityCommand()),
    fc.constant(new ModelsCommand()),
  ];
}

export interface SequenceSettings {
  maxCommands: number;
  /** fast-check's replayPath of a commands value, to replay one exactly. */
  replayPath?: string;
}

/** A sequence of agent commands as fast-check hands it out (its wrappers keep which ones ran). */
export type AgentLoop = Iterable<AsyncCommand<Model, RealSystem, boolean>>;

export function agentLoops(settings: SequenceSettings): Arbitrary<AgentLoop> {
  // size 'max': lengths spread up to maxCommands (the default size keeps sequences to two or three commands).
  return fc.commands(agentCommandArbitraries(), { maxCommands: settings.maxCommands, size: 'max', replayPath: settings.replayPath });
}
