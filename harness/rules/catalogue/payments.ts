/** Scenario rules: payments flows, and the robustness rules of the hostile-service scenario (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

const CLI = 'cli.md';

/** Robustness: what a CLI prints and how it exits when the service misbehaves. */
const ROBUSTNESS_RULES: Rule[] = [
  {
    id: 'jobs-wait.deterministic-timeout',
    document: CLI,
    section: 'image-skill jobs wait',
    quote: 'or deterministic timeout',
    summary: 'jobs wait on a job that stays non-terminal ends by itself after --timeout-ms with an error envelope and the timeout exit code 8',
  },
];

/** Credits: what quote, buy, status, quota and activity show around a purchase (the CLI relays the service). */
const CREDITS_RULES: Rule[] = [
  {
    id: 'credits.methods-relayed',
    document: CLI,
    section: 'image-skill credits methods',
    quote: 'Machine-readable payment rail discovery.',
    summary: 'credits methods prints the rails the service returned, with the availability and settlement flags it gave',
  },
  {
    id: 'credits.quote-grants-nothing',
    document: CLI,
    section: 'image-skill credits quote',
    quote: 'A quote never grants credits.',
    summary: 'credits quote prints the quote of the requested terms and usage quota shows no new credits after it',
  },
  {
    id: 'credits.buy-action-required',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'returns an action_required response',
    summary: 'credits buy for a fresh quote prints state action_required with the quote, attempt and amounts the service issued',
  },
  {
    id: 'credits.granted-only-after-fulfillment',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'Credits are granted only after verified settlement',
    summary: 'before a verified payment (or after a rejected, forged or non-matching one) usage quota, credits status and activity list show no grant',
  },
  {
    id: 'credits.granted-once',
    document: 'llms.txt',
    section: 'Hosted API endpoints',
    quote: 'grants paid credits exactly once',
    summary: 'after fulfilment usage quota grows by the quoted credits once, and activity list shows one grant, however often the webhook or payment repeats',
  },
  {
    id: 'credits.status-durable-state',
    document: CLI,
    section: 'image-skill credits status',
    quote: 'Shows the durable state of a quote',
    summary: 'credits status prints the state, receipt and credit event of the attempt as the service holds them (succeeded with receipt and credit_event once paid)',
  },
  {
    id: 'credits.x402-payable-instructions',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'may pay the exact USDC amount',
    summary: 'an x402 buy prints the payable instructions the service issued: deposit address, token contract, exact atomic amount as a decimal string, expiry, redacted secrets',
  },
  {
    id: 'usage.quota-relayed',
    document: CLI,
    section: 'image-skill usage quota',
    quote: 'Shows remaining credits',
    summary: 'usage quota prints the remaining and payment-backed credits the service holds (refunds and disputes included)',
  },
];

/** Stripe Checkout: the URLs a human is handed. */
const CHECKOUT_RULES: Rule[] = [
  {
    id: 'checkout.urls-untrimmed',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'Do not trim Stripe Checkout URLs',
    summary: 'checkout_url is printed exactly as the service issued it, # fragment included (buy and status)',
  },
  {
    id: 'checkout.handoff-url',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'redirects to Stripe Checkout',
    summary: 'checkout_handoff_url is the service\'s handoff URL, and opening it lands on the full Checkout URL',
  },
  {
    id: 'checkout.compact-equals-handoff',
    document: CLI,
    section: 'image-skill credits buy',
    quote: 'equals the Image Skill handoff',
    summary: 'checkout_compact_url, when printed, equals the handoff URL',
  },
];

export const PAYMENTS_RULES: Rule[] = [...ROBUSTNESS_RULES, ...CREDITS_RULES, ...CHECKOUT_RULES];
