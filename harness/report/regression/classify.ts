/**
 * Classifies each folded change against both sides' documents (see ChangeClass in types.ts):
 * a check under a rule the head states that now fails, or a field the head's documented
 * example or schema promises that is gone, is a regression; what breaks a rule only the base
 * stated, or drops what only the base's sentences named, is a documented removal; a change a
 * sentence of the head's documents names is documented; harness gaps are the harness's; the
 * rest is undocumented.
 */
import { RULES } from '../../rules/index.js';
import type { CheckRecord } from '../checks.js';
import { distinctive, isCommandSection, mentions, promiseAt, ruleOf, type DocsSide, type Sentence } from './documents.js';
import type { FoldedRow } from './fold.js';
import type { MeasuredScenario, Occurrence } from './measure.js';
import type { ChangeClass, Citation, CitedRule } from './types.js';
import { dotted } from './values.js';
import { compareVersions, parseVersion } from '../../checks/schema-files.js';

export interface Verdict {
  class: ChangeClass;
  reason: string;
  rule?: CitedRule;
  citation?: Citation;
  /** A step change that follows from a printed-command change of the same scenario. */
  followsFrom?: FoldedRow;
}

export interface ClassifyContext {
  base: DocsSide;
  head: DocsSide;
  scenarios: Map<string, MeasuredScenario>;
}

const SENTENCE_MAX = 240;

function cite(rule: string, stated_by: 'head' | 'base'): CitedRule | undefined {
  const r = ruleOf(rule);
  return r ? { id: r.id, document: r.document, section: r.section, quote: r.quote, stated_by } : undefined;
}

function citation(side: DocsSide, other: DocsSide, s: Sentence, token: string): Citation {
  const sentence = s.text.length > SENTENCE_MAX ? `${s.text.slice(0, SENTENCE_MAX - 1)}…` : s.text;
  return { side: side.side, document: s.document, section: s.section, sentence, mentions: token, new_sentence: !other.sentenceSet.has(s.norm) };
}

/** The first sentence naming one of the tokens, preferring one the other side lacks (written or dropped by the release). */
function firstMention(side: DocsSide, other: DocsSide, tokens: Token[], command: string): Citation | null {
  for (const t of tokens) {
    const found = mentions(side, t.token, command).filter((s) => !t.with || s.norm.includes(t.with.toLowerCase()));
    if (found.length === 0) continue;
    const fresh = found.find((s) => !other.sentenceSet.has(s.norm));
    return citation(side, other, fresh ?? found[0], t.token);
  }
  return null;
}

interface Token {
  token: string;
  /** Another word the sentence must hold too (the parent of a common field name). */
  with?: string;
}

const INDEX = /^(\*|\d+)$/;

/** Names a field goes by in the documents: `parent.key`, and the key itself (with its parent when the key is a common word). */
function fieldTokens(pointer: string): Token[] {
  const parts = pointer.split('/').slice(1).filter((p) => !INDEX.test(p) && p !== 'data');
  const key = parts[parts.length - 1];
  if (!key) return [];
  const parent = parts[parts.length - 2];
  const out: Token[] = [];
  if (parent) out.push({ token: `${parent}.${key}` });
  if (distinctive(key)) out.push({ token: key });
  else if (parent) out.push({ token: key, with: parent });
  // A list named after what it holds (`agent_settleable_methods`) is documented by its stem (`agent_settleable`).
  const stem = key.replace(/_[a-z]+$/, '');
  if (stem !== key && stem.includes('_')) out.push({ token: stem });
  return out;
}

function parsedValues(text: string | null): unknown[] {
  if (text === null) return [];
  return text.split(' | ').map((t) => {
    try {
      return JSON.parse(t) as unknown;
    } catch {
      return t;
    }
  });
}

/** An enum-like string value (one word, not prose) is searched as itself. */
function valueTokens(text: string | null): Token[] {
  return parsedValues(text)
    .filter((v): v is string => typeof v === 'string' && v.length <= 60 && /^[A-Za-z0-9_.:@/+-]+$/.test(v) && !v.includes('<'))
    .map((v) => ({ token: v }));
}

