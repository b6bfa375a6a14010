/** The rule catalogue: every rule by id, and the rules that contribute to each shape. */
import { ACTIVITY_OBSERVATIONS, ACTIVITY_RULES } from './catalogue/activity.js';
import { OUTPUT_RULES } from './catalogue/output.js';
import { SHAPE_RULES } from './catalogue/shapes.js';
import { SCENARIO_RULES } from './catalogue/scenarios.js';
import { SERVICE_RULES } from './catalogue/service.js';
import type { Rule, RuleRef } from './types.js';

export type { Rule, RuleRef } from './types.js';

export const RULES: readonly Rule[] = [...OUTPUT_RULES, ...SHAPE_RULES, ...ACTIVITY_RULES, ...ACTIVITY_OBSERVATIONS, ...SCENARIO_RULES, ...SERVICE_RULES];

const BY_ID = new Map<string, Rule>();
for (const r of RULES) {
  if (BY_ID.has(r.id)) throw new Error(`rule catalogue: duplicate rule id "${r.id}"`);
  BY_ID.set(r.id, r);
}

/** The rule with this id; an unknown id is a harness bug and throws. */
export function getRule(id: string): Rule {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`rule catalogue: no rule "${id}"`);
  return r;
}

export function ruleRef(id: string): RuleRef {
  const { document, section, quote } = getRule(id);
  return { id, document, section, quote };
}

/** Rules that contribute to one shape key, in catalogue order. */
export function shapeRules(key: string): Rule[] {
  return RULES.filter((r) => r.shape?.key === key);
}

export function shapeKeys(): string[] {
  return [...new Set(RULES.flatMap((r) => (r.shape ? [r.shape.key] : [])))].sort();
}
