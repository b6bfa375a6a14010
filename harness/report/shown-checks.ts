/**
 * Checks that are shown but never fail the CLI: harness gaps (the fake or the harness fell
 * short of what the documents say the service does) and observations (what no sentence states),
 * grouped by the rule they touch, for summary.md and the console.
 */
import type { CheckRecord } from './checks.js';
import type { RunResults } from './results.js';

/** The two kinds, with their mark and their headings in summary.md and on the console. */
export const SHOWN_KINDS = [
  { outcome: 'harness-gap', mark: '△', title: "Harness gaps: the fake or the harness fell short, never the CLI's failure", consoleTitle: "Harness gaps (the fake or the harness fell short; not the CLI's failure)" },
  { outcome: 'observed', mark: '○', title: 'Observations: shown, never failing', consoleTitle: 'Observations (never failing)' },
] as const;

export interface ShownGroup {
  /** Rule id, or null for checks citing no sentence. */
  rule: string | null;
  /** Where the rule's sentence is (document › section), when it has one. */
  where: string | null;
  /** How many checks, and in which scenarios. */
  count: number;
  scenarios: string[];
  /** One message of the group, as recorded. */
  example: string;
}

/** Groups of one outcome across the run's scenarios, the largest first. */
export function shownGroups(r: RunResults, outcome: 'harness-gap' | 'observed'): ShownGroup[] {
  const groups = new Map<string, ShownGroup>();
  for (const s of r.scenarios) {
    for (const c of (s.checks ?? []) as CheckRecord[]) {
      if (c.outcome !== outcome) continue;
      // Observations without a rule are grouped by what they say up to the first colon.
      const key = c.rule?.id ?? `(no rule) ${c.message.split(':')[0].slice(0, 80)}`;
      let g = groups.get(key);
      if (!g) {
        g = { rule: c.rule?.id ?? null, where: c.rule ? `${c.rule.document} › ${c.rule.section}` : null, count: 0, scenarios: [], example: c.message };
        groups.set(key, g);
      }
      g.count += 1;
      if (!g.scenarios.includes(s.id)) g.scenarios.push(s.id);
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.rule ?? '').localeCompare(b.rule ?? ''));
}

/** How many checks and scenarios the groups hold. */
export function shownTotals(groups: ShownGroup[]): { checks: number; scenarios: number } {
  return { checks: groups.reduce((n, g) => n + g.count, 0), scenarios: new Set(groups.flatMap((g) => g.scenarios)).size };
}
