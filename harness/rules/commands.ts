/**
 * The command table: the one place the documented commands are listed, with their words
 * (aliases first-class), the data shape their output is checked against, the cli.md
 * section whose minimum-shape example(s) describe it, the hosted routes they use, and
 * whether they need auth. Schema selection, example mapping, journal rules and the fake's
 * route names all read it.
 */

export interface CommandSpec {
  /** Canonical words, e.g. 'credits packs list'. */
  name: string;
  /** Every accepted spelling (canonical first), e.g. [['usage','quota'], ['quota']]. */
  words: string[][];
  /** Shape id of the success data (variants are picked in schema-select.ts); null: envelope only. */
  shape: string | null;
  /** The `###` section of cli.md (backticks dropped) and, per example label, the shape key it documents. */
  examples?: { section: RegExp; byLabel?: Array<{ label: RegExp; key: string }>; key?: string };
  /**
   * Documented hosted routes this command requests: the method and an msw-style path pattern
   * (`:param` one segment, `*` the rest), the same syntax a fake override takes; `path` is its regex.
   */
  routes: Array<{ method: string; pattern: string; path: RegExp }>;
  /** 'none': the documents say it needs no auth. */
  auth: 'required' | 'none' | 'optional';
  /**
   * JSON pointers under `data` (`*` for any array item) that the CLI itself produces rather than
   * relays from the service's answer: its local config/storage report, the commands it prints.
   * The fake never fills them from the documented example, and a missing one is always the CLI's.
   */
  cliProduced?: string[];
}

/** A route from its pattern: literal text, `:param` for one path segment, a trailing `*` for any rest. */
const r = (method: string, pattern: string) => {
  const source = pattern
    .split(/(:[A-Za-z]+|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return { method, pattern, path: new RegExp(`^${source}$`) };
};

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'doctor', words: [['doctor']], shape: 'doctor', examples: { section: /doctor$/, key: 'doctor' }, routes: [r('GET', '/healthz')], auth: 'optional' },
  { name: 'trust', words: [['trust']], shape: 'trust', examples: { section: /trust$/, key: 'trust' }, routes: [r('GET', '/skill.md'), r('GET', '/llms.txt'), r('GET', '/cli.md'), r('GET', '/image-skill/*')], auth: 'none' },
  { name: 'signup', words: [['signup']], shape: 'signup', examples: { section: /signup( --agent)?$/, key: 'signup' }, routes: [r('POST', '/v1/agent-signups')], auth: 'none' },
  // Where the token came from (config, env, stdin) only the CLI knows.
  { name: 'whoami', words: [['whoami']], shape: 'whoami', examples: { section: /whoami$/, key: 'whoami' }, routes: [r('GET', '/v1/whoami')], auth: 'required', cliProduced: ['/session_origin'] },
  { name: 'usage quota', words: [['usage', 'quota'], ['quota']], shape: 'usage-quota', examples: { section: /(usage )?quota$/, key: 'usage-quota' }, routes: [r('GET', '/v1/quota')], auth: 'required' },
  {
    name: 'credits methods',
    words: [['credits', 'methods']],
    shape: 'credits-methods',
    examples: { section: /credits methods$/, key: 'credits-methods' },
    routes: [r('GET', '/v1/payment-methods')],
    auth: 'none',
  },
  {
    name: 'credits packs list',
    words: [['credits', 'packs', 'list'], ['credits', 'packs']],
    shape: 'credits-packs-list',
    examples: { section: /credits packs( list)?$/, key: 'credits-packs-list' },
    routes: [r('GET', '/v1/credit-packs')],
    auth: 'none',
  },
  {
    name: 'credits quote',
    words: [['credits', 'quote']],
    shape: 'credits-quote',
    examples: { section: /credits quote$/, key: 'credits-quote' },
    routes: [r('POST', '/v1/credit-quotes')],
    auth: 'required',
  },
  {
    name: 'credits buy',
    words: [['credits', 'buy']],
    shape: 'credits-buy',
    examples: { section: /credits buy$/, byLabel: [{ label: /x402/i, key: 'credits-buy.x402' }, { label: /./, key: 'credits-buy.checkout' }] },
    routes: [r('POST', '/v1/credit-purchases/*')],
    auth: 'required',
  },
  {
    name: 'credits status',
    words: [['credits', 'status']],
    shape: 'credits-status',
    examples: {
      section: /credits status$/,
      byLabel: [
        { label: /action.required/i, key: 'credits-status.action-required' },
        { label: /success/i, key: 'credits-status.succeeded' },
      ],
    },
    routes: [r('GET', '/v1/credit-purchases/status')],
    auth: 'required',
  },
  { name: 'models list', words: [['models', 'list'], ['models']], shape: 'models-list', examples: { section: /models list$/, key: 'models-list' }, routes: [r('GET', '/v1/models')], auth: 'optional' },
  { name: 'models show', words: [['models', 'show']], shape: 'models-show', examples: { section: /models show$/, key: 'models-show' }, routes: [r('GET', '/v1/models/*')], auth: 'optional' },
  { name: 'capabilities list', words: [['capabilities', 'list'], ['capabilities']], shape: 'capabilities', routes: [r('GET', '/v1/capabilities')], auth: 'optional' },
  { name: 'capabilities show', words: [['capabilities', 'show']], shape: 'capabilities-show', routes: [r('GET', '/v1/capabilities/*')], auth: 'optional' },
  {
    name: 'create',
    words: [['create']],
    shape: 'create',
    examples: { section: /create$/, byLabel: [{ label: /dry.run/i, key: 'create-dry-run' }, { label: /./, key: 'create' }] },
    routes: [r('POST', '/v1/create')],
    auth: 'required',
  },
  { name: 'edit', words: [['edit']], shape: 'edit', examples: { section: /edit$/, key: 'edit' }, routes: [r('POST', '/v1/edit'), r('POST', '/v1/upload')], auth: 'required' },
  { name: 'upload', words: [['upload']], shape: 'upload', examples: { section: /upload$/, key: 'upload' }, routes: [r('POST', '/v1/upload')], auth: 'required' },
  { name: 'assets show', words: [['assets', 'show']], shape: 'assets-show', examples: { section: /assets show$/, key: 'assets-show' }, routes: [r('GET', '/v1/assets/*')], auth: 'optional' },
  { name: 'assets get', words: [['assets', 'get']], shape: 'assets-get', examples: { section: /assets get$/, key: 'assets-get' }, routes: [r('GET', '/media/*'), r('GET', '/v1/assets/*')], auth: 'optional' },
  { name: 'jobs show', words: [['jobs', 'show']], shape: 'jobs-show', examples: { section: /jobs show$/, key: 'jobs-show' }, routes: [r('GET', '/v1/jobs/:id')], auth: 'required' },
  { name: 'jobs wait', words: [['jobs', 'wait']], shape: 'jobs-wait', examples: { section: /jobs wait$/, key: 'jobs-wait' }, routes: [r('GET', '/v1/jobs/:id')], auth: 'required' },
  { name: 'activity list', words: [['activity', 'list']], shape: 'activity-list', examples: { section: /activity list$/, key: 'activity-list' }, routes: [r('GET', '/v1/activity')], auth: 'required' },
  { name: 'activity show', words: [['activity', 'show']], shape: 'activity-show', examples: { section: /activity show$/, key: 'activity-show' }, routes: [r('GET', '/v1/activity/*')], auth: 'required' },
  { name: 'feedback create', words: [['feedback', 'create']], shape: 'feedback-create', examples: { section: /feedback create$/, key: 'feedback-create' }, routes: [r('POST', '/v1/feedback')], auth: 'required' },
];

