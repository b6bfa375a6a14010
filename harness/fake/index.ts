/** startFakeService: the fake api.image-skill.com on 127.0.0.1 (see README.md beside this file). */
import { randomInt } from 'node:crypto';
import type { HttpHandler } from 'msw';
import type { ContractDocuments } from '../target/types.js';
import type { StripeBackend } from '../stripe/types.js';
import type { ChainHandle } from '../chain/types.js';
import type { FakeContext } from './context.js';
import type { FakeService, PresetName } from './types.js';
import { createPaymentArea } from './payments/index.js';
import { createIdSource } from './ids.js';
import { createStore } from './store.js';
import { seedModels } from './catalogue.js';
import { createJournal } from './journal.js';
import { createResponder } from './envelope.js';
import { currentScope } from './scope.js';
import { startHttpServer, type HttpLimits } from './server.js';
import { createCore, type Core, type PackageMetadata } from './core.js';
import { createOverrideTable, type CoreOverride } from './overrides.js';
import { createOverrideLayer } from './override-layer.js';
import { createPresets } from './presets.js';
import { createStubRegistry, type StubRegistry } from './stubs/registry.js';
import { createStateView } from './state-view.js';
import { paymentExtrasOf } from './payment-seam.js';
import { drop } from '@mswjs/data';
import { healthHandlers } from './handlers/health.js';
import { identityHandlers } from './handlers/identity.js';
import { modelHandlers } from './handlers/models.js';
import { creativeHandlers } from './handlers/creative.js';
import { uploadHandlers } from './handlers/upload.js';
import { assetHandlers } from './handlers/assets.js';
import { jobHandlers } from './handlers/jobs.js';
import { activityHandlers } from './handlers/activity.js';
import { feedbackHandlers } from './handlers/feedback.js';
import { telemetryHandlers } from './handlers/telemetry.js';
import { cliHandlers } from './handlers/cli.js';
import { adminHandlers } from './handlers/admin.js';
import { fallbackHandlers } from './handlers/fallback.js';
import { createRouteTable } from './routing.js';
import { FakeServiceClient } from './client.js';
import { rowCountsOf } from './row-counts.js';
import { createDocumentedAnswers } from './documented-answers.js';
import { newestContractInForce, type ContractInForce } from './contract-in-force.js';

export interface StartFakeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  documents?: ContractDocuments;
  stripe?: StripeBackend | null;
  chain?: ChainHandle | null;
  packageMetadata?: PackageMetadata | null;
  /** Seed for ids, tokens and generated images (random by default). */
  seed?: number;
  /**
   * The documents in force (the run's schema set and stated rules): their minimum-shape examples
   * are the templates of the answers (documented-answers.ts), and the service rules they state
   * (harness/rules/catalogue/service.ts) decide what the fake accepts. Default: the newest known
   * contract version's.
   */
  contract?: ContractInForce | null;
  /** Transport limits (server.ts DEFAULT_HTTP_LIMITS where not given). */
  limits?: Partial<HttpLimits>;
}

export interface RunningFake extends FakeService {
  ctx: FakeContext;
  /** Core internals, for harness self-tests. */
  core: Core;
  /** Forget all state except the journal and issued tokens (same as POST /__admin/reset). */
  reset(): void;
  /** Like override(), plus the core extensions (truncateBodyBytes, error). */
  override(o: CoreOverride): void;
  /** Stubs as data (harness/fake/stubs): add validates and answers the id, throws StubError when invalid. */
  stubs: StubRegistry;
  /** The admin API over HTTP, typed (the same client `serve` users get). */
  admin: FakeServiceClient;
}

function coreRoutes(core: Core): HttpHandler[] {
  const routes: HttpHandler[] = [
    ...healthHandlers(core),
    ...identityHandlers(core),
    ...modelHandlers(core),
    ...creativeHandlers(core),
    ...uploadHandlers(core),
    ...assetHandlers(core),
    ...jobHandlers(core),
    ...activityHandlers(core),
    ...feedbackHandlers(core),
    ...telemetryHandlers(core),
  ];
  return [...routes, ...cliHandlers(core, createRouteTable(routes))];
}

export async function startFakeService(opts: StartFakeOptions = {}): Promise<RunningFake> {
  const ids = createIdSource(opts.seed ?? randomInt(2 ** 31));
  const contract = opts.contract ?? newestContractInForce();
  const store = createStore();
  seedModels(store);
  const journal = createJournal();
  const fallbackResponder = createResponder(() => currentScope()?.traceId ?? ids.traceId());
  let core: Core | null = null;
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    journal,
    newTraceId: () => ids.traceId(),
    tokenIdOf: (raw) => core?.tokenIdOf(raw) ?? null,
    internalError: (message) => fallbackResponder.fail('unknown', 500, 'FAKE_INTERNAL_ERROR', `The fake failed: ${message}`),
    limits: opts.limits,
    // What a request created: rows of the core and payment stores, and the credit debits among
    // the ledger entries (negative movements: reservations and paid debits).
    rowCounts: () => ({
      ...rowCountsOf(store),
      credit_debit: store.ledgerEntry.count({ where: { credits: { lt: 0 } } }),
      ...(paymentRows?.() ?? {}),
    }),
  });
  let paymentRows: (() => Record<string, number>) | null = null;
  const started = createCore({
    origin: server.origin,
    store,
    ids,
    journal,
    documents: opts.documents ?? {},
    packageMetadata: opts.packageMetadata ?? null,
    stripe: opts.stripe ?? null,
    chain: opts.chain ?? null,
    answers: createDocumentedAnswers(contract.examples),
    states: (ruleId) => contract.stated.has(ruleId),
  });
  core = started;
  const paymentArea = createPaymentArea(started.ctx);
  paymentRows = () => paymentArea.state.rowCounts();
  const table = createOverrideTable();
  const payments = paymentExtrasOf(paymentArea);
  const presets = createPresets(started, table, payments);
  const state = createStateView(started, payments.reads);
  const stubs = createStubRegistry(table);
  const clearOverrides = (): void => {
    table.clear();
    presets.clear();
  };
  /** Back to a fresh fake; the journal and the issued-token list stay (the secret scanner needs them). */
  const reset = (): void => {
    clearOverrides();
    drop(store);
    seedModels(store);
    payments.reset();
  };
  const closing = new AbortController();
  // Order: overrides first, then the payment area, admin, core routes, and the unknown-route catch-all.
  const downstream: HttpHandler[] = [
    ...paymentArea.handlers,
    ...adminHandlers({ core: started, table, presets, state, stubs, payments, clearOverrides, reset }),
    ...coreRoutes(started),
    ...fallbackHandlers(started),
  ];
  server.setHandlers([createOverrideLayer({ core: started, table, downstream: createRouteTable(downstream), closing: closing.signal }), ...downstream]);

  let closed: Promise<void> | null = null;
  return {
    url: server.origin,
    admin: new FakeServiceClient(server.origin),
    journal,
    ctx: started.ctx,
    core: started,
    override: (o) => {
      table.add(o);
    },
    stubs,
    clearOverrides,
    reset,
    preset: (name: PresetName) => presets.apply(name),
    issuedTokens: () => [...started.issuedTokens],
    state,
    setDocuments(docs) {
      started.documents.current = { ...docs };
    },
    close() {
      closed ??= (async () => {
        closing.abort();
        await server.close();
        await paymentArea.close();
      })();
      return closed;
    },
  };
}

export type { CoreOverride } from './overrides.js';
