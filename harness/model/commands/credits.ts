/**
 * Credits: rails and packs (no auth), a Checkout quote (new, or retried with its key), a buy on
 * an unbought quote, the payer finishing Checkout (the harness, through the fake's admin route,
 * as scenarios/guide-loop.spec.ts does), and credits status of an attempt.
 */
import { expect } from '@playwright/test';
import type { CheckedInvocation } from '../../../fixtures/test.js';
import { freshName, pick } from '../model.js';
import type { Model } from '../model.js';
import { idOf, recordHarness, runCli } from '../real.js';
import type { RealSystem } from '../real.js';
import { AgentCommand, stringAt, succeeded } from './base.js';
import { learnQuote } from './learn.js';

export class DiscoveryCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly what: 'methods' | 'packs') {
    super();
    this.label = `credits ${what}`;
  }
  check(): boolean {
    return true;
  }
  protected async step(_m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const methods = this.what === 'methods';
    const inv = await runCli(r, { kind: 'cli', args: methods ? ['credits', 'methods', '--json'] : ['credits', 'packs', 'list', '--json'] });
    await succeeded(r, [methods ? 'discovery.payment-methods-no-auth' : 'discovery.packs-public'], inv);
    return inv;
  }
}

/** A Checkout quote for the starter pack; `retry` re-runs an earlier quote with its own key. */
export class QuoteCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly retry: number | null) {
    super();
    this.label = retry === null ? 'credits quote' : `credits quote (retry #${retry})`;
  }
  check(m: Readonly<Model>): boolean {
    return m.signedIn && (this.retry === null || m.quotes.length > 0);
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const earlier = this.retry === null ? undefined : pick(m.quotes, this.retry);
    const key = earlier?.key ?? `quote-${r.runTag}-${(m.counters.QUOTE ?? 0) + 1}`;
    const line = { kind: 'cli' as const, args: ['credits', 'quote', '--pack', 'starter-500', '--payment-method', 'stripe_checkout', '--idempotency-key', key, '--json'] };
    const inv = await runCli(r, line);
    const data = await succeeded(r, ['credits.quote-grants-nothing'], inv);
    if (earlier) {
      await r.contract.rule('media.quote.idempotent', () => expect(stringAt(data, 'quote_id'), 'the same key and pack give the same quote').toBe(idOf(r, earlier.name)));
    } else {
      Object.assign(line, { captures: learnQuote(m, r, inv, key) });
    }
    return inv;
  }
}

export class BuyCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly index: number) {
    super();
    this.label = `credits buy (quote #${index})`;
  }
  check(m: Readonly<Model>): boolean {
    return m.quotes.some((q) => q.attempt === null);
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const quote = pick(m.quotes.filter((q) => q.attempt === null), this.index);
    if (!quote) throw new Error('model: buy without an unbought quote (precondition)');
    const key = `buy-${r.runTag}-${(m.counters.ATTEMPT ?? 0) + 1}`;
    const line = { kind: 'cli' as const, args: ['credits', 'buy', '--provider', 'stripe', '--quote-id', { ref: quote.name }, '--idempotency-key', key, '--json'] };
    const inv = await runCli(r, line);
    const data = await succeeded(r, ['credits.buy-action-required'], inv);
    await r.contract.rule('credits.buy-action-required', () => expect(stringAt(data, 'state')).toBe('action_required'));
    const post = inv.requests.find((q) => q.method === 'POST' && q.path.startsWith('/v1/credit-purchases/'));
    await r.contract.rule('media.buy.sends-key', () => expect((post?.body as { idempotency_key?: unknown } | undefined)?.idempotency_key, 'idempotency_key of the purchase request').toBe(key));
    const attemptId = stringAt(data, 'payment_attempt_id');
    if (attemptId !== null) {
      const name = freshName(m, 'ATTEMPT');
      r.ids.set(name, attemptId);
      quote.attempt = name;
      m.attempts.push({ name, quote: quote.name, credits: quote.credits, completed: false });
      Object.assign(line, { captures: [{ name, path: '.data.payment_attempt_id' }] });
    }
    return inv;
  }
}

/** The payer finishes Checkout (once, or again: Stripe redelivers); the grant must happen exactly once. */
export class PayCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly index: number, readonly again: boolean) {
    super();
    this.label = `${again ? 'Checkout completed again' : 'payer completes Checkout'} (attempt #${index})`;
  }
  check(m: Readonly<Model>): boolean {
    return m.attempts.some((a) => a.completed === this.again);
  }
  protected async step(m: Model, r: RealSystem): Promise<null> {
    const attempt = pick(m.attempts.filter((a) => a.completed === this.again), this.index);
    if (!attempt) throw new Error('model: no attempt for the payer (precondition)');
    recordHarness(r, {
      kind: 'harness',
      what: this.again ? 'Stripe delivers the completed Checkout again' : 'the payer completes Stripe Checkout',
      method: 'POST',
      path: ['/__admin/stripe/checkout-sessions/', { ref: attempt.name }, '/complete'],
    });
    const delivery = await r.fake.admin.completeCheckout(idOf(r, attempt.name));
    expect(delivery.status, 'the fake completed the Checkout session and its webhook was acknowledged (harness precondition)').toBeLessThan(300);
    if (!attempt.completed && m.credits !== null) m.credits += attempt.credits;
    if (!attempt.completed) m.grants++;
    attempt.completed = true;
    return null;
  }
}

export class StatusCommand extends AgentCommand {
  readonly label: string;
  constructor(readonly index: number) {
    super();
    this.label = `credits status (attempt #${index})`;
  }
  check(m: Readonly<Model>): boolean {
    return m.attempts.length > 0;
  }
  protected async step(m: Model, r: RealSystem): Promise<CheckedInvocation> {
    const attempt = pick(m.attempts, this.index);
    if (!attempt) throw new Error('model: status without an attempt (precondition)');
    const inv = await runCli(r, { kind: 'cli', args: ['credits', 'status', '--payment-attempt-id', { ref: attempt.name }, '--json'] });
    const data = await succeeded(r, ['credits.status-durable-state'], inv);
    await r.contract.rule('credits.status-durable-state', () =>
      expect(stringAt(data, 'state'), `state of ${attempt.name}`).toBe(attempt.completed ? 'succeeded' : 'action_required'),
    );
    return inv;
  }
}

