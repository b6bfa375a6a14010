/**
 * What a maintainer needs to replay a counterexample: the shrunk stub (admin API format), the
 * command the CLI ran, and two ways back to it: the spec with the seed and path (exactly that
 * run again, then shrinking from there), or `image-skill-conformance serve` plus a POST of the
 * stub and the command by hand (docs/generated-answers.md).
 */
import type { Stub } from '../stubs/schema.js';
import type { Problem } from './judge.js';
import type { GeneratedAnswer } from './answer.js';

export const SPEC_TITLE = 'generated service answers';

export interface ReplayRecord {
  seed: number;
  path: string | null;
  case: string;
  edits: GeneratedAnswer['edits'];
  /** The argv the CLI ran (ids are the run's; the stub matches any id of the route). */
  argv: string[];
  problems: Problem[];
  stub: Stub;
  replay: { spec: string; serve: string[] };
}

const shq = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function replayRecord(input: { seed: number; path: string | null; answer: GeneratedAnswer; argv: string[]; problems: Problem[]; stub: Stub; cliSpec: string; exclude?: readonly string[] }): ReplayRecord {
  const { seed, path, answer, argv, problems, stub, cliSpec } = input;
  // The path is a path through this arbitrary: the same exclusions make the same arbitrary.
  const exclude = input.exclude?.length ? ` ISC_GENERATED_EXCLUDE=${shq(input.exclude.join(','))}` : '';
  const env = `ISC_GENERATED_SEED=${seed}${path ? ` ISC_GENERATED_PATH=${path}` : ''}${exclude}`;
  const base = 'http://127.0.0.1:4010';
  const serve = [
    'node bin/image-skill-conformance.mjs serve --port 4010 --payments &',
    `cat > generated-stub.json <<'JSON'\n${JSON.stringify(stub)}\nJSON`,
    `curl -sS -X POST ${base}/__admin/stubs -H 'content-type: application/json' --data-binary @generated-stub.json`,
    `export IMAGE_SKILL_API_BASE_URL=${base} IMAGE_SKILL_NO_TELEMETRY=1`,
    `export IMAGE_SKILL_TOKEN=$(curl -sS -X POST ${base}/v1/agent-signups -H 'content-type: application/json' -d '{"agent_contact":"agent-inbox@example.invalid","agent_name":"replay","runtime":"conformance","return_token":true}' | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).data.token')`,
    `image-skill ${argv.map(shq).join(' ')}`,
  ];
  return {
    seed,
    path,
    case: answer.caseId,
    edits: answer.edits,
    argv,
    problems,
    stub,
    replay: { spec: `${env} node bin/image-skill-conformance.mjs run --cli ${shq(cliSpec)} --grep ${shq(SPEC_TITLE)} --workers 1`, serve },
  };
}
