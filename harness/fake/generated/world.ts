/**
 * What one generated run needs from the fake before the CLI runs: a fresh agent (so no run
 * inherits another's daily job cap or balance) and, per case, the ids its command names (a
 * job and its asset, a Checkout quote, a Checkout payment attempt). Made by plain calls to the
 * fake (no CLI process), so they cost milliseconds.
 */
import { callFake, signupAgent } from '../client.js';
import { isRecord } from '../../json.js';

export type Need = 'job' | 'quote' | 'attempt';

export interface World {
  token: string;
  jobId: string;
  assetId: string;
  quoteId: string;
  attemptId: string;
  /** The first model and capability of the fake's catalogue. */
  modelId: string;
  capabilityId: string;
  /** A PNG in the sandbox's working folder (upload). */
  imagePath: string;
  /** A key unique to this run, for the idempotency keys the command sends. */
  key: string;
}

export interface Catalogue {
  modelId: string;
  capabilityId: string;
}

function field(body: unknown, ...keys: string[]): string {
  let cur: unknown = isRecord(body) ? body.data : undefined;
  for (const k of keys) cur = isRecord(cur) ? cur[k] : Array.isArray(cur) ? cur[Number(k)] : undefined;
  if (typeof cur !== 'string') throw new Error(`generated answers: the fake's answer has no ${keys.join('.')}: ${JSON.stringify(body).slice(0, 300)}`);
  return cur;
}

/** The catalogue's first model and capability, read once. */
export async function readCatalogue(url: string): Promise<Catalogue> {
  const models = await callFake(url, 'GET', '/v1/models');
  const capabilities = await callFake(url, 'GET', '/v1/capabilities');
  return { modelId: field(models.body, 'models', '0', 'id'), capabilityId: field(capabilities.body, 'capabilities', '0', 'id') };
}

let counter = 0;

export async function prepareWorld(url: string, needs: readonly Need[], catalogue: Catalogue, imagePath: string): Promise<World> {
  const { token } = await signupAgent(url);
  const key = `generated-${process.pid}-${++counter}`;
  const world: World = { token, jobId: 'job_none', assetId: 'image_none', quoteId: 'quote_none', attemptId: 'payatt_none', imagePath, key, ...catalogue };
  if (needs.includes('job')) {
    const created = await callFake(url, 'POST', '/v1/create', { token, body: { prompt: 'a lighthouse at dusk', idempotency_key: `${key}-create` } });
    world.jobId = field(created.body, 'job_id');
    world.assetId = field(created.body, 'assets', '0', 'asset_id');
  }
  if (needs.includes('quote') || needs.includes('attempt')) {
    const quote = await callFake(url, 'POST', '/v1/credit-quotes', { token, body: { pack_id: 'starter-500', payment_method: 'stripe_checkout', idempotency_key: `${key}-quote` } });
    world.quoteId = field(quote.body, 'quote_id');
  }
  if (needs.includes('attempt')) {
    const buy = await callFake(url, 'POST', '/v1/credit-purchases/stripe-checkout-sessions', { token, body: { quote_id: world.quoteId, idempotency_key: `${key}-buy` } });
    world.attemptId = field(buy.body, 'payment_attempt_id');
  }
  return world;
}
