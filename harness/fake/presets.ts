/**
 * Named service conditions. Each is either an override (answers shaped on the way out) or a
 * store change (balances, model availability); clear() undoes both kinds.
 */
import type { PresetName } from './types.js';
import type { Core } from './core.js';
import type { OverrideTable } from './overrides.js';
import type { PaymentExtras } from './payment-seam.js';

export const PRESET_NAMES: readonly PresetName[] = ['quota-exhausted', 'x402-unavailable', 'no-executable-model', 'service-down'];

export const isPresetName = (v: string): v is PresetName => (PRESET_NAMES as readonly string[]).includes(v);

export interface PresetController {
  apply(name: PresetName): void;
  active(): PresetName[];
  /** Undo store changes (overrides are cleared by the caller). */
  clear(): void;
}

export function createPresets(core: Core, table: OverrideTable, payments: Pick<PaymentExtras, 'setX402Unavailable'>): PresetController {
  const active = new Set<PresetName>();

  const apply = (name: PresetName): void => {
    active.add(name);
    switch (name) {
      case 'quota-exhausted':
        core.ledger.setFreePreviewSuspended(true);
        return;
      case 'no-executable-model':
        for (const m of core.store.model.getAll()) {
          if (m.execution_status === 'executable' && m.operations.split(' ').includes('image.generate')) {
            core.store.model.update({ where: { id: { equals: m.id } }, data: { status: 'unavailable' } });
          }
        }
        return;
      case 'service-down':
        table.add({ name: 'preset:service-down', method: '*', path: '*', status: 503 });
        return;
      case 'x402-unavailable':
        payments.setX402Unavailable(true);
        return;
    }
  };

  return {
    apply,
    active: () => [...active],
    clear() {
      active.clear();
      core.ledger.setFreePreviewSuspended(false);
      payments.setX402Unavailable(false);
      for (const m of core.store.model.getAll()) {
        if (m.status !== m.seed_status) core.store.model.update({ where: { id: { equals: m.id } }, data: { status: m.seed_status } });
      }
    },
  };
}
