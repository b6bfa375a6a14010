/**
 * A mutation plan is read by playwright.config.ts (env ISC_MUTATION_PLAN): one Playwright
 * project per mutant, all running the scenario suite against `reference:<mutant>`.
 */
import { readFileSync } from 'node:fs';

export interface MutationPlanProject {
  name: string;
  cliSpec: string;
  /** Regex source selecting the scenarios (by tag) this project runs. */
  grep?: string;
}

export interface MutationPlan {
  jsonReport: string;
  projects: MutationPlanProject[];
}

export const CONTROL_PROJECT = 'control:reference';

export function projectName(mutant: string): string {
  return `mutant:${mutant}`;
}

export function readPlan(file: string): MutationPlan {
  const plan = JSON.parse(readFileSync(file, 'utf8')) as MutationPlan;
  if (!Array.isArray(plan.projects) || typeof plan.jsonReport !== 'string') throw new Error(`malformed mutation plan ${file}`);
  return plan;
}
