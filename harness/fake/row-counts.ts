/**
 * How many rows each entity of an @mswjs/data store holds. The HTTP server takes them before and
 * after a request, so every journal entry says what that request created on the fake (a quote,
 * a payment attempt, a job, an identity): the ground of the "creates nothing" journal rules
 * (harness/checks/journal-rules.ts), instead of a hand-kept list of routes.
 */

interface CountableModel {
  count(): number;
}

function isCountable(value: unknown): value is CountableModel {
  return typeof value === 'object' && value !== null && typeof (value as { count?: unknown }).count === 'function';
}

export function rowCountsOf(db: object): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, model] of Object.entries(db)) if (isCountable(model)) counts[name] = model.count();
  return counts;
}

/** Entities with more rows after than before, with how many more. */
export function rowsCreated(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const created: Record<string, number> = {};
  for (const [name, n] of Object.entries(after)) if (n > (before[name] ?? 0)) created[name] = n - (before[name] ?? 0);
  return created;
}
