/** Which documented output shapes a run exercised, per worker and merged across workers. */
import { readFileSync } from 'node:fs';
import { ENVELOPE_SUCCESS, ENVELOPE_ERROR, shapeKey } from './contract-shapes.js';
import { documentedShapeKeys } from './schema-registry.js';

export interface CoverageReport {
  version: string;
  total: number;
  covered: number;
  percent: number;
  /** Documented shape keys never seen, sorted. */
  missing: string[];
  /** Times each documented shape key was seen (keys with 0 are left out). */
  exercised: Record<string, number>;
}

export interface Coverage {
  version: string;
  /**
   * Count one output. Accepts a shape id plus variant (`'credits-buy', 'x402'`),
   * a shape key (`'credits-buy.x402'`) or a schema id (`'0.1.25/credits-buy.x402'`).
   */
  record(shapeIdOrSchemaId: string, variant?: string): void;
  report(): CoverageReport;
}

export function createCoverage(version: string, documented: string[] = documentedShapeKeys(version)): Coverage {
  const known = new Set(documented);
  const counts: Record<string, number> = {};
  const bump = (key: string): void => {
    if (known.has(key)) counts[key] = (counts[key] ?? 0) + 1;
  };
  return {
    version,
    record(idOrKey, variant) {
      const slash = idOrKey.lastIndexOf('/');
      const bare = slash >= 0 ? idOrKey.slice(slash + 1) : idOrKey;
      const key = variant ? shapeKey({ shapeId: bare, variant }) : bare;
      bump(key);
      // A checked data shape was wrapped in a checked success envelope.
      if (key !== ENVELOPE_ERROR && key !== ENVELOPE_SUCCESS && known.has(key)) bump(ENVELOPE_SUCCESS);
    },
    report: () => buildReport(version, [...known], counts),
  };
}

function buildReport(version: string, documented: string[], counts: Record<string, number>): CoverageReport {
  const all = [...new Set(documented)].sort();
  const covered = all.filter((k) => (counts[k] ?? 0) > 0);
  const exercised: Record<string, number> = {};
  for (const k of covered) exercised[k] = counts[k];
  return {
    version,
    total: all.length,
    covered: covered.length,
    percent: all.length ? Math.round((covered.length / all.length) * 1000) / 10 : 0,
    missing: all.filter((k) => !covered.includes(k)),
    exercised,
  };
}

function parseReport(file: string, raw: unknown): CoverageReport {
  const r = raw as Partial<CoverageReport> | null;
  const ok =
    r !== null &&
    typeof r === 'object' &&
    typeof r.version === 'string' &&
    Array.isArray(r.missing) &&
    r.missing.every((m) => typeof m === 'string') &&
    typeof r.exercised === 'object' &&
    r.exercised !== null &&
    Object.values(r.exercised).every((n) => typeof n === 'number');
  if (!ok) throw new Error(`${file} is not a schema coverage report`);
  return r as CoverageReport;
}

/** Merge per-worker report files (as written from `report()`) into one report. */
export function mergeCoverage(files: string[]): CoverageReport {
  const reports = files.map((f) => parseReport(f, JSON.parse(readFileSync(f, 'utf8')) as unknown));
  if (reports.length === 0) throw new Error('no coverage files to merge');
  const versions = [...new Set(reports.map((r) => r.version))];
  if (versions.length > 1) throw new Error(`coverage files disagree on the contract version: ${versions.join(', ')}`);
  const documented = new Set<string>();
  const counts: Record<string, number> = {};
  for (const r of reports) {
    for (const k of r.missing) documented.add(k);
    for (const [k, n] of Object.entries(r.exercised)) {
      documented.add(k);
      counts[k] = (counts[k] ?? 0) + n;
    }
  }
  return buildReport(versions[0], [...documented], counts);
}
