/**
 * Decisions shared by create and edit: model selection, parameter validation, budget guards,
 * pricing, and the documented deterministic fake conditions (see harness/fake/README.md).
 */
import type { ErrorOptions } from '../context.js';
import type { FakeStore } from '../store.js';
import { allModels, findModel, isRunnable, type ModelView } from '../models-query.js';
import { CREDIT_UNIT_USD } from '../catalogue.js';

export interface RuleFailure {
  status: number;
  code: string;
  message: string;
  opts?: ErrorOptions;
}

export const isFailure = (v: unknown): v is RuleFailure => typeof v === 'object' && v !== null && 'code' in v && 'status' in v;

/** Fake condition: a prompt containing the word "forbidden" is refused by content policy. */
export const FORBIDDEN_WORD = /\bforbidden\b/i;

/** Fake condition: this model refuses more than one output for unclaimed agents. */
export const CLAIM_GATED_MULTI_OUTPUT_MODEL = 'openai.gpt-image-2';

const usd = (n: number): number => Number(n.toFixed(4));
export const debitUsdPerImage = (m: ModelView): number => usd(m.credits_required * CREDIT_UNIT_USD);

export interface Selection {
  model: ModelView;
  policy: string;
  reason: string;
}

export function selectModel(store: FakeStore, input: { requested?: string; operation: 'image.generate' | 'image.edit'; budgetUsd?: number }): Selection | RuleFailure {
  const verb = input.operation === 'image.generate' ? 'create' : 'edit';
  if (input.requested) {
    const m = findModel(store, input.requested);
    if (!m) return { status: 400, code: 'INVALID_ARGUMENT', message: `Unknown model ${input.requested}.`, opts: { recovery: { suggested_command: 'image-skill models list --json' } } };
    if (!m.operations.includes(input.operation)) {
      return { status: 400, code: 'INVALID_ARGUMENT', message: `Model ${m.id} does not support ${verb}.`, opts: { recovery: { suggested_command: `image-skill models list --available --operation ${input.operation} --json` } } };
    }
    if (!isRunnable(m)) {
      return {
        status: 403,
        code: 'CAPABILITY_DENIED',
        message: `Model ${m.id} is not runnable right now (${m.execution_status}, ${m.status}).`,
        opts: { recovery: { suggested_command: `image-skill models list --available --operation ${input.operation} --json` } },
      };
    }
    return { model: m, policy: 'explicit_model', reason: 'the request named this model' };
  }
  const runnable = allModels(store).filter((m) => isRunnable(m) && m.operations.includes(input.operation));
  if (runnable.length === 0) {
    return {
      status: 403,
      code: 'CAPABILITY_DENIED',
      message: `No model can run ${input.operation} right now.`,
      opts: { recovery: { suggested_command: `image-skill models list --available --operation ${input.operation} --json` } },
    };
  }
  const budget = input.budgetUsd;
  const withinBudget = budget === undefined ? runnable[0] : runnable.find((m) => debitUsdPerImage(m) <= budget + 1e-9);
  const chosen = withinBudget ?? runnable[0];
  return {
    model: chosen,
    policy: `hosted_default_${verb}_v1`,
    reason: withinBudget === runnable[0] ? 'first runnable model in the hosted preference order' : 'first runnable model within the per-image budget',
  };
}

export interface ParameterCheck {
  keys: string[];
  defaults_applied: string[];
  source: 'request' | 'default_policy';
}

/** Unknown keys fail closed; enum/integer properties are checked. */
export function validateModelParameters(model: ModelView, value: unknown): ParameterCheck | RuleFailure {
  const props = (model.parameters.properties ?? {}) as Record<string, { type?: string; enum?: unknown[]; default?: unknown; minimum?: number; maximum?: number }>;
  if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    return { status: 400, code: 'INVALID_ARGUMENT', message: 'model_parameters must be a JSON object.' };
  }
  const given = (value ?? {}) as Record<string, unknown>;
  for (const [key, v] of Object.entries(given)) {
    const schema = props[key];
    if (!schema) return { status: 400, code: 'INVALID_ARGUMENT', message: `Model ${model.id} does not accept model_parameters.${key}.` };
    if (schema.enum && !schema.enum.includes(v)) return { status: 400, code: 'INVALID_ARGUMENT', message: `model_parameters.${key} must be one of ${schema.enum.join(', ')}.` };
    if (schema.type === 'integer' && !Number.isInteger(v)) return { status: 400, code: 'INVALID_ARGUMENT', message: `model_parameters.${key} must be an integer.` };
  }
  const defaults = Object.entries(props)
    .filter(([key, s]) => !(key in given) && s.default !== undefined)
    .map(([key, s]) => `${key}=${String(s.default)}`);
  return { keys: Object.keys(given), defaults_applied: defaults, source: Object.keys(given).length > 0 ? 'request' : 'default_policy' };
}

export function budgetFailure(model: ModelView, budgetUsd: number | undefined): RuleFailure | null {
  if (budgetUsd === undefined) return null;
  const needed = debitUsdPerImage(model);
  if (needed <= budgetUsd + 1e-9) return null;
  return {
    status: 402,
    code: 'BUDGET_EXCEEDED',
    message: `Model ${model.id} debits $${needed} per image, above the $${budgetUsd} per-image budget.`,
    opts: { recovery: { required_max_estimated_usd_per_image: needed, required_flag: '--max-estimated-usd-per-image' } },
  };
}

export function unknownCostFailure(model: ModelView, accepted: boolean): RuleFailure | null {
  if (model.pricing_confidence !== 'unknown' || accepted) return null;
  return {
    status: 400,
    code: 'BUDGET_REQUIRES_CONFIRMATION',
    message: `Model ${model.id} has no firm price before execution; confirm with --accept-unknown-cost.`,
    opts: { recovery: { required_flag: '--accept-unknown-cost' } },
  };
}

export function costOf(model: ModelView, outputCount: number): Record<string, unknown> {
  const provider = Number((model.row.economics as { credit_pricing: { estimated_provider_cost_usd: number } }).credit_pricing.estimated_provider_cost_usd);
  const credits = model.credits_required * outputCount;
  return {
    estimated_usd: usd(provider * outputCount),
    credit_pricing: {
      credit_unit_usd: CREDIT_UNIT_USD,
      credits_required: credits,
      estimated_provider_cost_usd: usd(provider * outputCount),
      estimated_revenue_usd: usd(credits * CREDIT_UNIT_USD),
      pricing_confidence: model.pricing_confidence,
    },
  };
}
