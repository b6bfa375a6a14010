/**
 * Run metadata: which CLI was tested against which backends. Tests attach it as
 * `run-meta` (JSON) and/or the launcher points ISC_RUN_META at a JSON file.
 */
import type { ResolvedTarget } from '../target/types.js';
import type { ChainForkMeta, CliInfo, MutationScore, NoLongerStatedRule, SchemaCoverage } from './results.js';
import { resultsJsonSchema } from './results-schema.js';
import { schemaCheck } from './ajv-text.js';

export interface RunMeta {
  run_id?: string;
  cli?: CliInfo;
  contract_version?: string | null;
  stripe_backend?: string | null;
  chain_mode?: string | null;
  chain_fork?: ChainForkMeta | null;
  schema_coverage?: SchemaCoverage;
  mutation?: MutationScore;
  no_longer_stated?: NoLongerStatedRule[];
}

const top = resultsJsonSchema.properties;
const runMetaSchema = {
  type: 'object',
  properties: {
    run_id: { type: 'string', minLength: 1 },
    cli: top.cli,
    contract_version: top.contract_version,
    stripe_backend: top.stripe_backend,
    chain_mode: top.chain_mode,
    chain_fork: { anyOf: [top.chain_fork, { type: 'null' }] },
    schema_coverage: top.schema_coverage,
    mutation: top.mutation,
    no_longer_stated: top.no_longer_stated,
  },
} as const;

const checkRunMeta = schemaCheck(runMetaSchema);

export function parseRunMeta(value: unknown, source = '<run-meta>'): RunMeta {
  const shapeProblems = checkRunMeta(value);
  if (shapeProblems.length > 0) {
    const problems = shapeProblems.join('; ');
    throw new Error(`invalid run metadata ${source}: ${problems}`);
  }
  const out: RunMeta = {};
  const v = value as RunMeta;
  for (const key of Object.keys(runMetaSchema.properties) as Array<keyof RunMeta>) {
    if (v[key] !== undefined) (out as Record<string, unknown>)[key] = v[key];
  }
  return out;
}

/** Fields already set in `base` win; `extra` only fills gaps. */
export function fillRunMeta(base: RunMeta, extra: RunMeta): RunMeta {
  const out: RunMeta = { ...base };
  for (const [key, value] of Object.entries(extra) as Array<[keyof RunMeta, unknown]>) {
    // null means "this test did not use it": a later test that did (e.g. a chain) fills it.
    if ((out[key] === undefined || out[key] === null) && value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/** Mutation score from a mutation run report (harness/mutation's MutationReport fits). */
export function mutationScoreFrom(report: { total: number; killed: number; mutants: Array<{ name: string; killed: boolean }> }): MutationScore {
  const survivors = report.mutants.filter((m) => !m.killed).map((m) => m.name).sort();
  const judged = report.killed + survivors.length;
  return {
    killed: report.killed,
    survived: survivors.length,
    errors: Math.max(0, report.total - judged),
    total: report.total,
    score: judged === 0 ? 0 : report.killed / judged,
    survivors,
  };
}

export function cliInfoFromTarget(target: ResolvedTarget): CliInfo {
  const docs = Object.entries(target.documents)
    .filter(([, text]) => typeof text === 'string')
    .map(([name]) => name)
    .sort();
  return { spec: target.spec, name: target.name, version: target.version, integrity: target.integrity, ships_documents: docs };
}