/** Global flags that take a separate value and may come before the command words. */
const GLOBAL_VALUE_FLAGS = new Set(['--api-base-url', '--config-path', '--timeout-ms']);

/** The command words (at most three) with leading global flags skipped. */
export function commandWords(args: string[]): string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) i += GLOBAL_VALUE_FLAGS.has(args[i]) ? 2 : 1;
  const words: string[] = [];
  for (; i < args.length && !args[i].startsWith('-') && words.length < 3; i++) words.push(args[i]);
  return words;
}

/** True when a JSON pointer under the command's `data` is, or lies under, one of its `cliProduced` places (array indices match `*`). */
export function isCliProduced(spec: CommandSpec, pointer: string): boolean {
  const p = pointer.replace(/\/\d+(?=\/|$)/g, '/*');
  return (spec.cliProduced ?? []).some((pat) => p === pat || p.startsWith(`${pat}/`));
}

/** The command an argv names: the longest matching spelling wins ("credits packs list" before "credits packs"). */
export function commandFor(args: string[]): CommandSpec | null {
  const words = commandWords(args);
  let best: { spec: CommandSpec; n: number } | null = null;
  for (const spec of COMMANDS) {
    for (const w of spec.words) {
      if (w.length <= words.length && w.every((x, i) => x === words[i]) && (!best || w.length > best.n)) best = { spec, n: w.length };
    }
  }
  return best?.spec ?? null;
}

/** The command whose documented routes include this request; null for routes no command uses. */
export function commandForRoute(method: string, path: string): CommandSpec | null {
  const m = method.toUpperCase();
  return COMMANDS.find((c) => c.routes.some((rt) => rt.method === m && rt.path.test(path))) ?? null;
}

/** Shape key for a cli.md minimum-shape example, from its `###` section and label. */
export function shapeKeyForExample(section: string, label: string): string | null {
  const s = section.replace(/`/g, '').trim();
  for (const c of COMMANDS) {
    const ex = c.examples;
    if (!ex || !ex.section.test(s)) continue;
    if (ex.key) return ex.key;
    const hit = ex.byLabel?.find((b) => b.label.test(label));
    if (hit) return hit.key;
  }
  return null;
}
