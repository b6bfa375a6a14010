/**
 * Pulls the "Minimum ... data" JSON examples out of a CLI contract document
 * (cli.md) and turns an example into a minimum JSON Schema.
 */

export type JsonSchema = { [key: string]: unknown };

export interface ExtractedExample {
  /** Text of the nearest `###` heading above the example, backticks removed. */
  section: string;
  /** The introducing line without its trailing colon, e.g. "Minimum x402 action-required data". */
  label: string;
  example?: unknown;
  /** Set instead of `example` when the block is not valid JSON; names the section. */
  error?: string;
}

// A paragraph line such as "Minimum success data:" or "Minimum success data shape:".
const LABEL_LINE = /^\s*(Minimum\b[^:\n]*\bdata\b[^:\n]*):\s*$/i;
const HEADING_3 = /^###\s+(.+?)\s*$/;
const FENCE_OPEN_JSON = /^\s*```json\s*$/i;
const FENCE_CLOSE = /^\s*```\s*$/;

export function extractMinimumExamples(cliMd: string): ExtractedExample[] {
  const lines = cliMd.split(/\r?\n/);
  const found: ExtractedExample[] = [];
  let section = '(no section)';
  for (let i = 0; i < lines.length; i++) {
    const heading = HEADING_3.exec(lines[i]);
    if (heading) {
      section = heading[1].replace(/`/g, '').trim();
      continue;
    }
    const label = LABEL_LINE.exec(lines[i]);
    if (!label) continue;
    const open = nextNonBlank(lines, i + 1);
    if (open < 0 || !FENCE_OPEN_JSON.test(lines[open])) continue;
    const close = findClose(lines, open + 1);
    const body = lines.slice(open + 1, close < 0 ? lines.length : close).join('\n');
    found.push(parseExample(section, label[1].trim(), body, close < 0));
    i = close < 0 ? lines.length : close;
  }
  return found;
}

function parseExample(section: string, label: string, body: string, unterminated: boolean): ExtractedExample {
  if (unterminated) return { section, label, error: `section "${section}": "${label}" code block is never closed` };
  try {
    return { section, label, example: JSON.parse(body) as unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { section, label, error: `section "${section}": "${label}" example is not valid JSON (${why})` };
  }
}

function nextNonBlank(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (lines[i].trim() !== '') return i;
  return -1;
}

function findClose(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (FENCE_CLOSE.test(lines[i])) return i;
  return -1;
}

/**
 * Minimum schema for an example: every key required, types from the values,
 * extra keys allowed. Numbers are typed "number" (JSON has no integer type of
 * its own). A null value says only "may be null", so it accepts any value.
 * Array items take the union of all items' shapes.
 */
export function deriveSchema(example: unknown): JsonSchema {
  if (example === null) return {};
  if (Array.isArray(example)) {
    if (example.length === 0) return { type: 'array' };
    return { type: 'array', items: example.map(deriveSchema).reduce(unionSchemas) };
  }
  switch (typeof example) {
    case 'string':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'object':
      return objectSchema(example as Record<string, unknown>);
    default:
      return {};
  }
}

function objectSchema(value: Record<string, unknown>): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const [key, v] of Object.entries(value)) properties[key] = deriveSchema(v);
  return { type: 'object', properties, required: Object.keys(value) };
}

function typesOf(s: JsonSchema): string[] | null {
  if (s.type === undefined) return null; // unconstrained
  return Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
}

/** Union of two derived schemas: a value valid for either stays valid. */
export function unionSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  const ta = typesOf(a);
  const tb = typesOf(b);
  // One side came from a null example: the other side's type plus null.
  if (ta === null || tb === null) {
    const known = ta ?? tb;
    if (known === null) return {};
    const base = ta === null ? b : a;
    return { ...base, type: [...new Set([...known, 'null'])] };
  }
  const types = [...new Set([...ta, ...tb])];
  const out: JsonSchema = { type: types.length === 1 ? types[0] : types };
  if (types.includes('object')) {
    const pa = (a.properties ?? {}) as Record<string, JsonSchema>;
    const pb = (b.properties ?? {}) as Record<string, JsonSchema>;
    const properties: Record<string, JsonSchema> = {};
    for (const key of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
      properties[key] = pa[key] && pb[key] ? unionSchemas(pa[key], pb[key]) : (pa[key] ?? pb[key]);
    }
    out.properties = properties;
    // Required only when every object side requires it.
    const ra = ta.includes('object') ? ((a.required ?? []) as string[]) : null;
    const rb = tb.includes('object') ? ((b.required ?? []) as string[]) : null;
    out.required = ra && rb ? ra.filter((k) => rb.includes(k)) : (ra ?? rb ?? []);
  }
  if (types.includes('array')) {
    const ia = a.items as JsonSchema | undefined;
    const ib = b.items as JsonSchema | undefined;
    if (ia && ib) out.items = unionSchemas(ia, ib);
    else if (ia ?? ib) out.items = ia ?? ib;
  }
  return out;
}
