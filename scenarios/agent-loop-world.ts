/**
 * The world the agent loops run in (harness/model/run.ts), from a scenario's fixtures: the
 * runner, checks, fake and sandbox, the rules in force for the guide, token and model checks, and
 * the flags the documents name. One place for the scenario and its unit test.
 */
import type { Cli, ScenarioFake } from '../fixtures/test.js';
import type { ContractChecks } from '../fixtures/contract-checks.js';
import type { PackageDocuments } from '../harness/checks/schema-registry.js';
import type { StatedRules } from '../harness/rules/stated.js';
import { documentedFlags } from '../harness/model/next-command.js';
import { resetWorld } from '../harness/model/real.js';
import type { ModelWorld } from '../harness/model/run.js';
import { GUIDE_RULES, SHOW_TOKEN_RULES, inForce } from './rules-in-force.js';

export interface AgentLoopFixtures {
  cli: Cli;
  contract: ContractChecks;
  fake: ScenarioFake;
  sandbox: Parameters<typeof resetWorld>[1];
  stated: StatedRules;
  contractDocuments: PackageDocuments;
}

export function agentLoopWorld(f: AgentLoopFixtures): ModelWorld {
  return {
    base: {
      cli: f.cli,
      contract: f.contract,
      fake: f.fake,
      sandbox: f.sandbox,
      rules: { ...GUIDE_RULES, showToken: SHOW_TOKEN_RULES, modelsPublic: ['discovery.models-public', 'discovery.models-menu-public'] },
      inForce: (ids) => inForce(f.stated, ids),
      documentedFlags: documentedFlags({ ...f.contractDocuments }),
    },
    reset: () => resetWorld(f.fake, f.sandbox),
    savedSignupDocumented: f.stated.ids.has('signup.default-saves-config'),
  };
}
