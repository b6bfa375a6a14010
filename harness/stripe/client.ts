/** The stripe SDK client, pointed at a local backend instead of api.stripe.com. */
import Stripe from 'stripe';
import { randomAlphanumeric } from './ids.js';

export function testSecretKey(): string {
  return 'sk_test_' + randomAlphanumeric(32);
}

/** `baseUrl` must be http://<loopback>:<port>. */
export function createStripeClient(baseUrl: string, apiKey: string = testSecretKey()): Stripe {
  const url = new URL(baseUrl);
  if (url.protocol !== 'http:') throw new Error(`stripe backend must be plain http, got ${baseUrl}`);
  return new Stripe(apiKey, {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || '80',
    protocol: 'http',
    maxNetworkRetries: 0,
    telemetry: false,
    timeout: 10_000,
    httpClient: Stripe.createNodeHttpClient(),
  });
}
