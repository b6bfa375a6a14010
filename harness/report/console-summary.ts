/** The grouped failure view the terminal ends with (same groups as summary.md), plain text. */
import { groupFailures, type FailureGroup } from './failure-groups.js';
import { SHOWN_KINDS, shownGroups, shownTotals } from './shown-checks.js';
import type { RunResults } from './results.js';
import { truncate } from './md-text.js';
import { commandCoverageLine } from './command-coverage.js';

const GROUPS_SHOWN = 30;

function groupLines(g: FailureGroup): string[] {
  const n = `${g.scenarios.length} scenario${g.scenarios.length === 1 ? '' : 's'}`;
  const mark = g.state === 'expected' ? '~' : '✘';
  const e = g.example;
  const lines =
    g.kind === 'rule' && g.rule
      ? [`  ${mark} ${g.key} — ${n}`, `    "${truncate(g.rule.quote, 200)}" (${g.rule.document}, ${g.rule.section})`]
      : [`  ${mark} harness error — ${n}`, `    ${truncate(g.key, 200)}`];
  if (g.reason) lines.push(`    expected: ${truncate(g.reason, 200)}`);
  lines.push(`    e.g. ${e.scenario}${e.command ? `: ${truncate(e.command, 160)}` : ''}`);
  if (g.kind === 'rule') lines.push(`    did: ${truncate(e.did.replace(/\s+/g, ' '), 240)}`);
  if (e.transcript) lines.push(`    transcript: ${e.transcript}`);
  return lines;
}

export function renderConsoleSummary(r: RunResults): string {
  const groups = groupFailures(r);
  const out: string[] = [];
  const fresh = groups.filter((g) => g.state === 'new');
  const expected = groups.filter((g) => g.state === 'expected');
  const section = (title: string, list: FailureGroup[]) => {
    if (list.length === 0) return;
    out.push('', `${title} (${list.length}):`);
    for (const g of list.slice(0, GROUPS_SHOWN)) out.push(...groupLines(g));
    if (list.length > GROUPS_SHOWN) out.push(`  … ${list.length - GROUPS_SHOWN} more in summary.md`);
  };
  section(r.expectations ? 'New failures' : 'Failures by rule', fresh);
  section('Expected (still failing)', expected);
  const e = r.expectations;
  if (e && e.fixed.length > 0) {
    out.push('', `Fixed: remove from the baseline ${e.file} (${e.fixed.length}):`);
    for (const f of e.fixed) out.push(`  ✔ ${f.rule}${f.scenario ? ` in ${f.scenario}` : ''}${f.note ? ` (${f.note})` : ''}`);
  }
  // Never the CLI's failure: what the fake or the harness fell short of, and what no sentence states.
  for (const { outcome, mark, consoleTitle: title } of SHOWN_KINDS) {
    const groups = shownGroups(r, outcome);
    if (groups.length === 0) continue;
    const t = shownTotals(groups);
    out.push('', `${title}: ${t.checks} in ${t.scenarios} scenario(s)`);
    for (const g of groups.slice(0, GROUPS_SHOWN)) out.push(`  ${mark} ${g.rule ?? 'no rule'} — ${g.count}: ${g.example.slice(0, 160)}`);
    if (groups.length > GROUPS_SHOWN) out.push(`  … ${groups.length - GROUPS_SHOWN} more in summary.md`);
  }
  // Informative, never a failure: how much of the build's own command list the scenarios ran.
  if (r.command_coverage) out.push('', commandCoverageLine(r.command_coverage));
  return out.join('\n');
}
