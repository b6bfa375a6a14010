/**
 * The fake answers as the documents in force say the service does. A documented minimum-shape
 * example of cli.md is both the shape the CLI's output is checked against and the template of
 * the fake's answer for the command's route: every field of the example that the fake's own
 * answer lacks is added, with a value from the fake's own state where it keeps one (the same
 * field one level down, e.g. `job.status` for a top-level `status`), else the example's value.
 * A field a later release adds to an example so reaches the fake's answer without a code change.
 *
 * What the CLI itself must produce (the command table's `cliProduced` pointers: its config
 * report, the commands it prints, ...) is never added, so a CLI still has to make it.
 */
import { COMMANDS, isCliProduced, type CommandSpec } from '../rules/commands.js';
import { selectShape } from '../checks/schema-select.js';
import { shapeKey } from '../checks/contract-shapes.js';
import { isRecord } from '../json.js';

export interface FilledAnswer {
  data: unknown;
  /** Shape key of the example used; null when none applied. */
  shape: string | null;
  /** JSON pointers (under data) the example added. */
  filled: string[];
}

export interface DocumentedAnswers {
  /** The examples by shape key (read-only view). */
  readonly examples: Readonly<Record<string, unknown>>;
  /** The service's `data` for a command with the example's missing fields added. */
  fill(command: string, data: unknown): FilledAnswer;
}

const BY_NAME = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.name, c]));

function escapeSegment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** One template for every item of a documented array: the union of its object items' fields. */
function itemTemplate(items: unknown[]): unknown {
  const objects = items.filter(isRecord);
  if (objects.length === 0) return items[0];
  return Object.assign({}, ...objects) as unknown;
}

/** The value the fake keeps for `key` one level down (same JSON type as the example's), if any. */
function ownValue(data: Record<string, unknown>, key: string, example: unknown): { found: boolean; value?: unknown } {
  for (const child of Object.values(data)) {
    if (!isRecord(child) || !(key in child)) continue;
    const v = child[key];
    const sameType = v === null || example === null || (Array.isArray(v) === Array.isArray(example) && typeof v === typeof example);
    if (sameType) return { found: true, value: structuredClone(v) };
  }
  return { found: false };
}

function fillInto(example: unknown, data: unknown, at: string, spec: CommandSpec, filled: string[]): unknown {
  if (Array.isArray(example) && Array.isArray(data)) {
    if (example.length === 0) return data;
    const template = itemTemplate(example);
    return data.map((item, i) => fillInto(template, item, `${at}/${i}`, spec, filled));
  }
  if (!isRecord(example) || !isRecord(data)) return data;
  const out: Record<string, unknown> = { ...data };
  for (const [key, value] of Object.entries(example)) {
    const pointer = `${at}/${escapeSegment(key)}`;
    if (isCliProduced(spec, pointer)) continue;
    if (key in out) {
      out[key] = fillInto(value, out[key], pointer, spec, filled);
      continue;
    }
    const own = ownValue(data, key, value);
    out[key] = own.found ? own.value : structuredClone(value);
    filled.push(pointer);
  }
  return out;
}

export function createDocumentedAnswers(examples: Record<string, unknown> | null | undefined): DocumentedAnswers {
  const table: Record<string, unknown> = { ...(examples ?? {}) };
  return {
    examples: table,
    fill(command, data) {
      const spec = BY_NAME.get(command);
      if (!spec?.shape || !spec.routes.length || !isRecord(data)) return { data, shape: null, filled: [] };
      const ref = selectShape(spec.words[0], { ok: true, data });
      const key = ref ? shapeKey(ref) : null;
      const example = key ? table[key] : undefined;
      if (!key || example === undefined) return { data, shape: null, filled: [] };
      const filled: string[] = [];
      const out = fillInto(example, data, '', spec, filled);
      return { data: filled.length ? out : data, shape: key, filled };
    },
  };
}
