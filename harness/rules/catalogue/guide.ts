/** Scenario rules: guide flows (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

export const GUIDE_RULES: Rule[] = [];
