/** Read side of the model catalogue: public rows, the /v1/models filters and the list summary. */
import type { FakeStore } from './store.js';

export interface ModelView {
  id: string;
  provider_id: string;
  status: string;
  execution_status: string;
  operations: string[];
  capability_id: string;
  credits_required: number;
  pricing_confidence: string;
  max_outputs: number;
  /** Public row including status. */
  row: Record<string, unknown>;
  parameters: Record<string, unknown>;
}

const OPERATIONS = ['image.generate', 'image.edit'] as const;

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * Parsed JSON columns, frozen (a handler that tried to change one would throw) and kept by their
 * text: every /v1/models request reads the whole catalogue, and parsing it was most of the work.
 */
const parsedColumns = new Map<string, unknown>();
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
function parseColumn(text: string): unknown {
  let value = parsedColumns.get(text);
  if (value === undefined) {
    if (parsedColumns.size >= 1_000) parsedColumns.clear();
    value = deepFreeze(JSON.parse(text) as unknown);
    parsedColumns.set(text, value);
  }
  return value;
}

function toView(m: { id: string; provider_id: string; status: string; execution_status: string; operations: string; row_json: string; parameters_json: string }): ModelView {
  const row: Record<string, unknown> = { ...record(parseColumn(m.row_json)), status: m.status };
  const pricing = record(record(row.economics).credit_pricing);
  const output = record(record(row.media).output);
  return {
    id: m.id,
    provider_id: m.provider_id,
    status: m.status,
    execution_status: m.execution_status,
    operations: m.operations.split(' '),
    capability_id: String(record(row.capability).id),
    credits_required: Number(pricing.credits_required),
    pricing_confidence: String(pricing.pricing_confidence),
    max_outputs: Number(output.max_outputs_per_request),
    row,
    parameters: record(parseColumn(m.parameters_json)),
  };
}

export function allModels(store: FakeStore): ModelView[] {
  return store.model
    .getAll()
    .sort((a, b) => a.position - b.position)
    .map(toView);
}

export function findModel(store: FakeStore, id: string): ModelView | null {
  const m = store.model.findFirst({ where: { id: { equals: id } } });
  return m ? toView(m) : null;
}

export const isExecutable = (m: ModelView): boolean => m.execution_status === 'executable';
export const isRunnable = (m: ModelView): boolean => isExecutable(m) && m.status === 'available';

function flag(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v !== null && v !== 'false' && v !== '0';
}

/** Applies the documented filters; with none of available/executable/catalog_only, catalog-only rows are left out. */
export function filterModels(models: ModelView[], query: URLSearchParams): ModelView[] {
  const operation = query.get('operation');
  const provider = query.get('provider');
  return models.filter((m) => {
    if (flag(query, 'catalog_only')) {
      if (m.execution_status !== 'catalog_only') return false;
    } else if (!isExecutable(m)) return false;
    if (flag(query, 'available') && !isRunnable(m)) return false;
    if (flag(query, 'executable') && !isExecutable(m)) return false;
    if (operation && !m.operations.includes(operation)) return false;
    if (provider && m.provider_id !== provider) return false;
    return true;
  });
}

const recoveryFor = (operation: string): string => `image-skill models list --available --operation ${operation} --json`;

export function summarize(all: ModelView[], returned: ModelView[], query: URLSearchParams): Record<string, unknown> {
  const provider = query.get('provider');
  const providers: Record<string, { total: number; available: number; executable: number; catalog_only: number }> = {};
  for (const m of all) {
    const p = (providers[m.provider_id] ??= { total: 0, available: 0, executable: 0, catalog_only: 0 });
    p.total += 1;
    if (isRunnable(m)) p.available += 1;
    if (isExecutable(m)) p.executable += 1;
    else p.catalog_only += 1;
  }
  const scope = provider ? all.filter((m) => m.provider_id === provider) : all;
  const executionAvailability: Record<string, unknown> = {};
  for (const operation of OPERATIONS) {
    const runnable = scope.filter((m) => isRunnable(m) && m.operations.includes(operation)).map((m) => m.id);
    executionAvailability[operation] = {
      status: runnable.length > 0 ? 'runnable' : 'no_runnable_model',
      runnable_model_ids: runnable,
      message:
        runnable.length > 0
          ? `${runnable.length} runnable model(s) for ${operation}`
          : `no model is both available and executable for ${operation}${provider ? ` from provider ${provider}` : ''}`,
      recovery_command: recoveryFor(operation),
    };
  }
  const actionableSource = returned.some(isRunnable) ? returned : all;
  return {
    total: all.length,
    returned: returned.length,
    available: all.filter(isRunnable).length,
    executable: all.filter(isExecutable).length,
    cataloged_not_wired: all.filter((m) => !isExecutable(m)).length,
    unavailable: all.filter((m) => isExecutable(m) && m.status !== 'available').length,
    providers,
    execution_availability: executionAvailability,
    first_actionable_model_ids: actionableSource.filter(isRunnable).slice(0, 3).map((m) => m.id),
    recommended_filter_commands: [recoveryFor('image.generate'), recoveryFor('image.edit'), 'image-skill models list --catalog-only --json'],
    includes_catalog_only: returned.some((m) => !isExecutable(m)),
    catalog_only_excluded_by_default: true,
  };
}
