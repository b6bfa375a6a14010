/**
 * The sampled route+command pairs: every hosted route the CLI reads a JSON answer from, with a
 * command that reads it (the command table's route for that command), the routes `create
 * --guide` reads, and the payment flow (quote, Checkout and x402 purchase, status). `probe`
 * is the request whose answer is the base of the variations (the fake's normal answer for the
 * run's state); a case with `example` has no such request here (the x402 deposit needs a chain)
 * and varies the documented example of the schema set in force, answered whole by the stub.
 */
import { COMMANDS } from '../../rules/commands.js';
import type { Need, World } from './world.js';

export interface Route {
  method: string;
  /** msw path pattern, as the admin API's request matcher takes it. */
  path: string;
}

export interface GeneratedCase {
  id: string;
  /** The command table's name of the command run. */
  command: string;
  route: Route;
  needs: readonly Need[];
  argv(w: World): string[];
  probe?: (w: World) => { path: string; body?: unknown };
  /** Shape key of the documented example used instead of a probe. */
  example?: string;
}

/** The pattern the command table gives `command` for `method` (so a renamed route fails here, loudly). */
function routeOf(command: string, method: string, path: string): Route {
  const spec = COMMANDS.find((c) => c.name === command);
  const hit = spec?.routes.find((r) => r.method === method && r.path.test(path.replace(/:[A-Za-z]+/g, 'x')));
  if (!hit) throw new Error(`generated answers: ${command} has no route ${method} ${path} in harness/rules/commands.ts`);
  return { method, path };
}

const GUIDE = () => ['create', '--guide', '--prompt', 'a lighthouse at dusk', '--json'];

