/**
 * Coverage of the build's own command list (its commands.json): per command and subcommand it
 * names, the scenarios that ran it, and the ones the harness's command table lacks. Informative
 * only: it never fails a run.
 */
import { COMMANDS, commandFor, commandWords } from '../rules/commands.js';
import { manifestCommandNames, type ShippedCommandManifest } from '../target/command-manifest.js';
import type { ScenarioResult } from './results.js';
import { code, plain, table } from './md-text.js';

export interface ManifestCommandCoverage {
  /** The command's words, id first: "credits packs list". */
  name: string;
  /** Scenario ids with an invocation of it, sorted; empty: not covered. */
  scenarios: string[];
  /**
   * Every spelling it ran as, when one of them reached it only through an alias of the harness's
   * command table (e.g. ["capabilities", "capabilities list"]); absent when every run used its own words.
   */
  ran_as?: string[];
  /** True when the harness's command table has these words as one of its spellings. */
  in_table: boolean;
}

export interface CommandCoverage {
  /** The manifest inside the package, e.g. "commands.json" or "skills/image-skill/references/commands.json". */
  file: string;
  /** Set when the file could not be used (then the counts are 0 and the lists empty). */
  problem?: string;
  total: number;
  covered: number;
  commands: ManifestCommandCoverage[];
  /** Names of commands no scenario ran, in manifest order. */
  not_covered: string[];
  /** Names of commands the harness's command table lacks, in manifest order. */
  not_in_table: string[];
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** True when the command table has exactly these words as a spelling of one of its commands. */
export function inCommandTable(words: readonly string[]): boolean {
  return COMMANDS.some((c) => c.words.some((w) => same(w, words)));
}

/**
 * The manifest command an argv ran: the longest manifest command whose words begin the argv's
 * command words; else, through the command table, the manifest command spelt like the one the
 * argv names (a bare `capabilities` is the table's `capabilities list`). Null when neither fits.
 */
export function manifestCommandFor(args: string[], names: readonly string[]): { name: string; alias: string | null } | null {
  const typed = commandWords(args);
  let best: string[] | null = null;
  for (const name of names) {
    const w = name.split(' ');
    if (w.length <= typed.length && same(w, typed.slice(0, w.length)) && (!best || w.length > best.length)) best = w;
  }
  if (best) return { name: best.join(' '), alias: null };
  const spec = commandFor(args);
  if (!spec) return null;
  const hit = names.find((n) => spec.words.some((w) => same(w, n.split(' '))));
  if (!hit) return null;
  const spelt = spec.words.filter((w) => same(w, typed.slice(0, w.length))).sort((a, b) => b.length - a.length)[0];
  return { name: hit, alias: (spelt ?? typed).join(' ') };
}

/** Coverage of the shipped manifest by the run's scenarios (every recorded invocation counts, whatever its outcome). */
export function computeCommandCoverage(shipped: ShippedCommandManifest, scenarios: readonly ScenarioResult[]): CommandCoverage {
  if ('problem' in shipped) return { file: shipped.file, problem: shipped.problem, total: 0, covered: 0, commands: [], not_covered: [], not_in_table: [] };
  const names = manifestCommandNames(shipped.manifest);
  const ran = new Map(names.map((n) => [n, { scenarios: new Set<string>(), spellings: new Set<string>() }]));
  for (const s of scenarios) {
    for (const inv of s.invocations) {
      const hit = manifestCommandFor(inv.args, names);
      if (!hit) continue;
      const entry = ran.get(hit.name);
      entry?.scenarios.add(s.id);
      entry?.spellings.add(hit.alias ?? hit.name);
    }
  }
  const commands = names.map((name): ManifestCommandCoverage => {
    const r = ran.get(name);
    const out: ManifestCommandCoverage = { name, scenarios: [...(r?.scenarios ?? [])].sort(), in_table: inCommandTable(name.split(' ')) };
    if (r && [...r.spellings].some((w) => w !== name)) out.ran_as = [...r.spellings].sort();
    return out;
  });
  return {
    file: shipped.file,
    total: commands.length,
    covered: commands.filter((c) => c.scenarios.length > 0).length,
    commands,
    not_covered: commands.filter((c) => c.scenarios.length === 0).map((c) => c.name),
    not_in_table: commands.filter((c) => !c.in_table).map((c) => c.name),
  };
}

/** The one summary line, plain text (the console) or Markdown (`markdown: true`, names as code). */
export function commandCoverageLine(c: CommandCoverage, opts: { markdown?: boolean } = {}): string {
  const name = (n: string) => (opts.markdown ? code(n) : n);
  const title = `Commands of the build's ${opts.markdown ? code(c.file) : c.file}`;
  if (c.problem !== undefined) return `${title}: not used (${opts.markdown ? plain(c.problem) : c.problem})`;
  const parts = [`${title}: ${c.covered}/${c.total} covered`];
  if (c.not_covered.length > 0) parts.push(`not covered: ${c.not_covered.map(name).join(', ')}`);
  if (c.not_in_table.length > 0) parts.push(`not in the harness's command table: ${c.not_in_table.map(name).join(', ')}`);
  return parts.join('; ');
}

const SCENARIOS_PER_ROW = 3;
/** Rows shown; summary.md has a size cap, results.json has them all. */
const ROWS_SHOWN = 60;

/** summary.md's section: the line as its heading, then one table row per command. */
export function commandCoverageMarkdown(c: CommandCoverage): string[] {
  const out = [`### ${commandCoverageLine(c, { markdown: true })}`, ''];
  if (c.problem !== undefined || c.commands.length === 0) return out;
  const rows = c.commands.slice(0, ROWS_SHOWN).map((cmd) => {
    const shown = cmd.scenarios.slice(0, SCENARIOS_PER_ROW).map(code).join(', ');
    const more = cmd.scenarios.length > SCENARIOS_PER_ROW ? ` and ${cmd.scenarios.length - SCENARIOS_PER_ROW} more` : '';
    const as = cmd.ran_as ? ` (ran as ${cmd.ran_as.map(code).join(', ')})` : '';
    return [
      code(cmd.name),
      cmd.scenarios.length > 0 ? `✔ ${cmd.scenarios.length}${as}` : '✘ not covered',
      cmd.scenarios.length > 0 ? `${shown}${more}` : '',
      cmd.in_table ? '' : 'not in the command table',
    ];
  });
  out.push(table(['command', 'covered', 'scenarios', 'note'], rows), '');
  if (c.commands.length > ROWS_SHOWN) out.push(`… ${c.commands.length - ROWS_SHOWN} more in ${code('results.json')}`, '');
  return out;
}
