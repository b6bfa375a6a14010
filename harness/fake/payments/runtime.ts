/** Everything the payment area's modules share for one fake instance. */
import type { HandlerArea } from '../context.js';
import type { PaymentDeps } from './deps.js';
import type { PaymentStore } from './store.js';
import type { RailAvailability } from './catalog.js';

export interface SettlementRegistry {
  /** Start watching a fresh deposit address for the given attempt. */
  register(attemptId: string, depositAddress: string): void;
}

/** The payment area: its handlers get `ctx` (the shared vocabulary) and the area's own state. */
export interface PaymentRuntime extends HandlerArea<PaymentStore> {
  deps: PaymentDeps;
  flags: { x402Unavailable: boolean };
  settlement: SettlementRegistry;
}

export function railAvailability(rt: PaymentRuntime): RailAvailability {
  const stripeMissing = rt.ctx.stripe ? null : 'no Stripe backend is attached to this fake service';
  let x402: string | null = stripeMissing;
  if (!x402 && rt.flags.x402Unavailable) x402 = 'x402 deposits are switched off for this run';
  if (!x402 && !rt.ctx.chain) x402 = 'no Base settlement chain is attached to this fake service';
  return { checkoutUnavailableReason: stripeMissing, x402UnavailableReason: x402 };
}

export function isoAfter(rt: PaymentRuntime, ms: number): string {
  return new Date(rt.ctx.now().getTime() + ms).toISOString();
}

export function nowIso(rt: PaymentRuntime): string {
  return rt.ctx.now().toISOString();
}
