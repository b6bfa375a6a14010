/**
 * A mutation plan is read by playwright.config.ts (env ISC_MUTATION_PLAN): the Playwright
 * projects of one pass of the mutation run, all running the scenario suite.
 */
import { readFileSync } from 'node:fs';
import { isRecord } from '../json.js';

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

/** The coverage pass: the unmutated reference, recording the switches each test reaches. */
export const COVERAGE_PROJECT = 'coverage:reference';
/** A mutant round: the reference, with the mutant chosen per test by the round's schedule. */
export const ROUND_PROJECT = 'mutants';

export function parsePlan(doc: unknown, file: string): MutationPlan {
  if (!isRecord(doc) || typeof doc.jsonReport !== 'string' || !Array.isArray(doc.projects)) throw new Error(`malformed mutation plan ${file}`);
  const projects = doc.projects.map((p: unknown, i): MutationPlanProject => {
    if (!isRecord(p) || typeof p.name !== 'string' || typeof p.cliSpec !== 'string') throw new Error(`${file}: project ${i} needs string name and cliSpec`);
    if (p.grep !== undefined && typeof p.grep !== 'string') throw new Error(`${file}: project ${p.name}: grep must be a string`);
    return { name: p.name, cliSpec: p.cliSpec, grep: p.grep };
  });
  return { jsonReport: doc.jsonReport, projects };
}

export function readPlan(file: string): MutationPlan {
  return parsePlan(JSON.parse(readFileSync(file, 'utf8')), file);
}
