/** Dot-path edits on parsed JSON ('data.limits.remaining_credits', 'data.models.0.status'). */

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

function step(container: Container, key: string): unknown {
  return Array.isArray(container) ? container[Number(key)] : container[key];
}

function assign(container: Container, key: string, value: unknown): void {
  if (Array.isArray(container)) container[Number(key)] = value;
  else container[key] = value;
}

/** Sets `path`, creating intermediate objects as needed. */
export function setPath(root: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Container = root;
  for (const key of keys.slice(0, -1)) {
    let next = step(cur, key);
    if (!isContainer(next)) {
      next = {};
      assign(cur, key, next);
    }
    cur = next as Container;
  }
  assign(cur, keys[keys.length - 1], value);
}

/** Removes `path` (array items are spliced out); a missing path is ignored. */
export function removePath(root: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  let cur: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!isContainer(cur)) return;
    cur = step(cur, key);
  }
  const last = keys[keys.length - 1];
  if (Array.isArray(cur)) cur.splice(Number(last), 1);
  else if (isContainer(cur)) delete (cur as Record<string, unknown>)[last];
}