export const CASES: readonly GeneratedCase[] = [
  { id: 'doctor', command: 'doctor', route: routeOf('doctor', 'GET', '/healthz'), needs: [], argv: () => ['doctor', '--json'], probe: () => ({ path: '/healthz' }) },
  { id: 'whoami', command: 'whoami', route: routeOf('whoami', 'GET', '/v1/whoami'), needs: [], argv: () => ['whoami', '--json'], probe: () => ({ path: '/v1/whoami' }) },
  { id: 'usage quota', command: 'usage quota', route: routeOf('usage quota', 'GET', '/v1/quota'), needs: [], argv: () => ['usage', 'quota', '--json'], probe: () => ({ path: '/v1/quota' }) },
  { id: 'credits methods', command: 'credits methods', route: routeOf('credits methods', 'GET', '/v1/payment-methods'), needs: [], argv: () => ['credits', 'methods', '--json'], probe: () => ({ path: '/v1/payment-methods' }) },
  { id: 'credits packs list', command: 'credits packs list', route: routeOf('credits packs list', 'GET', '/v1/credit-packs'), needs: [], argv: () => ['credits', 'packs', 'list', '--json'], probe: () => ({ path: '/v1/credit-packs' }) },
  {
    id: 'credits quote', command: 'credits quote', route: routeOf('credits quote', 'POST', '/v1/credit-quotes'), needs: [],
    argv: (w) => ['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', `${w.key}-q`, '--json'],
    probe: (w) => ({ path: '/v1/credit-quotes', body: { pack_id: 'starter-500', payment_method: 'stripe_checkout', idempotency_key: `${w.key}-probe-q` } }),
  },
  {
    id: 'credits buy (Checkout)', command: 'credits buy', route: routeOf('credits buy', 'POST', '/v1/credit-purchases/stripe-checkout-sessions'), needs: ['quote'],
    argv: (w) => ['credits', 'buy', '--provider', 'stripe', '--quote-id', w.quoteId, '--idempotency-key', `${w.key}-b`, '--json'],
    probe: (w) => ({ path: '/v1/credit-purchases/stripe-checkout-sessions', body: { quote_id: w.quoteId, idempotency_key: `${w.key}-probe-b` } }),
  },
  {
    id: 'credits buy (x402 deposit)', command: 'credits buy', route: routeOf('credits buy', 'POST', '/v1/credit-purchases/stripe-x402-deposits'), needs: [],
    argv: (w) => ['credits', 'buy', '--provider', 'stripe_x402', '--quote-id', 'quote_generated_x402', '--idempotency-key', `${w.key}-x`, '--json'],
    example: 'credits-buy.x402',
  },
  {
    id: 'credits status', command: 'credits status', route: routeOf('credits status', 'GET', '/v1/credit-purchases/status'), needs: ['attempt'],
    argv: (w) => ['credits', 'status', '--payment-attempt-id', w.attemptId, '--json'],
    probe: (w) => ({ path: `/v1/credit-purchases/status?payment_attempt_id=${w.attemptId}` }),
  },
  { id: 'models list', command: 'models list', route: routeOf('models list', 'GET', '/v1/models'), needs: [], argv: () => ['models', 'list', '--json'], probe: () => ({ path: '/v1/models' }) },
  { id: 'models show', command: 'models show', route: routeOf('models show', 'GET', '/v1/models/:id'), needs: [], argv: (w) => ['models', 'show', w.modelId, '--json'], probe: (w) => ({ path: `/v1/models/${w.modelId}` }) },
  { id: 'capabilities list', command: 'capabilities list', route: routeOf('capabilities list', 'GET', '/v1/capabilities'), needs: [], argv: () => ['capabilities', 'list', '--json'], probe: () => ({ path: '/v1/capabilities' }) },
  {
    id: 'capabilities show', command: 'capabilities show', route: routeOf('capabilities show', 'GET', '/v1/capabilities/:id'), needs: [],
    argv: (w) => ['capabilities', 'show', w.capabilityId, '--json'], probe: (w) => ({ path: `/v1/capabilities/${w.capabilityId}` }),
  },
  {
    id: 'create', command: 'create', route: routeOf('create', 'POST', '/v1/create'), needs: [],
    argv: (w) => ['create', '--prompt', 'a lighthouse at dusk', '--idempotency-key', `${w.key}-c`, '--json'],
    probe: (w) => ({ path: '/v1/create', body: { prompt: 'a lighthouse at dusk', idempotency_key: `${w.key}-probe-c` } }),
  },
  {
    id: 'edit', command: 'edit', route: routeOf('edit', 'POST', '/v1/edit'), needs: ['job'],
    argv: (w) => ['edit', '--input-asset-id', w.assetId, '--prompt', 'make the sky orange', '--accept-unknown-cost', '--idempotency-key', `${w.key}-e`, '--json'],
    probe: (w) => ({ path: '/v1/edit', body: { input_asset_id: w.assetId, prompt: 'make the sky orange', accept_unknown_cost: true, idempotency_key: `${w.key}-probe-e` } }),
  },
  {
    id: 'upload', command: 'upload', route: routeOf('upload', 'POST', '/v1/upload'), needs: [], argv: (w) => ['upload', w.imagePath, '--json'],
    probe: () => ({ path: '/v1/upload', body: { mime_type: 'image/png', bytes_base64: ONE_PIXEL_PNG, file_name: 'generated.png' } }),
  },
  { id: 'assets show', command: 'assets show', route: routeOf('assets show', 'GET', '/v1/assets/:id'), needs: ['job'], argv: (w) => ['assets', 'show', w.assetId, '--json'], probe: (w) => ({ path: `/v1/assets/${w.assetId}` }) },
  { id: 'jobs show', command: 'jobs show', route: routeOf('jobs show', 'GET', '/v1/jobs/:id'), needs: ['job'], argv: (w) => ['jobs', 'show', w.jobId, '--json'], probe: (w) => ({ path: `/v1/jobs/${w.jobId}` }) },
  { id: 'activity list', command: 'activity list', route: routeOf('activity list', 'GET', '/v1/activity'), needs: ['job'], argv: () => ['activity', 'list', '--json'], probe: () => ({ path: '/v1/activity' }) },
  { id: 'activity show', command: 'activity show', route: routeOf('activity show', 'GET', '/v1/activity/:ref'), needs: ['job'], argv: (w) => ['activity', 'show', w.jobId, '--json'], probe: (w) => ({ path: `/v1/activity/${w.jobId}` }) },
  {
    id: 'feedback create', command: 'feedback create', route: routeOf('feedback create', 'POST', '/v1/feedback'), needs: [],
    argv: () => ['feedback', 'create', '--title', 'generated answers', '--body', 'a generated service answer', '--json'],
    probe: () => ({ path: '/v1/feedback', body: { title: 'generated answers', body: 'a generated service answer' } }),
  },
  {
    id: 'signup', command: 'signup', route: routeOf('signup', 'POST', '/v1/agent-signups'), needs: [],
    argv: () => ['signup', '--agent', '--agent-contact', 'agent-inbox@example.invalid', '--agent-name', 'generated-agent', '--runtime', 'conformance', '--show-token', '--no-save', '--json'],
    probe: () => ({ path: '/v1/agent-signups', body: { agent_contact: 'agent-inbox@example.invalid', agent_name: 'generated-agent', runtime: 'conformance', return_token: true } }),
  },
  { id: 'create --guide: GET /healthz', command: 'create', route: routeOf('doctor', 'GET', '/healthz'), needs: [], argv: GUIDE, probe: () => ({ path: '/healthz' }) },
  { id: 'create --guide: GET /v1/models', command: 'create', route: routeOf('models list', 'GET', '/v1/models'), needs: [], argv: GUIDE, probe: () => ({ path: '/v1/models' }) },
  { id: 'create --guide: GET /v1/payment-methods', command: 'create', route: routeOf('credits methods', 'GET', '/v1/payment-methods'), needs: [], argv: GUIDE, probe: () => ({ path: '/v1/payment-methods' }) },
  { id: 'create --guide: GET /v1/quota', command: 'create', route: routeOf('usage quota', 'GET', '/v1/quota'), needs: [], argv: GUIDE, probe: () => ({ path: '/v1/quota' }) },
];

/** A 1×1 PNG (the upload probe's bytes; the CLI uploads the sandbox's own PNG). */
export const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
