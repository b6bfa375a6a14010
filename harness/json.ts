/** JSON that arrives from outside (CLI output, request bodies, files), narrowed in one place. */
import { readFile } from 'node:fs/promises';

export type JsonObject = Record<string, unknown>;

/** A plain JSON object (not null, not an array). */
export function isRecord(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A request body as a JSON object: `{}` when the body is empty (no fields given), null when
 * it is not JSON or not an object.
 */
export async function readJsonObject(request: Request): Promise<JsonObject | null> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
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
