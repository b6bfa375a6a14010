/** Run summary in Markdown, sized for a pull-request comment. */
import type { RunResults, ScenarioResult } from './results.js';
import { verdict } from './results.js';
import { chainLabel } from './chain-label.js';
import { block, code, plain, table, truncate } from './md-text.js';
import { groupFailures, type FailureGroup } from './failure-groups.js';
import { commandCoverageMarkdown } from './command-coverage.js';
import { noLongerStatedMarkdown } from './no-longer-stated.js';
import { SHOWN_KINDS, shownGroups, shownTotals, type ShownGroup } from './shown-checks.js';
import { tallyLine, tallyOf } from './tally.js';

export { failingInvocation } from './failure-groups.js';

const ERROR_MAX = 600;
const SCENARIOS_LISTED = 20;
/** GitHub rejects comments over 65,536 characters; stay well below. */
export const SUMMARY_MAX_CHARS = 60_000;

function cliLabel(r: RunResults): string {
  const name = r.cli.name ?? r.cli.spec;
  return `${r.cli.version ? `${name}@${r.cli.version}` : name}${r.cli.name !== null && /^(\/|reference$)/.test(r.cli.spec) ? ` (${r.cli.spec})` : ''}`;
}

function byId<T extends { id: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function quoteLine(g: FailureGroup): string {
  if (!g.rule) return '';
  const where = [g.rule.document, g.rule.section].filter(Boolean).map(plain).join(', § ');
  return `> “${plain(truncate(g.rule.quote, 300))}” (${where})`;
}

function scenarioList(ids: string[]): string {
  const shown = ids.slice(0, SCENARIOS_LISTED).map(code).join(', ');
  return ids.length > SCENARIOS_LISTED ? `${shown} … and ${ids.length - SCENARIOS_LISTED} more` : shown;
}

/** One group: the rule, its quote, how many scenarios, one example with command and what the CLI did. */
export function groupBlock(g: FailureGroup): string {
  const n = `${g.scenarios.length} scenario${g.scenarios.length === 1 ? '' : 's'}`;
  const e = g.example;
  const lines =
    g.kind === 'rule'
      ? [`#### ${code(g.key)} — ${n}`, '', quoteLine(g), '']
      : [`#### ⚠️ harness error — ${n}`, '', block(truncate(e.did, ERROR_MAX)), ''];
  if (g.reason) lines.push(`- Expected: ${plain(g.reason)}${g.link ? ` (${g.link.startsWith('http') ? `[link](${g.link})` : code(g.link)})` : ''}`);
  const cmd = e.command ? `: ${code(truncate(e.command, 300))}` : '';
  lines.push(`- Example: **${plain(e.scenario)}** — ${plain(e.title)} (${code(e.file)})${cmd}`);
  if (g.kind === 'rule') lines.push(`  - ${plain(truncate(e.did, ERROR_MAX))}`);
  if (e.transcript) lines.push(`  - transcript ${code(e.transcript)}`);
  lines.push(`- Scenarios: ${scenarioList(g.scenarios)}`);
  return lines.join('\n');
}

function groupsTitle(title: string, groups: FailureGroup[]): string {
  const scenarios = new Set(groups.flatMap((g) => g.scenarios)).size;
  return `### ${title} (${groups.length} group${groups.length === 1 ? '' : 's'}, ${scenarios} scenario${scenarios === 1 ? '' : 's'})`;
}

interface Section {
  title: string;
  blocks: string[];
}

function failureSections(r: RunResults): Section[] {
  const groups = groupFailures(r);
  const fresh = groups.filter((g) => g.state === 'new');
  const expected = groups.filter((g) => g.state === 'expected');
  const sections: Section[] = [];
  if (fresh.length > 0) sections.push({ title: groupsTitle(r.expectations ? '❌ New failures' : '❌ Failures by rule', fresh), blocks: fresh.map(groupBlock) });
  if (expected.length > 0) sections.push({ title: groupsTitle('🟡 Expected (still failing)', expected), blocks: expected.map(groupBlock) });
  const e = r.expectations;
  if (e && e.fixed.length > 0) {
    const title = `### ✅ Fixed: remove from the baseline (${e.fixed.length})${e.strict ? ' — fails the run (--strict-expectations)' : ''}`;
    sections.push({ title, blocks: e.fixed.map((f) => `- ${code(f.rule)}${f.scenario ? ` in ${code(f.scenario)}` : ''}: ${plain(f.reason)}${f.note ? ` (${plain(f.note)})` : ''}`) });
  }
  if (e && e.unexercised.length > 0) {
    sections.push({ title: `### Baseline entries not exercised by this run (${e.unexercised.length})`, blocks: [e.unexercised.map((f) => `${code(f.rule)}${f.scenario ? ` in ${code(f.scenario)}` : ''}`).join(', ')] });
  }
  sections.push(...shownSections(r));
  return sections;
}

const SHOWN_GROUPS_MAX = 25;

function shownBlock(g: ShownGroup): string {
  const head = g.rule ? `${code(g.rule)}${g.where ? ` (${plain(g.where)})` : ''}` : 'no sentence states it';
  const where = g.scenarios.length > 3 ? `${g.scenarios.slice(0, 3).map(code).join(', ')} and ${g.scenarios.length - 3} more` : g.scenarios.map(code).join(', ');
  return `- ${head}: ${g.count} check${g.count === 1 ? '' : 's'} in ${where}. Example: ${plain(truncate(g.example, 400))}`;
}

/** Harness gaps (never the CLI's failure) and observations (never failing), grouped by rule, capped. */
function shownSections(r: RunResults): Section[] {
  const out: Section[] = [];
  for (const { outcome, mark, title } of SHOWN_KINDS) {
    const groups = shownGroups(r, outcome);
    if (groups.length === 0) continue;
    const t = shownTotals(groups);
    const blocks = groups.slice(0, SHOWN_GROUPS_MAX).map(shownBlock);
    if (groups.length > SHOWN_GROUPS_MAX) blocks.push(`… and ${groups.length - SHOWN_GROUPS_MAX} more groups in ${code('results.json')}`);
    out.push({ title: `### ${mark} ${title} (${t.checks} in ${t.scenarios} scenario${t.scenarios === 1 ? '' : 's'})`, blocks });
  }
  return out;
}

/** Appends sections until `budget` characters are used; the rest is counted in one closing line. */
function fitSections(sections: Section[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  let left = 0;
  for (const section of sections) {
    let titled = false;
    for (const b of section.blocks) {
      const piece = (titled ? 0 : section.title.length + 2) + b.length + 2;
      if (left > 0 || used + piece > budget) {
        left += 1;
        continue;
      }
      if (!titled) out.push('', section.title);
      titled = true;
      out.push('', b);
      used += piece;
    }
  }
  if (left > 0) out.push('', `… ${left} more in the HTML report (${code('html/index.html')}) and in ${code('results.json')}`);
  return out;
}

function notRunSection(notRun: ScenarioResult[]): string[] {
  if (notRun.length === 0) return [];
  return [
    `### ⚠️ NOT RUN (${notRun.length}) — these checks did not execute and prove nothing`,
    '',
    ...notRun.map((s) => `- **${plain(s.id)}** — ${plain(s.title)}: ${plain(s.not_run_reason ?? 'no reason given')}`),
  ];
}

function skippedSection(skipped: ScenarioResult[]): string[] {
  if (skipped.length === 0) return [];
  return [
    `### Skipped (${skipped.length})`,
    '',
    ...skipped.map((s) => `- ${plain(s.id)}${s.skip_reason ? `: ${plain(s.skip_reason)}` : ''}`),
  ];
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function extrasSection(r: RunResults): string[] {
  const out: string[] = [];
  if (r.schema_coverage) {
    const c = r.schema_coverage;
    const version = c.version ? ` (contract ${plain(c.version)})` : '';
    out.push(`### Schema coverage${version}: ${c.covered}/${c.total} (${percent(c.total === 0 ? 0 : c.covered / c.total)})`);
    if (c.missing.length > 0) out.push('', `Not exercised: ${[...c.missing].sort().map(code).join(', ')}`);
    out.push('');
  }
  if (r.mutation) {
    const m = r.mutation;
    out.push(`### Mutation score: ${percent(m.score)} (${m.killed} killed, ${m.survived} survived of ${m.total})`);
    if (m.survivors.length > 0) out.push('', `Survivors: ${[...m.survivors].sort().map(code).join(', ')}`);
    out.push('');
  }
  if (r.no_longer_stated && r.no_longer_stated.length > 0) out.push(...noLongerStatedMarkdown(r.no_longer_stated));
  return out;
}

function headerLine(r: RunResults): string {
  const s = r.summary;
  if (s.total === 0) return `## ⚪ NO SCENARIOS: ${plain(cliLabel(r))} conformance`;
  const v = verdict(r);
  const e = r.expectations;
  const note = e && e.expected.length > 0 ? ` (${new Set(e.expected.map((x) => x.scenario)).size} scenario(s) failing as expected by ${code(e.file)})` : '';
  return `## ${v === 'PASS' ? '✅' : '❌'} ${v}: ${plain(cliLabel(r))} conformance${note}`;
}

export function renderSummaryMarkdown(r: RunResults, opts: { maxChars?: number } = {}): string {
  const s = r.summary;
  const t = tallyOf(r);
  const scenarios = byId(r.scenarios);
  const of = (status: ScenarioResult['status']) => scenarios.filter((x) => x.status === status);
  const flaky = of('passed').filter((x) => x.flaky);
  const contract = `${plain(r.contract_version ?? 'unknown')}${r.contract_source ? ` (${plain(r.contract_source)})` : ''}`;
  const lines = [
    headerLine(r),
    '',
    table(['passed', 'new failures', 'expected failures', 'fixed', 'not run', 'skipped', 'total'], [[t.passed, t.new_failures, t.expected_failures, t.fixed, t.not_run, t.skipped, t.total].map(String)]),
    '',
    `Scenarios: ${plain(tallyLine(t))}`,
    '',
    `- CLI: ${code(r.cli.spec)}${r.cli.integrity ? ` (integrity ${code(r.cli.integrity)})` : ''}; documents shipped: ${r.cli.ships_documents.length > 0 ? [...r.cli.ships_documents].sort().join(', ') : 'none'}`,
    `- Contract: ${contract}; Stripe backend: ${plain(r.stripe_backend ?? 'none')}; chain: ${plain(chainLabel(r.chain_mode, r.chain_fork))}`,
    `- Run ${code(r.run_id)}, ${plain(r.started_at)} → ${plain(r.finished_at)}`,
  ];
  if (s.total === 0) lines.push('', '> No scenario matched this run (an empty shard or --grep); nothing was checked.');
  if (s.not_run > 0) lines.push('', `> **Warning:** ${s.not_run} scenario(s) did not run; their checks are not covered by this verdict.`);
  if (flaky.length > 0) lines.push('', `Passed only on retry: ${flaky.map((x) => code(x.id)).join(', ')}`);
  const tail: string[] = [];
  for (const section of [notRunSection(of('not-run')), skippedSection(of('skipped')), extrasSection(r)]) if (section.length > 0) tail.push('', ...section);
  if (r.command_coverage) tail.push('', ...commandCoverageMarkdown(r.command_coverage));
  const budget = (opts.maxChars ?? SUMMARY_MAX_CHARS) - lines.join('\n').length - tail.join('\n').length - 200;
  lines.push(...fitSections(failureSections(r), Math.max(0, budget)), ...tail);
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
