/** The whole coverage run: every version folder of a contract directory, the reasons file, the page. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareVersions, parseVersion } from '../../checks/schema-files.js';
import { RULES } from '../index.js';
import type { Rule } from '../types.js';
import { readContractFiles } from './contract-files.js';
import type { ContractFile } from './contract-files.js';
import { versionCoverage } from './coverage.js';
import type { VersionCoverage } from './coverage.js';
import { parseReasons } from './reasons.js';
import type { Reasons } from './reasons.js';
import { renderCoverage } from './render.js';

/** The versions issue 28 wants complete: every obligation sentence with a rule or a reason. */
export const TARGET_VERSIONS: readonly string[] = ['0.1.25', '0.1.60'];
export const REASONS_FILE = 'docs/rule-coverage-reasons.json';
export const COVERAGE_PAGE = 'docs/rule-coverage.md';

export function readReasons(path: string): Reasons {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  return parseReasons(parsed);
}

/** Version folders of the contract directory, oldest first. */
export function contractVersions(contractDir: string): string[] {
  return readdirSync(contractDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && parseVersion(d.name) !== null)
    .map((d) => d.name)
    .sort(compareVersions);
}

export interface CoverageRun {
  coverages: VersionCoverage[];
  markdown: string;
}

/** `statedOf`: which rules a version states (default: stated.ts, for the catalogue's rules). */
export function generateCoverage(contractDir: string, reasons: Reasons, rules: readonly Rule[] = RULES, statedOf?: (version: string, files: readonly ContractFile[]) => ReadonlySet<string>): CoverageRun {
  const versions = contractVersions(contractDir);
  const coverages = versions.map((v) => {
    const files = readContractFiles(join(contractDir, v));
    return versionCoverage(v, files, rules, reasons, statedOf?.(v, files));
  });
  const missing = TARGET_VERSIONS.filter((v) => !versions.includes(v) && existsSync(contractDir));
  return { coverages, markdown: renderCoverage(coverages, missing) };
}
