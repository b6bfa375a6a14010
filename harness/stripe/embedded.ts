/** Backend (3): the embedded, stateful Stripe stand-in, wrapped as a StripeBackend. */
import { createStripeClient } from './client.js';
import { webhookSecret } from './ids.js';
import { markCheckoutSessionPaid } from './embedded/checkout.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded/server.js';
import type { EmbeddedState } from './embedded/state.js';
import type { StripeBackend } from './types.js';

const servers = new WeakMap<StripeBackend, EmbeddedServer>();

export async function startEmbeddedStripe(notes: string[] = []): Promise<StripeBackend> {
  const server = await startEmbeddedServer();
  const backend: StripeBackend = {
    kind: 'embedded',
    client: createStripeClient(server.url),
    url: server.url,
    webhookSecret: webhookSecret(),
    notes,
    stop: () => server.close(),
  };
  servers.set(backend, server);
  return backend;
}

/** The live state behind an embedded backend, or null for any other backend. */
export function embeddedStateOf(backend: StripeBackend): EmbeddedState | null {
  return servers.get(backend)?.state ?? null;
}

/**
 * Play the payer finishing the hosted Checkout page: the session becomes complete/paid, gets a
 * succeeded PaymentIntent, and payment_intent.succeeded + checkout.session.completed events appear.
 */
export async function completeCheckoutSession(backend: StripeBackend, sessionId: string): Promise<Record<string, unknown>> {
  const state = embeddedStateOf(backend);
  if (!state) throw new Error(`completeCheckoutSession: backend ${backend.kind} is not an embedded backend`);
  return structuredClone(markCheckoutSessionPaid(state, sessionId));
}
