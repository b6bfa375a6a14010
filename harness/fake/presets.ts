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

const X402_PREFIX = 'stripe_x402';
const X402_REASON = 'x402 deposits are switched off in this fake (preset x402-unavailable)';

function isX402Method(m: unknown): m is Record<string, unknown> {
  if (typeof m !== 'object' || m === null) return false;
  const id = (m as Record<string, unknown>).method_id ?? (m as Record<string, unknown>).id;
  return typeof id === 'string' && id.startsWith(X402_PREFIX);
}

function asksForX402(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const method = (body as Record<string, unknown>).payment_method;
  return typeof method === 'string' && method.startsWith(X402_PREFIX);
}

export interface PresetController {
  apply(name: PresetName): void;
  active(): PresetName[];
  /** Undo store changes (overrides are cleared by the caller). */
  clear(): void;
}

export function createPresets(core: Core, table: OverrideTable, payments: Pick<PaymentExtras, 'setX402Unavailable'>): PresetController {
  const active = new Set<PresetName>();
  const x402Denied = { code: 'CAPABILITY_DENIED', message: X402_REASON, retryable: false };

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
        if (payments.setX402Unavailable) {
          payments.setX402Unavailable(true);
          return;
        }
        // Payment area without the switch: shape its answers on the way out instead.
        table.add({
          name: 'preset:x402-unavailable',
          method: 'GET',
          path: '/v1/payment-methods',
          afterHandler: true,
          transform: (envelope) => {
            const data = envelope.data as { methods?: unknown } | null;
            if (!data || !Array.isArray(data.methods)) return;
            for (const m of data.methods.filter(isX402Method)) {
              Object.assign(m, { status: 'unavailable', available: false, quoteable: false, purchasable: false, unavailable_reason: X402_REASON });
            }
          },
        });
        table.add({ name: 'preset:x402-unavailable', method: 'POST', path: '/v1/credit-quotes', status: 403, error: x402Denied, when: (r) => asksForX402(r.body) });
        table.add({ name: 'preset:x402-unavailable', method: 'POST', path: '/v1/credit-purchases/stripe-x402-deposits', status: 403, error: x402Denied });
        return;
    }
  };

  return {
    apply,
    active: () => [...active],
    clear() {
      active.clear();
      core.ledger.setFreePreviewSuspended(false);
      payments.setX402Unavailable?.(false);
      for (const m of core.store.model.getAll()) {
        if (m.status !== m.seed_status) core.store.model.update({ where: { id: { equals: m.id } }, data: { status: m.seed_status } });
      }
    },
  };
}