function words(command: string): string[] {
  return (command.match(/'[^']*'|"[^"]*"|\S+/g) ?? []).filter((w) => !/^['"<]/.test(w));
}

/** Flags one printed command has and the other lacks; else the words that differ at its start (a new prefix). */
function commandTokens(from: string | null, to: string | null): Token[] {
  const a = parsedValues(from).filter((v): v is string => typeof v === 'string').flatMap(words);
  const b = parsedValues(to).filter((v): v is string => typeof v === 'string').flatMap(words);
  const flags = [...new Set(b.filter((w) => w.startsWith('-') && !a.includes(w)))];
  if (flags.length > 0) return flags.map((token) => ({ token }));
  const fresh = b.filter((w) => !a.includes(w) && !/^\d+$/.test(w));
  const prefixEnd = b.findIndex((w) => /(^|\/)image-skill(@\S+)?$/.test(w));
  if (prefixEnd >= 0 && fresh.includes(b[prefixEnd])) return [{ token: b.slice(0, prefixEnd + 1).join(' ') }];
  return fresh.filter((w) => distinctive(w)).map((token) => ({ token }));
}

function requestTokens(subject: string): Token[] {
  const field = / body (\/\S+)$/.exec(subject)?.[1];
  if (field) return fieldTokens(field);
  const query = / \?(\S+)$/.exec(subject)?.[1];
  if (query) return [{ token: query }];
  const path = /^[A-Z]+ (\S+)/.exec(subject)?.[1];
  return path ? [{ token: path.replace(/<[^>]+>/g, '').replace(/\/+$/, '') }] : [];
}

/** Tokens the head's documents would name if they documented the new behaviour; the base's for the old one. */
function tokensOf(row: FoldedRow): { head: Token[]; base: Token[] } {
  switch (row.kind) {
    case 'added':
      return { head: [...fieldTokens(row.subject), ...valueTokens(row.head)], base: [] };
    case 'removed':
      return { head: fieldTokens(row.subject), base: fieldTokens(row.subject) };
    case 'changed':
      return { head: valueTokens(row.head), base: valueTokens(row.base) };
    case 'printed-command':
      return { head: commandTokens(row.base, row.head), base: commandTokens(row.head, row.base) };
    case 'exit': {
      const code = (t: string | null) => [...(t ?? '').matchAll(/"code":"([A-Z][A-Z0-9_]+)"/g)].map((m) => ({ token: m[1] }));
      return { head: code(row.head), base: code(row.base) };
    }
    case 'file': {
      const mode = (t: string | null) => (t ? [...t.matchAll(/mode (\d{4})/g)].map((m) => ({ token: m[1] })) : []);
      return { head: mode(row.head), base: mode(row.base) };
    }
    case 'request':
      return { head: [...requestTokens(row.subject), ...valueTokens(row.head)], base: [...requestTokens(row.subject), ...valueTokens(row.base)] };
    default:
      return { head: [], base: [] };
  }
}

/** A JSON pointer (schema issues use item indexes) as the diff writes it (`*` for items). */
function starred(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}

/** Harness-gap checks of the scenarios a row was seen in that name its pointer. */
function gapFor(row: FoldedRow, ctx: ClassifyContext): CheckRecord | null {
  if (!row.subject.startsWith('/')) return null;
  for (const o of row.occurrences) {
    const s = ctx.scenarios.get(o.scenario);
    const records = [...(s?.head?.checks ?? []), ...(s?.base?.checks ?? [])].filter((c) => c.outcome === 'harness-gap');
    for (const c of records) {
      const at = / at (\/\S+?):/.exec(c.message)?.[1];
      if (at && (starred(at) === row.subject || starred(at).startsWith(`${row.subject}/`) || row.subject.startsWith(`${starred(at)}/`))) return c;
    }
  }
  return null;
}

function classifyCheck(row: FoldedRow, ctx: ClassifyContext): Verdict {
  const o = row.occurrences[0];
  const { base, head } = o.checks ?? { base: null, head: null };
  const id = (head ?? base)?.rule?.id ?? null;
  if (head?.outcome === 'harness-gap' || (base?.outcome === 'harness-gap' && !head)) {
    return { class: 'harness-gap', reason: 'a harness gap: the fake or the harness did not do what the documents say the service does' };
  }
  if (head?.outcome === 'failed' && id) return { class: 'regression', reason: 'a check under a rule the head’s documents state fails now', rule: cite(id, 'head') };
  if (id && !ctx.head.stated.has(id) && ctx.base.stated.has(id) && head?.outcome !== 'failed') {
    return { class: 'documented-removal', reason: 'the rule it was held to is stated by the base’s documents only; the head’s dropped the sentence', rule: cite(id, 'base') };
  }
  if (id && !head && ctx.head.stated.has(id) && !ruleOf(id)?.observation) {
    return { class: 'documented', reason: `holds now, as the head’s documents state${ctx.base.stated.has(id) ? '' : ' (the base’s did not)'}`, rule: cite(id, 'head') };
  }
  if (id && ruleOf(id)?.observation) return { class: 'undocumented', reason: 'an observation under a sentence that tells agents, not the CLI, what to do' };
  if (!id) return { class: 'undocumented', reason: 'an observation: no sentence of either side’s documents states this' };
  return { class: 'undocumented', reason: `the outcome under ${id} changed` };
}

function classifyStatus(row: FoldedRow, ctx: ClassifyContext): Verdict {
  const text = `${row.base ?? ''} ${row.head ?? ''}`;
  const baseOnly = RULES.find((r) => text.includes(r.id) && ctx.base.stated.has(r.id) && !ctx.head.stated.has(r.id));
  if (baseOnly) return { class: 'documented-removal', reason: 'the scenario depends on a rule the head’s documents no longer state', rule: cite(baseOnly.id, 'base') };
  return { class: 'harness-gap', reason: 'the scenario’s status changed without a check under a rule failing: the harness or its fake' };
}

/** Rules of a command's section whose literals name this key: what a sentence promises about the field. */
function assertingRules(key: string, command: string): string[] {
  return RULES.filter((r) => r.asserts.includes(key) && !r.observation && isCommandSection(r, command)).map((r) => r.id);
}

/** A removed field or changed constant checked against what each side's documented shape promises. */
function promised(row: FoldedRow, ctx: ClassifyContext): Verdict | null {
  if (row.kind !== 'removed' && row.kind !== 'changed') return null;
  const m = /^\/(data|error)(\/.*)$/.exec(row.subject);
  if (!m) return null;
  const dataPointer = m[2];
  const key = dataPointer.split('/').filter((p) => !INDEX.test(p)).pop() ?? '';
  for (const o of row.occurrences) {
    if (m[1] !== 'data') break;
    const inHead = o.headShape ? promiseAt(ctx.head.schemas[o.headShape], dataPointer) : null;
    if (inHead?.rule && ctx.head.stated.has(inHead.rule)) {
      if (row.kind === 'removed' && inHead.required) {
        return { class: 'regression', reason: `the head’s documented ${o.headShape} shape still requires ${dotted(row.subject)}`, rule: cite(inHead.rule, 'head') };
      }
      if (row.kind === 'changed' && inHead.constant !== undefined && JSON.stringify(inHead.constant) !== row.head) {
        return { class: 'regression', reason: `the head’s documented ${o.headShape} shape fixes ${dotted(row.subject)} to ${JSON.stringify(inHead.constant)}`, rule: cite(inHead.rule, 'head') };
      }
    }
    const inBase = o.baseShape ? promiseAt(ctx.base.schemas[o.baseShape], dataPointer) : null;
    if (row.kind === 'removed' && inBase?.required && inBase.rule && !(inHead?.required && inHead.rule && ctx.head.stated.has(inHead.rule))) {
      return { class: 'documented-removal', reason: `only the base’s documented ${o.baseShape} shape required ${dotted(row.subject)}`, rule: cite(inBase.rule, 'base') };
    }
  }
  if (row.kind === 'removed' && key) {
    const rules = assertingRules(key, row.command);
    const byHead = rules.find((id) => ctx.head.stated.has(id));
    if (byHead) return { class: 'regression', reason: `a rule the head’s documents state names ${key}`, rule: cite(byHead, 'head') };
    const byBase = rules.find((id) => ctx.base.stated.has(id));
    if (byBase) return { class: 'documented-removal', reason: `only the base’s documents state the rule naming ${key}`, rule: cite(byBase, 'base') };
  }
  return null;
}

function byMentions(row: FoldedRow, ctx: ClassifyContext): Verdict {
  const tokens = tokensOf(row);
  const command = row.command;
  if (row.kind === 'removed') {
    const inHead = firstMention(ctx.head, ctx.base, tokens.head, command);
    if (inHead) return { class: 'undocumented', reason: `removed, though the head’s documents still name ${inHead.mentions}`, citation: inHead };
    const inBase = firstMention(ctx.base, ctx.head, tokens.base, command);
    if (inBase) return { class: 'documented-removal', reason: `the base’s documents named ${inBase.mentions}; the head’s no longer do`, citation: inBase };
    return { class: 'undocumented', reason: 'neither side’s documents name the field' };
  }
  const inHead = firstMention(ctx.head, ctx.base, tokens.head, command);
  if (inHead) return { class: 'documented', reason: `the head’s documents name ${inHead.mentions}${inHead.new_sentence ? ' in a sentence the base lacked' : ''}`, citation: inHead };
  const old = firstMention(ctx.base, ctx.head, tokens.base, command);
  if (old && mentions(ctx.head, old.mentions, command).length === 0) {
    return { class: 'documented-removal', reason: `the base’s documents named ${old.mentions}; the head’s no longer do`, citation: old };
  }
  const what = tokens.head.length > 0 ? tokens.head.map((t) => t.token).slice(0, 3).join(', ') : null;
  return { class: 'undocumented', reason: what ? `neither side’s documents name ${what}` : 'no sentence of either side’s documents speaks of it' };
}

/**
 * True when the head's documents are an older release than the base's (both are release
 * numbers): what the base's documents promised and the head lacks was not dropped by a later
 * release, it is taken back.
 */
export function isDowngrade(ctx: Pick<ClassifyContext, 'base' | 'head'>): boolean {
  const { base, head } = ctx;
  return base.version !== null && head.version !== null && parseVersion(base.version) !== null && parseVersion(head.version) !== null && compareVersions(head.version, base.version) < 0;
}

function classifyBySides(row: FoldedRow, ctx: ClassifyContext): Verdict {
  if (row.kind === 'check') return classifyCheck(row, ctx);
  if (row.kind === 'status') return classifyStatus(row, ctx);
  const gap = gapFor(row, ctx);
  if (gap) return { class: 'harness-gap', reason: `a harness gap: ${gap.message.split('; harness gap: ')[1] ?? gap.message}`.slice(0, 300) };
  return promised(row, ctx) ?? byMentions(row, ctx);
}

/**
 * The class of one change. A documented removal needs a head that is a later release: in a
 * downgrade, breaking what the base's documents state is a regression.
 */
export function classifyRow(row: FoldedRow, ctx: ClassifyContext): Verdict {
  const verdict = classifyBySides(row, ctx);
  if (verdict.class !== 'documented-removal' || !isDowngrade(ctx)) return verdict;
  return { ...verdict, class: 'regression', reason: `${verdict.reason}; but the head (${ctx.head.version}) is an older release than the base (${ctx.base.version}): a downgrade takes back what the base promised` };
}

/** A step only one run took because a printed command changed: it follows that change's class. */
export function linkSteps(rows: FoldedRow[], verdicts: Map<FoldedRow, Verdict>): void {
  for (const row of rows) {
    if (row.kind !== 'step') continue;
    const source = rows.find(
      (r) =>
        r.kind === 'printed-command' &&
        r.scenarios.some((s) => row.scenarios.includes(s)) &&
        [r.base, r.head].some((t) => t !== null && t.includes(` ${row.subject} `)),
    );
    const v = source ? verdicts.get(source) : undefined;
    if (source && v) verdicts.set(row, { class: v.class, reason: 'follows from a printed command that changed', followsFrom: source, rule: v.rule, citation: v.citation });
  }
}

/** What a change took away, as a rule's literals would name it: the old value, a dropped flag or field, an old file mode. */
function oldLiterals(row: FoldedRow): string[] {
  const t = tokensOf(row).base.map((x) => x.token);
  if (row.kind === 'removed') return [...t, row.subject.split('/').filter((p) => !INDEX.test(p)).pop() ?? ''];
  return t;
}

/** What a change brought, as a rule's literals would name it: the new value, flag or file mode, the flags of an outcome that changed. */
function newLiterals(row: FoldedRow): string[] {
  const t = tokensOf(row).head.map((x) => x.token);
  if (row.kind === 'exit') return [...t, ...row.forms.flatMap((f) => f.split(' ').filter((w) => w.startsWith('--')))];
  return t;
}

/** The output pointer a check names (schema findings read `<schema> at /data/x/0/y: expected …`), items as `*`. */
function checkPointer(row: FoldedRow): string | null {
  const c = row.occurrences[0]?.checks;
  const message = (c?.head ?? c?.base)?.message ?? '';
  const at = / at (\/\S*?):/.exec(message)?.[1];
  return at ? starred(at) : null;
}

const FIELD_KINDS = new Set(['added', 'removed', 'changed', 'printed-command']);

/**
 * A check that names an output pointer says the same thing as the field change at that pointer:
 * the field row takes the check's verdict when it is the stronger one (a regression, a harness
 * gap, a documented removal), and the check row is dropped. Returns the absorbed check rows, each
 * with the field row that stands for it.
 */
export function absorbChecks(rows: FoldedRow[], verdicts: Map<FoldedRow, Verdict>): Map<FoldedRow, FoldedRow> {
  const absorbed = new Map<FoldedRow, FoldedRow>();
  const strength = (v: Verdict | undefined) => (v ? ['regression', 'harness-gap', 'documented-removal', 'documented'].indexOf(v.class) : -1);
  for (const row of rows) {
    if (row.kind !== 'check') continue;
    const p = checkPointer(row);
    const v = verdicts.get(row) as Verdict;
    const asserts = new Set((v.rule ? (ruleOf(v.rule.id)?.asserts ?? []) : []).map((a) => a.toLowerCase()));
    const together = (f: FoldedRow) => f !== row && f.scenarios.some((s) => row.scenarios.includes(s));
    const byPointer = (f: FoldedRow) => p !== null && FIELD_KINDS.has(f.kind) && (f.subject === p || f.subject.startsWith(`${p}/`) || p.startsWith(`${f.subject}/`));
    // The literal the rule holds the CLI to (`0600`, a flag) is what the change took away, or, for a
    // rule that holds now, what it brought.
    const literals = (f: FoldedRow) => (v.class === 'documented' ? newLiterals(f) : v.class === 'regression' || v.class === 'documented-removal' ? oldLiterals(f) : []);
    const byLiteral = (f: FoldedRow) => f.kind !== 'check' && f.kind !== 'step' && literals(f).some((l) => asserts.has(l.toLowerCase()));
    const fields = rows.filter((f) => together(f) && (byPointer(f) || byLiteral(f)));
    if (fields.length === 0) continue;
    for (const f of fields) {
      const fv = verdicts.get(f);
      const better = strength(v) >= 0 && (strength(fv) < 0 || strength(v) < strength(fv));
      const check = row.head === 'holds' ? `was ${row.base}` : `${row.head}`;
      if (better) verdicts.set(f, { ...v, reason: `${v.reason} (${check})`.slice(0, 500) });
    }
    absorbed.set(row, fields[0]);
  }
  return absorbed;
}

export type { Occurrence };
