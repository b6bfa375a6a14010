/** The seeded model catalogue: a few runnable rows, one runnable-but-unavailable row, catalog-only rows. */
import type { FakeStore } from './store.js';

export type Operation = 'image.generate' | 'image.edit';
export type ExecutionStatus = 'executable' | 'catalog_only';

export interface SeedModel {
  id: string;
  provider_id: 'xai' | 'openai' | 'fal';
  display_name: string;
  status: 'available' | 'unavailable';
  execution: ExecutionStatus;
  operation: Operation;
  max_outputs: number;
  credits_required: number;
  provider_cost_usd: number;
  pricing_confidence: 'known' | 'unknown';
  parameters: Record<string, unknown>;
}

const CREDIT_UNIT_USD = 0.01;

const enumParam = (values: string[], dflt: string) => ({ type: 'string', enum: values, default: dflt });
const seedParam = { type: 'integer', minimum: 0, maximum: 2147483647 };

export const SEED_MODELS: readonly SeedModel[] = [
  {
    id: 'xai.grok-imagine-image-quality',
    provider_id: 'xai',
    display_name: 'Grok Imagine Image Quality',
    status: 'available',
    execution: 'executable',
    operation: 'image.generate',
    max_outputs: 4,
    credits_required: 12,
    provider_cost_usd: 0.07,
    pricing_confidence: 'known',
    parameters: { resolution: enumParam(['1k', '2k'], '2k') },
  },
  {
    id: 'openai.gpt-image-2',
    provider_id: 'openai',
    display_name: 'GPT Image 2',
    status: 'available',
    execution: 'executable',
    operation: 'image.generate',
    max_outputs: 4,
    credits_required: 17,
    provider_cost_usd: 0.1,
    pricing_confidence: 'known',
    parameters: {
      quality: enumParam(['low', 'medium', 'high'], 'medium'),
      size: enumParam(['1024x1024', '1024x1536', '1536x1024'], '1024x1024'),
    },
  },
  {
    id: 'fal.nano-banana-2-edit',
    provider_id: 'fal',
    display_name: 'Nano Banana 2 Edit',
    status: 'available',
    execution: 'executable',
    operation: 'image.edit',
    max_outputs: 1,
    credits_required: 8,
    provider_cost_usd: 0.04,
    pricing_confidence: 'unknown',
    parameters: { resolution: enumParam(['0.5K', '1K', '2K', '4K'], '1K'), seed: seedParam },
  },
  {
    id: 'openai.gpt-image-1.5',
    provider_id: 'openai',
    display_name: 'GPT Image 1.5',
    status: 'unavailable',
    execution: 'executable',
    operation: 'image.generate',
    max_outputs: 4,
    credits_required: 9,
    provider_cost_usd: 0.05,
    pricing_confidence: 'known',
    parameters: { quality: enumParam(['low', 'medium', 'high'], 'medium') },
  },
  {
    id: 'fal.kling-image-o3-text-to-image',
    provider_id: 'fal',
    display_name: 'Kling Image O3 Text to Image',
    status: 'available',
    execution: 'catalog_only',
    operation: 'image.generate',
    max_outputs: 4,
    credits_required: 6,
    provider_cost_usd: 0.03,
    pricing_confidence: 'known',
    parameters: { seed: seedParam },
  },
  {
    id: 'fal.flux-pro-kontext-max',
    provider_id: 'fal',
    display_name: 'FLUX Pro Kontext Max Edit',
    status: 'available',
    execution: 'catalog_only',
    operation: 'image.edit',
    max_outputs: 1,
    credits_required: 10,
    provider_cost_usd: 0.08,
    pricing_confidence: 'known',
    parameters: { seed: seedParam },
  },
];

export function capabilityIdFor(modelId: string, operation: Operation): string {
  return `is.${operation}.${modelId.replace(/[^a-z0-9]+/g, '-')}.v1`;
}

function publicRow(m: SeedModel): Record<string, unknown> {
  const verb = m.operation === 'image.generate' ? 'create' : 'edit';
  return {
    id: m.id,
    provider_id: m.provider_id,
    display_name: m.display_name,
    operations: [m.operation],
    supports: [verb],
    capability: { id: capabilityIdFor(m.id, m.operation) },
    execution: { model_execution_status: m.execution },
    media: {
      input: { types: m.operation === 'image.edit' ? ['image/png', 'image/jpeg', 'image/webp'] : [] },
      output: { types: ['image/png'], max_outputs_per_request: m.max_outputs },
    },
    economics: {
      credit_pricing: {
        credits_required: m.credits_required,
        estimated_provider_cost_usd: m.provider_cost_usd,
        estimated_revenue_usd: Number((m.credits_required * CREDIT_UNIT_USD).toFixed(2)),
        credit_unit_usd: CREDIT_UNIT_USD,
        pricing_confidence: m.pricing_confidence,
      },
    },
  };
}

export function seedModels(store: FakeStore): void {
  SEED_MODELS.forEach((m, position) => {
    store.model.create({
      id: m.id,
      position,
      provider_id: m.provider_id,
      status: m.status,
      seed_status: m.status,
      execution_status: m.execution,
      operations: m.operation,
      row_json: JSON.stringify(publicRow(m)),
      parameters_json: JSON.stringify({ type: 'object', additionalProperties: false, properties: m.parameters }),
    });
  });
}

export { CREDIT_UNIT_USD };
