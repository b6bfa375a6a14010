/**
 * Blame goes where the fault is. Before a data-shape failure is charged to the CLI, the journal
 * is read: when the CLI relayed the service's answer and the field was already absent (or
 * already wrong in the same way) in that answer, the fault is the fake's, a harness gap, never
 * the CLI's failure.
 *
 * Relayed is decided from evidence, per failing field: the object holding the field in the
 * CLI's data and the object at the same place in a service answer of this invocation (a route
 * of the command's) agree on most of the answer's fields (at least one, and at least half of
 * them). A field the command table lists as the CLI's own (`cliProduced`) is always the CLI's.
 */
import { isDeepStrictEqual } from 'node:util';
import type { JournalEntry } from '../fake/types.js';
import type { SchemaIssue } from '../runner/types.js';
import { commandFor, commandForRoute, isCliProduced } from '../rules/commands.js';
import { isRecord } from '../json.js';

const ABSENT = Symbol('absent');

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function segments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map(unescape);
}

function at(value: unknown, path: string[]): unknown {
  let v: unknown = value;
  for (const s of path) {
    if (Array.isArray(v) && /^\d+$/.test(s)) v = v[Number(s)];
    else if (isRecord(v) && s in v) v = v[s];
    else return ABSENT;
    if (v === undefined) return ABSENT;
  }
  return v;
}

/** Where the fault lies for one schema issue of the CLI's output: a ground in words when it is the harness's, else null. */
export function harnessGapGround(args: string[], issue: SchemaIssue, printed: unknown, requests: readonly JournalEntry[]): string | null {
  if (!issue.pointer.startsWith('/data/')) return null;
  const pointer = issue.pointer.slice('/data'.length);
  const command = commandFor(args);
  if (!command || isCliProduced(command, pointer)) return null;
  const path = segments(pointer);
  const parentPath = path.slice(0, -1);
  const cliData = isRecord(printed) ? printed.data : undefined;
  const cliValue = at(cliData, path);
  const cliParent = at(cliData, parentPath);
  if (!isRecord(cliParent)) return null;
  for (const r of requests) {
    if (!r.responseData || commandForRoute(r.method, r.path) !== command) continue;
    const answer = r.responseData();
    const answerParent = at(answer, parentPath);
    if (!isRecord(answerParent)) continue;
    // The service sent the field as the CLI printed it: absent there too, or the same wrong value.
    const answerValue = at(answer, path);
    const same = answerValue === ABSENT ? cliValue === ABSENT : cliValue !== ABSENT && isDeepStrictEqual(answerValue, cliValue);
    if (!same) continue;
    const fields = Object.keys(answerParent).filter((k) => k !== path[path.length - 1]);
    const equal = fields.filter((k) => k in cliParent && isDeepStrictEqual(cliParent[k], answerParent[k])).length;
    if (equal === 0 || equal * 2 < fields.length) continue;
    const where = parentPath.length ? `/${parentPath.join('/')}` : 'its top level';
    const what = answerValue === ABSENT ? `lacked ${pointer}` : `already had ${pointer} = ${JSON.stringify(answerValue)?.slice(0, 60)}`;
    return `the fake's answer to ${r.method} ${r.path} ${what}, and the CLI's data at ${where} relays that answer (${equal} of its ${fields.length} other fields equal)`;
  }
  return null;
}
