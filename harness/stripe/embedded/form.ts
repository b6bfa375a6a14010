/**
 * Decode the bracket-notation form encoding the stripe SDK sends
 * (`line_items[0][price_data][unit_amount]=500&metadata[foo]=bar`) into nested values.
 * Objects whose keys are exactly 0..n-1 become arrays. Values stay strings, as on the wire.
 */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

export class FormParseError extends Error {}

function splitKey(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open === -1) return [rawKey];
  const segments = [rawKey.slice(0, open)];
  const rest = rawKey.slice(open);
  const pattern = /\[([^\]]*)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = pattern.exec(rest)) !== null) {
    segments.push(match[1]);
    consumed = pattern.lastIndex;
  }
  if (consumed !== rest.length) throw new FormParseError(`Malformed parameter name: ${rawKey}`);
  return segments;
}

function isFormObject(value: FormValue | undefined): value is FormObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function assign(target: FormObject, segments: string[], value: string, rawKey: string): void {
  let node = target;
  for (let i = 0; i < segments.length; i++) {
    let segment = segments[i];
    if (segment === '' && i > 0) segment = String(Object.keys(node).length); // `expand[]=x` style
    if (segment === '' || FORBIDDEN_KEYS.has(segment)) throw new FormParseError(`Invalid parameter name: ${rawKey}`);
    const last = i === segments.length - 1;
    if (last) {
      if (segment in node) throw new FormParseError(`Parameter given more than once: ${rawKey}`);
      node[segment] = value;
      return;
    }
    const existing = node[segment];
    if (existing === undefined) {
      const child: FormObject = Object.create(null) as FormObject;
      node[segment] = child;
      node = child;
    } else if (isFormObject(existing)) {
      node = existing;
    } else {
      throw new FormParseError(`Parameter ${rawKey} conflicts with a scalar value`);
    }
  }
}

function arraysFromIndexedObjects(value: FormValue): FormValue {
  if (!isFormObject(value)) return value;
  const keys = Object.keys(value);
  const converted: FormObject = {};
  for (const key of keys) converted[key] = arraysFromIndexedObjects(value[key]);
  const indexed = keys.length > 0 && keys.every((key) => /^(0|[1-9]\d*)$/.test(key));
  if (!indexed) return converted;
  const ordered = keys.map(Number).sort((a, b) => a - b);
  if (ordered.some((n, i) => n !== i)) return converted;
  return ordered.map((n) => converted[String(n)]);
}

export function parseStripeForm(body: string): FormObject {
  const root: FormObject = Object.create(null) as FormObject;
  for (const [rawKey, value] of new URLSearchParams(body)) {
    assign(root, splitKey(rawKey), value, rawKey);
  }
  const result = arraysFromIndexedObjects(root);
  return isFormObject(result) ? result : {};
}
