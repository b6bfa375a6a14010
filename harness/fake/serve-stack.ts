/** What `serve` runs: the fake, optionally with a Stripe backend and a local chain; stopped together. */
import { startChain, BASE_CHAIN_ID, type StartedChain } from '../chain/index.js';
import { startStripeBackend, type StripeBackend } from '../stripe/index.js';
import { startFakeService, type RunningFake } from './index.js';
import type { ServeOptions } from './serve-args.js';
import type { Stub } from './stubs/schema.js';
import type { PickedContract } from './contract-in-force.js';

export interface ServeStack {
  fake: RunningFake;
  stripe: StripeBackend | null;
  chain: StartedChain | null;
  /** `NAME=value` pairs to export for a CLI (and a test suite) pointed at this fake. */
  env: Array<[string, string]>;
  stop(): Promise<void>;
}

export function stackEnv(fake: RunningFake, stripe: StripeBackend | null, chain: StartedChain | null): Array<[string, string]> {
  const env: Array<[string, string]> = [
    ['IMAGE_SKILL_API_BASE_URL', fake.url],
    ['IMAGE_SKILL_NO_TELEMETRY', '1'],
  ];
  if (stripe) env.push(['STRIPE_WEBHOOK_SECRET', stripe.webhookSecret]);
  if (chain) {
    env.push(
      ['ISC_CHAIN_RPC_URL', chain.rpcUrl],
      ['ISC_CHAIN_ID', String(BASE_CHAIN_ID)],
      ['ISC_USDC_ADDRESS', chain.usdc],
      // A throwaway wallet funded on this local chain only, so a payer can settle x402 deposits.
      ['ISC_AGENT_ADDRESS', chain.agent.address],
      ['ISC_AGENT_PRIVATE_KEY', chain.agent.privateKey],
    );
  }
  return env;
}

export async function startServeStack(opts: ServeOptions, stubs: Stub[], contract: PickedContract | null = null): Promise<ServeStack> {
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    // Newest first: the fake (and its chain watcher) before the chain and the Stripe backend.
    for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const stripe = opts.payments ? await startStripeBackend({ mode: 'auto' }) : null;
    if (stripe) stoppers.push(() => stripe.stop());
    const chain = opts.chain ? await startChain({ forkUrl: opts.forkUrl }) : null;
    if (chain) stoppers.push(() => chain.stop());
    const fake = await startFakeService({ port: opts.port, stripe, chain, contract, documents: contract?.documents });
    stoppers.push(() => fake.close());
    for (const stub of stubs) fake.stubs.add(stub);
    let stopping: Promise<void> | null = null;
    return { fake, stripe, chain, env: stackEnv(fake, stripe, chain), stop: () => (stopping ??= stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
