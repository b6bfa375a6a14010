/**
 * Stripe side of the harness. The fake service talks to Stripe only through the official SDK,
 * pointed at stripe-mock (container or STRIPE_MOCK_URL) or at our embedded backend.
 */
import { createStripeClient } from './client.js';
import { startStripeMockContainer } from './container-backend.js';
import { completeCheckoutSession as completeEmbeddedSession, embeddedStateOf, startEmbeddedStripe } from './embedded.js';
import { webhookSecret } from './ids.js';
import type { StripeBackend } from './types.js';
import { reachableStripeMockUrl } from './url-backend.js';

export type { StripeBackend, StripeBackendKind, SignedDelivery } from './types.js';
export { signPayload, verifyEvent, forgeSignature } from './signing.js';
export { buildEvent, type BuildEventOptions } from './events.js';
export { startEmbeddedStripe, embeddedStateOf } from './embedded.js';

export interface StartStripeBackendOptions {
  /** 'auto' (default): container, then STRIPE_MOCK_URL, then embedded. 'embedded': skip detection. */
  mode?: 'auto' | 'embedded';
  /** How long the container engine may take to answer before we give up on it. */
  detectTimeoutMs?: number;
}

const DEFAULT_DETECT_TIMEOUT_MS = 3000;

function stripeMockBackend(kind: StripeBackend['kind'], url: string, notes: string[], stopServer: () => Promise<void>): StripeBackend {
  let stopping: Promise<void> | null = null;
  return {
    kind,
    client: createStripeClient(url),
    url,
    webhookSecret: webhookSecret(),
    notes,
    stop: () => (stopping ??= stopServer()),
  };
}

export async function startStripeBackend(opts: StartStripeBackendOptions = {}): Promise<StripeBackend> {
  const notes: string[] = [];
  if (opts.mode === 'embedded') {
    notes.push('embedded backend requested explicitly; detection skipped');
    return startEmbeddedStripe(notes);
  }
  const container = await startStripeMockContainer(opts.detectTimeoutMs ?? DEFAULT_DETECT_TIMEOUT_MS, notes);
  if (container) return stripeMockBackend('stripe-mock (testcontainers)', container.url, notes, container.stop);

  const envUrl = await reachableStripeMockUrl(process.env.STRIPE_MOCK_URL, notes);
  if (envUrl) return stripeMockBackend('stripe-mock (STRIPE_MOCK_URL)', envUrl, notes, async () => undefined);

  notes.push('using the embedded Stripe backend');
  return startEmbeddedStripe(notes);
}

/**
 * Backend-neutral "the payer completed Checkout". The embedded backend really changes state;
 * stripe-mock is stateless, so there we retrieve the session and report it as paid.
 */
export async function completeCheckoutSession(backend: StripeBackend, sessionId: string): Promise<Record<string, unknown>> {
  if (embeddedStateOf(backend)) return completeEmbeddedSession(backend, sessionId);
  const session = await backend.client.checkout.sessions.retrieve(sessionId);
  return { ...(session as unknown as Record<string, unknown>), status: 'complete', payment_status: 'paid' };
}
