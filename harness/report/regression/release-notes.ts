/**
 * The release notes beside the measured changes: when a package ships CHANGELOG.md, its entries
 * for the versions between the two builds, each with the changes whose field, value, flag or
 * route it names in code; an entry naming none of them was not exercised by the scenarios,
 * and a change no entry names is listed too.
 */
import { compareVersions, parseVersion } from '../../checks/schema-files.js';
import type { RunResults } from '../results.js';
import type { Change, ReleaseNoteEntry, ReleaseNotes } from './types.js';
import { dotted } from './values.js';
import { ruleOf } from './documents.js';

interface Side {
  results: RunResults;
  changelog?: string | null;
}

/** `## 0.1.25 - 2026-06-02` sections and their `- ` entries (continuation lines joined). */
export function parseChangelog(text: string): Array<{ version: string; entries: string[] }> {
  const out: Array<{ version: string; entries: string[] }> = [];
  let current: { version: string; entries: string[] } | null = null;
  for (const line of text.split(/\r?\n/)) {
    const heading = /^##\s+v?(\d+\.\d+\.\d+\S*)/.exec(line);
    if (heading) {
      current = { version: heading[1], entries: [] };
      out.push(current);
      continue;
    }
    if (/^#{1,2}\s/.test(line)) {
      current = null;
      continue;
    }
    if (!current) continue;
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (item) current.entries.push(item[1].trim());
    else if (/^\s+\S/.test(line) && current.entries.length > 0) current.entries[current.entries.length - 1] += ` ${line.trim()}`;
  }
  return out;
}

/** Flags every command takes say nothing about which change an entry is about. */
const COMMON = new Set(['--json', '--help', 'image-skill', 'npx', '-y']);

/** Names an entry gives in code spans: fields, values, flags, routes (not prose, not bare command words). */
export function entryTokens(entry: string): string[] {
  const spans = [...entry.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
  const tokens = spans.flatMap((s) => s.split(/[\s,=]+/)).map((t) => t.replace(/^[("']+|[)"'.:;]+$/g, '').toLowerCase());
  return [...new Set(tokens.filter((t) => t.length >= 3 && !COMMON.has(t) && (/[_./-]|\d/.test(t) || t.length >= 8)))];
}

/** Dotted names of every field inside an added or removed object (`data.auth_handoff.status`). */
function innerNames(prefix: string, text: string | null): string[] {
  if (text === null) return [];
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x) => walk(x, path));
    else if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        out.push(`${path}.${k}`);
        walk(x, `${path}.${k}`);
      }
    }
  };
  for (const part of text.split(' | ')) {
    try {
      walk(JSON.parse(part) as unknown, prefix);
    } catch {
      // not JSON: nothing inside
    }
  }
  return out;
}

function flags(text: string | null): Set<string> {
  return new Set((text ?? '').match(/(?<=\s|")--[a-z][a-z0-9-]*/g) ?? []);
}

/** One-word values (enum-like), which an entry may name. */
function words(text: string | null): string[] {
  return (text ?? '').split(' | ').flatMap((t) => {
    const m = /^"([A-Za-z0-9_.:@/+-]{3,60})"$/.exec(t);
    return m ? [m[1]] : [];
  });
}

/**
 * What a change is about, as an entry would name it: the field's dotted path (and those inside
 * an added or removed object), one-word values, the flags a printed command gained or lost,
 * error codes, a file's path and mode, a request's route and body fields, a check's rule and its literals.
 */
export function changeNames(c: Change): string[] {
  const out: string[] = [];
  if (c.subject.startsWith('/')) {
    const name = dotted(c.subject);
    out.push(name, ...innerNames(name, c.base), ...innerNames(name, c.head));
  }
  if (c.kind === 'printed-command') {
    const [a, b] = [flags(c.base), flags(c.head)];
    out.push(...[...a].filter((f) => !b.has(f)), ...[...b].filter((f) => !a.has(f)));
  }
  if (c.kind === 'changed' || c.kind === 'added') out.push(...words(c.base), ...words(c.head));
  if (c.kind === 'exit') out.push(...[...`${c.base} ${c.head}`.matchAll(/"code":"([A-Z][A-Z0-9_]+)"/g)].map((m) => m[1]));
  if (c.kind === 'file') out.push(c.subject, ...[...`${c.base} ${c.head}`.matchAll(/mode (\d{4})/g)].map((m) => m[1]));
  if (c.kind === 'request') {
    const m = /^[A-Z]+ (\S+)(?: body (\/\S+)| \?(\S+))?$/.exec(c.subject);
    if (m) out.push(m[1], ...(m[2] ? [dotted(m[2])] : []), ...(m[3] ? [m[3]] : []));
  }
  if (c.kind === 'check' && c.rule) out.push(c.rule.id, ...(ruleOf(c.rule.id)?.asserts ?? []));
  return [...new Set(out.map((n) => n.toLowerCase()))];
}

/** A token names a name when it is the name, its last part, or a snake_case prefix of a part (`agent_settleable` of `agent_settleable_methods`). */
function names(name: string, token: string): boolean {
  if (name === token || name.endsWith(`.${token}`) || name.startsWith(`${token}.`) || name.includes(`.${token}.`)) return true;
  return name.startsWith(`${token}_`) || name.includes(`.${token}_`) || (token.startsWith('/') && name.startsWith(token));
}

export function releaseNotes(base: Side, head: Side, changes: Change[]): ReleaseNotes | undefined {
  const bv = base.results.cli.version;
  const hv = head.results.cli.version;
  if (!bv || !hv || !parseVersion(bv) || !parseVersion(hv) || bv === hv) return undefined;
  // The newer build's notes hold the entries between the two (a downgrade reads the base's).
  const upgrade = compareVersions(hv, bv) > 0;
  const text = upgrade ? head.changelog : base.changelog;
  if (!text) return undefined;
  const [low, high] = upgrade ? [bv, hv] : [hv, bv];
  const sections = parseChangelog(text).filter((s) => parseVersion(s.version) && compareVersions(s.version, low) > 0 && compareVersions(s.version, high) <= 0);
  const measured = changes.filter((c) => c.class !== 'harness-gap');
  const known = new Map(measured.map((c) => [c.id, changeNames(c)]));
  const entries: ReleaseNoteEntry[] = sections.flatMap((s) =>
    s.entries.map((entry) => {
      const tokens = entryTokens(entry);
      const matched = measured.filter((c) => tokens.some((t) => (known.get(c.id) ?? []).some((n) => names(n, t)))).map((c) => c.id);
      return { version: s.version, text: entry, changes: matched };
    }),
  );
  const mentioned = new Set(entries.flatMap((e) => e.changes));
  return {
    source: upgrade ? 'head' : 'base',
    versions: sections.map((s) => s.version),
    entries,
    unmentioned: measured.filter((c) => !mentioned.has(c.id)).map((c) => c.id),
  };
}
