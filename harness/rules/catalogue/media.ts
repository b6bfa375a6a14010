/** Scenario rules: media flows (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

export const MEDIA_RULES: Rule[] = [];
