/** Scenario rules: payments flows, and the robustness rules of the hostile-service scenario (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

const CLI = 'cli.md';

/** Robustness: what a CLI prints and how it exits when the service misbehaves. */
const ROBUSTNESS_RULES: Rule[] = [
  {
    id: 'jobs-wait.deterministic-timeout',
    document: CLI,
    section: 'image-skill jobs wait',
    quote: 'Non-terminal jobs poll until completion, failure, cancellation … deterministic timeout',
    summary: 'jobs wait on a job that stays non-terminal ends by itself after --timeout-ms with an error envelope (its exit code is exit.code-8-timeout)',
    asserts: ['deterministic timeout'],
  },
];

/** Credits: what quote, buy, status, quota and activity show around a purchase (the CLI relays the service). */
const CREDITS_RULES: Rule[] = [
  {
    id: 'credits.methods-relayed',
    document: CLI,
    section: 'image-skill credits methods',
    quote: 'Machine-readable payment rail discovery.',
    summary: 'credits methods prints the rails the service returned (their flags are the example\'s fields: shape.credits-methods)',
    asserts: [],
  },
  {
    id: 'credits.quote-grants-nothing',
    document: CLI,
    section: 'image-skill credits quote',
    quote: 'A quote never grants credits.',
    summary: 'credits quote succeeds and usage quota shows no new credits after it (the quote\'s fields: shape.credits-quote)',
    asserts: [],
  },
  {
    id: 'credits.buy-action-required',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'returns an action_required response',
    summary: 'credits buy for a fresh quote prints state action_required (the quote, attempt and amounts it relays: the buy examples)',
    asserts: ['action_required'],
  },
  {
    id: 'credits.granted-only-after-fulfillment',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'Credits are granted only after verified settlement',
    summary: 'before a verified payment (or after a rejected, forged or non-matching one) usage quota, credits status and activity list show no grant',
    asserts: [],
  },
  {
    id: 'credits.granted-once',
    document: 'llms.txt',
    section: 'Hosted API endpoints',
    quote: 'grants paid credits exactly once',
    summary: 'after fulfilment usage quota grows by the quoted credits once, and activity list shows one grant, however often the webhook or payment repeats',
    asserts: [],
  },
  {
    id: 'credits.status-durable-state',
    document: CLI,
    section: 'image-skill credits status',
    quote: 'Shows the durable state of a quote … Stripe Checkout attempt, Checkout Session, or receipt',
    summary: 'credits status succeeds for an attempt, prints its state as the service holds it, and keeps its receipt and credit event as they were (what a succeeded or action-required status carries: the credits-status shape rules)',
    asserts: ['state', 'receipt'],
  },
  {
    id: 'credits.x402-payable-instructions',
    document: CLI,
    section: 'image-skill credits buy',
    quote: '`stripe_x402.payable_instructions`, a wallet-equipped agent may pay … exact USDC amount to `deposit_address` on Base',
    summary: 'an x402 buy prints stripe_x402.payable_instructions with a deposit address, the Base USDC token contract and the exact amount of the buy (the block\'s other fields and values: shape.credits-buy.x402)',
    asserts: ['stripe_x402.payable_instructions', 'deposit_address', 'exact', 'usdc', 'base'],
  },
  {
    id: 'usage.quota-relayed',
    document: CLI,
    section: 'image-skill usage quota',
    quote: 'Shows remaining credits, job limits, model limits … reset windows',
    summary: 'usage quota prints the remaining credits the service holds, limits.remaining_credits (refunds and disputes included); payment-backed credits, which no sentence names, are observed',
    // The field holds what the sentence names in words.
    asserts: ['remaining credits', 'limits'],
  },
];

/** Stripe Checkout: the URLs a human is handed. */
const CHECKOUT_RULES: Rule[] = [
  {
    id: 'checkout.urls-untrimmed',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'Do not trim Stripe Checkout URLs … long `#...` fragment is required',
    summary: 'checkout_url (and next.fallback_checkout_url) is printed exactly as the service issued it, # fragment included (buy and status)',
    asserts: ['#'],
  },
  {
    id: 'checkout.handoff-url',
    document: CLI,
    section: 'image-skill credits buy',
    quote: '`checkout_handoff_url` for humans … short Image Skill URL that redirects to Stripe Checkout',
    summary: 'checkout_handoff_url is the service\'s handoff URL, and opening it lands on the full Checkout URL',
    asserts: ['checkout_handoff_url'],
  },
  {
    id: 'checkout.compact-equals-handoff',
    document: CLI,
    section: 'image-skill credits buy',
    quote: '`checkout_compact_url` is also copy-safe … equals the Image Skill handoff',
    summary: 'checkout_compact_url, when printed, equals the handoff URL',
    asserts: ['checkout_compact_url'],
  },
];

export const PAYMENTS_RULES: Rule[] = [...ROBUSTNESS_RULES, ...CREDITS_RULES, ...CHECKOUT_RULES];
