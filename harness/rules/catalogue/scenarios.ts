/** Rules the scenarios assert on (behaviour beyond the data shapes), one file per flow. */
import type { Rule } from '../types.js';
import { SIGNUP_RULES } from './signup.js';
import { GUIDE_RULES } from './guide.js';
import { PAYMENTS_RULES } from './payments.js';
import { MEDIA_RULES } from './media.js';
import { EXIT_CODE_RULES } from './exit-codes.js';

export const SCENARIO_RULES: Rule[] = [...EXIT_CODE_RULES, ...SIGNUP_RULES, ...GUIDE_RULES, ...PAYMENTS_RULES, ...MEDIA_RULES];
