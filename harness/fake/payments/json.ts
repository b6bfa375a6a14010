/** Narrowing helpers for JSON that arrives from outside (request bodies, webhook payloads). */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(obj: JsonObject, key: string): string | null {
  const value = obj[key];
  return typeof value === 'string' ? value : null;
}

export function numberField(obj: JsonObject, key: string): number | null {
  const value = obj[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function objectField(obj: JsonObject, key: string): JsonObject | null {
  const value = obj[key];
  return isObject(value) ? value : null;
}

/** Parse a request body as a JSON object; null when it is absent, not JSON, or not an object. */
export async function readJsonObject(request: Request): Promise<JsonObject | null> {
  const text = await request.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
