/** JSON that arrives from outside (CLI output, request bodies, files), narrowed in one place. */
import { readFile } from 'node:fs/promises';

export type JsonObject = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What a request body holds: nothing (blank), a JSON value, or text that is not JSON. */
export type BodyRead = { ok: true; empty: true } | { ok: true; empty: false; value: unknown } | { ok: false; problem: string };

/** The one reader of request bodies (the fake's service and admin routes both start here). */
export async function readRequestJson(request: Request): Promise<BodyRead> {
  const text = await request.text();
  if (text.trim() === '') return { ok: true, empty: true };
  try {
    return { ok: true, empty: false, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, problem: (err as Error).message };
  }
}

/**
 * A request body as a JSON object: `{}` when the body is empty (no fields given), null when
 * it is not JSON or not an object.
 */
export async function readJsonObject(request: Request): Promise<JsonObject | null> {
  const read = await readRequestJson(request);
  if (!read.ok) return null;
  if (read.empty) return {};
  return isRecord(read.value) ? read.value : null;
}

/** A text's JSON value, else the text itself (null for an empty text): for journals and body edits. */
export function jsonOrText(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** A JSON file's value, or the one problem that stopped reading it (unreadable, or not JSON). */
export async function readJsonFile(file: string): Promise<{ ok: true; value: unknown } | { ok: false; problem: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    return { ok: false, problem: `cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})` };
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, problem: `not valid JSON (${(err as Error).message})` };
  }
}
