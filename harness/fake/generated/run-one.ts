/**
 * One run of the property: a fresh agent and the ids the case needs, the generated answer
 * posted as a stub through the admin API (so what ran is exactly the replayable stub), the
 * command, the stub removed, the verdict. The CLI runner is given (the scenario's checked
 * runner, or a bare one in the unit tests).
 */
import type { FakeServiceClient } from '../client.js';
import type { Stub } from '../stubs/schema.js';
import type { CaseBase, GeneratedAnswer } from './answer.js';
import { judgeRun, type RunOutput, type Verdict } from './judge.js';
import { patchOf } from './patch.js';
import { stubFor } from './stub.js';
import { prepareWorld, type Catalogue } from './world.js';

export interface RunOneDeps {
  url: string;
  admin: Pick<FakeServiceClient, 'addStub' | 'clearStubs'>;
  bases: readonly CaseBase[];
  catalogue: Catalogue;
  imagePath: string;
  stated: ReadonlySet<string>;
  /** Run the CLI with these arguments and IMAGE_SKILL_TOKEN; `command` is the line shown in messages. */
  run(argv: string[], token: string): Promise<RunOutput & { command: string }>;
}

export interface RanAnswer {
  argv: string[];
  stub: Stub;
  command: string;
}

export function createRunOne(deps: RunOneDeps): { runOne(answer: GeneratedAnswer): Promise<Verdict>; ran(answer: GeneratedAnswer): RanAnswer | undefined } {
  const byId = new Map(deps.bases.map((b) => [b.case.id, b]));
  const ranByAnswer = new WeakMap<GeneratedAnswer, RanAnswer>();
  const runOne = async (answer: GeneratedAnswer): Promise<Verdict> => {
    const entry = byId.get(answer.caseId);
    if (!entry) return { problems: [{ rule: null, message: `no case ${answer.caseId}` }], observations: [] };
    const { case: c, base } = entry;
    try {
      const world = await prepareWorld(deps.url, c.needs, deps.catalogue, deps.imagePath);
      const stub = stubFor(c, patchOf(answer.edits), base);
      const argv = c.argv(world);
      await deps.admin.clearStubs();
      await deps.admin.addStub(stub);
      const out = await deps.run(argv, world.token);
      await deps.admin.clearStubs();
      ranByAnswer.set(answer, { argv, stub, command: out.command });
      const verdict = judgeRun(out, deps.stated);
      const where = (m: string) => `${out.command} under the generated answer of ${c.route.method} ${c.route.path}: ${m}`;
      return { problems: verdict.problems.map((p) => ({ ...p, message: where(p.message) })), observations: verdict.observations.map((o) => ({ ...o, message: where(o.message) })) };
    } catch (err) {
      return { problems: [{ rule: null, message: `the harness could not run ${c.id}: ${err instanceof Error ? err.message : String(err)}` }], observations: [] };
    }
  };
  return { runOne, ran: (answer) => ranByAnswer.get(answer) };
}
