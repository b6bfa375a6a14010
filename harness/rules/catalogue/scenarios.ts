/** Rules the scenarios assert on (behaviour beyond the data shapes), grouped by flow. */
import type { Rule } from '../types.js';

export const SCENARIO_RULES: Rule[] = [];
