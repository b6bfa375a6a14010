/**
 * Which scenarios check which rule, read statically from the sources (results.json's
 * `rules_checked` is only known after a run):
 * - a rule id written as a string literal in a scenario spec (`contract.rule('id', …)`, the lists
 *   of scenarios/rules-in-force.ts) is checked by that spec; a literal in a helper module of
 *   scenarios/ or fixtures/ counts for every spec that imports the helper;
 * - the automatic checks (AUTOMATIC_SOURCES) run on every invocation of every scenario;
 * - a shape rule is checked by the schema validator on the output of a command of its shape,
 *   so by every spec that runs such a command (its words as consecutive string literals); the
 *   envelope's shape rules on every invocation.
 * An approximation that errs towards "checked" only where a spec names the id or runs the command.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { COMMANDS } from '../commands.js';
import type { Rule } from '../types.js';

export interface SourceFile {
  /** Path relative to the repository root, `/`-separated. */
  path: string;
  text: string;
}

/** Rule id → what checks it: spec paths, or AUTOMATIC. */
export type ScenarioIndex = ReadonlyMap<string, readonly string[]>;

export const AUTOMATIC = '(automatic checks of every invocation)';
/** Modules whose rule ids are the automatic checks. */
export const AUTOMATIC_SOURCES: readonly string[] = ['fixtures/rules-checked.ts', 'harness/checks/findings.ts', 'harness/checks/schema-validate.ts'];
/** Where scenario specs and their helpers live. */
export const SCENARIO_DIRS: readonly string[] = ['scenarios', 'fixtures'];

const LITERAL = /(['"`])([a-z0-9-]+(?:\.[a-z0-9_.-]+)+)\1/g;

function literalIds(text: string, known: ReadonlySet<string>): string[] {
  return [...new Set([...text.matchAll(LITERAL)].map((m) => m[2]).filter((id) => known.has(id)))];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
function runsCommand(text: string, words: readonly string[]): boolean {
  return new RegExp(words.map((w) => `['"\`]${escape(w)}['"\`]`).join('\\s*,\\s*')).test(text);
}

/** The command shapes a shape key belongs to: the key itself or a variant of it (`create-guide`, `credits-buy.x402`). */
function commandsOfShape(key: string) {
  return COMMANDS.filter((c) => c.shape !== null && (key === c.shape || key.startsWith(`${c.shape}.`) || key.startsWith(`${c.shape}-`)));
}

/** The index over these sources (specs end in `.spec.ts`; other files of SCENARIO_DIRS are helpers). */
export function buildScenarioIndex(sources: readonly SourceFile[], rules: readonly Rule[]): ScenarioIndex {
  const known = new Set(rules.map((r) => r.id));
  const out = new Map<string, Set<string>>();
  const add = (id: string, by: string) => out.set(id, (out.get(id) ?? new Set()).add(by));
  const specs = sources.filter((s) => s.path.endsWith('.spec.ts') && SCENARIO_DIRS.some((d) => s.path.startsWith(`${d}/`)));
  for (const source of sources) {
    const ids = literalIds(source.text, known);
    if (AUTOMATIC_SOURCES.includes(source.path)) ids.forEach((id) => add(id, AUTOMATIC));
    else if (source.path.endsWith('.spec.ts')) ids.forEach((id) => add(id, source.path));
    else {
      const imports = new RegExp(`/${escape(basename(source.path).replace(/\.ts$/, '.js'))}['"]`);
      for (const spec of specs.filter((s) => imports.test(s.text))) ids.forEach((id) => add(id, spec.path));
    }
  }
  for (const rule of rules) {
    const key = rule.shape?.key;
    if (!key) continue;
    if (key.startsWith('envelope.')) add(rule.id, AUTOMATIC);
    for (const command of commandsOfShape(key)) {
      for (const spec of specs) if (command.words.some((w) => runsCommand(spec.text, w))) add(rule.id, spec.path);
    }
  }
  return new Map([...out].map(([id, by]) => [id, [...by].sort()]));
}

/** The scenario specs, their helpers and the automatic checks' modules, read from the repository. */
export function readScenarioSources(root: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const dir of SCENARIO_DIRS) {
    for (const name of readdirSync(join(root, dir)).filter((n) => n.endsWith('.ts')).sort()) out.push({ path: `${dir}/${name}`, text: readFileSync(join(root, dir, name), 'utf8') });
  }
  for (const path of AUTOMATIC_SOURCES) if (!out.some((s) => s.path === path)) out.push({ path, text: readFileSync(join(root, path), 'utf8') });
  return out;
}

/**
 * Of these rule ids, the ones no scenario checks. Rules marked `observation` are left out: no
 * check against them ever fails a build (the service's rules, read by the fake), so none can lose one.
 */
export function rulesWithoutScenario(ids: readonly string[], index: ScenarioIndex, rules: readonly Rule[]): string[] {
  const observation = new Set(rules.filter((r) => r.observation).map((r) => r.id));
  return ids.filter((id) => !observation.has(id) && (index.get(id) ?? []).length === 0);
}
