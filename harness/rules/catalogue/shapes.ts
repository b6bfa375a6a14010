/**
 * Data shapes: the minimum-shape examples of cli.md (every field required with the
 * example's type, nothing more) and the fields the prose names where no example exists.
 */
import type { Rule } from '../types.js';

const example = (id: string, key: string, section: string, quote: string, optional: string[] = []): Rule => ({
  id,
  document: 'cli.md',
  section,
  quote,
  summary: `${key}: every field of the documented minimum example is present with the example's type`,
  // The example is the quoted block: its label stands for the fields it shows.
  asserts: [quote.replace(/:$/, '')],
  shape: { key, fromExample: true, optional },
});

const ACTIVITY_LINK_OPTIONAL = ['/events/*/links/*', '/events/*/status', '/events/*/cost'];

export const SHAPE_RULES: Rule[] = [
  example('shape.credits-methods', 'credits-methods', 'image-skill credits methods', 'Minimum success data shape:'),
  example('shape.credits-packs-list', 'credits-packs-list', 'image-skill credits packs list', 'Minimum success data:'),
  example('shape.credits-quote', 'credits-quote', 'image-skill credits quote', 'Minimum success data:'),
  example('shape.credits-buy.x402', 'credits-buy.x402', 'image-skill credits buy', 'Minimum x402 action-required data:'),
  example('shape.credits-buy.checkout', 'credits-buy.checkout', 'image-skill credits buy', 'Minimum success data:'),
  example('shape.credits-status.action-required', 'credits-status.action-required', 'image-skill credits status', 'Minimum action-required data:', [
    // The example is a Checkout attempt; an x402 attempt has no Checkout fields.
    '/payment_attempt/checkout_session_id',
    '/payment_attempt/checkout_handoff_url',
    '/payment_attempt/checkout_compact_url',
    '/payment_attempt/checkout_url',
    '/next/human_action',
    '/next/checkout_handoff_url',
    '/next/checkout_compact_url',
    '/quote/pack_id',
  ]),
  // The selection receipt is recorded only when the service chose the model.
  example('shape.create', 'create', 'image-skill create', 'Minimum success data:', ['/request/selection']),
  example('shape.upload', 'upload', 'image-skill upload', 'Minimum success data:'),
  example('shape.assets-show', 'assets-show', 'image-skill assets show', 'Minimum success data:'),
  // The example is one job.completed event; links and cost differ by event type (see the registry rules).
  example('shape.activity-list', 'activity-list', 'image-skill activity list', 'Minimum success data:', ACTIVITY_LINK_OPTIONAL),
  {
    id: 'shape.credits-status.succeeded',
    document: 'cli.md',
    section: 'image-skill credits status',
    quote: 'success data includes `state: "succeeded"`, `receipt`, `credit_event` … updated hosted `limits`',
    summary: 'a succeeded status carries state "succeeded", receipt, credit_event and limits',
    asserts: ['state', 'succeeded', 'receipt', 'credit_event', 'limits'],
    shape: {
      key: 'credits-status.succeeded',
      schema: { type: 'object', required: ['state', 'receipt', 'credit_event', 'limits'], properties: { state: { const: 'succeeded' } } },
    },
  },
  {
    id: 'shape.trust-schema',
    document: 'cli.md',
    section: 'image-skill trust',
    quote: 'The packet uses `schema: "image-skill.trust-packet.v0"`',
    summary: 'trust data names its schema image-skill.trust-packet.v0',
    asserts: ['schema', 'image-skill.trust-packet.v0'],
    shape: { key: 'trust', schema: { type: 'object', required: ['schema'], properties: { schema: { const: 'image-skill.trust-packet.v0' } } } },
  },
  {
    id: 'shape.models-list-summary',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'is executable-first by default and returns `summary`',
    summary: 'models list data has a summary object',
    asserts: ['summary'],
    shape: { key: 'models-list', schema: { type: 'object', required: ['summary'], properties: { summary: { type: 'object' } } } },
  },
  {
    // 0.1.40 rewrote the sentence around the default row; the summary is still returned.
    id: 'shape.models-list-summary.menu',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'The list response also returns `summary`',
    summary: 'models list data has a summary object (the compact model menu of 0.1.40 on)',
    asserts: ['summary'],
    shape: { key: 'models-list', schema: { type: 'object', required: ['summary'], properties: { summary: { type: 'object' } } } },
  },
  {
    id: 'shape.create-guide',
    document: 'cli.md',
    section: 'image-skill create',
    quote: '`create --guide` … `schema: image-skill.create-guide.v1`, `stage`, `next_command`',
    summary: 'guide data names its schema and carries stage and next_command',
    asserts: ['schema', 'image-skill.create-guide.v1', 'stage', 'next_command'],
    shape: {
      key: 'create-guide',
      schema: {
        type: 'object',
        required: ['schema', 'stage', 'next_command'],
        properties: {
          schema: { const: 'image-skill.create-guide.v1' },
          stage: { type: 'string' },
          next_command: { type: 'string', minLength: 1 },
        },
      },
    },
  },
  {
    // The end of the same list: 0.1.40 added fields between next_command and escape_hatches.
    id: 'shape.create-guide.escape-hatches',
    document: 'cli.md',
    section: 'image-skill create',
    quote: '`escape_hatches`, selected executable model … auth/quota/payment blockers, and mutation flags',
    summary: 'guide data carries escape_hatches and the mutation flags object',
    asserts: ['escape_hatches', 'mutation'],
    shape: {
      key: 'create-guide',
      schema: { type: 'object', required: ['escape_hatches', 'mutation'], properties: { mutation: { type: 'object' } } },
    },
  },
  {
    id: 'shape.guide-mutation-flags',
    document: 'llms.txt',
    section: 'First-run guide loop',
    quote: 'Guide mode must report provider_call: false, hosted_create: false, hosted_signup: … payment_object: false, credit_debit: false, and media_write: false',
    summary: 'guide data.mutation reports all six flags, each false',
    // mutation is the object shape.create-guide.escape-hatches requires ("mutation flags").
    asserts: ['provider_call', 'hosted_create', 'hosted_signup', 'payment_object', 'credit_debit', 'media_write', 'false'],
    shape: {
      key: 'create-guide',
      schema: {
        properties: {
          mutation: {
            type: 'object',
            required: ['provider_call', 'hosted_create', 'hosted_signup', 'payment_object', 'credit_debit', 'media_write'],
            properties: Object.fromEntries(
              ['provider_call', 'hosted_create', 'hosted_signup', 'payment_object', 'credit_debit', 'media_write'].map((f) => [f, { const: false }]),
            ),
          },
        },
      },
    },
  },
  {
    id: 'guide.quota-payment-commands',
    document: 'cli.md',
    section: 'First Run Guide Loop',
    quote: '`quota_required`: follow the payment commands … `data.checks.payments.suggested_commands`',
    summary: 'at stage quota_required the guide lists payment commands at data.checks.payments.suggested_commands',
    asserts: ['quota_required', 'data.checks.payments.suggested_commands'],
    shape: {
      key: 'create-guide',
      schema: {
        if: { required: ['stage'], properties: { stage: { const: 'quota_required' } } },
        then: {
          required: ['checks'],
          properties: {
            checks: {
              type: 'object',
              required: ['payments'],
              properties: {
                payments: { type: 'object', required: ['suggested_commands'], properties: { suggested_commands: { type: 'array', minItems: 1, items: { type: 'string' } } } },
              },
            },
          },
        },
      },
    },
  },
  {
    id: 'guide.auth-handoff',
    document: 'cli.md',
    section: 'First Run Guide Loop',
    quote: 'returns `data.auth_handoff` with copy-safe env/stdin templates … auth is required',
    summary: 'at stage auth_required (auth is required) the guide returns data.auth_handoff',
    asserts: ['data.auth_handoff'],
    shape: {
      key: 'create-guide',
      schema: {
        if: { required: ['stage'], properties: { stage: { const: 'auth_required' } } },
        then: { required: ['auth_handoff'], properties: { auth_handoff: { type: 'object' } } },
      },
    },
  },
  {
    id: 'dry-run.zero-debit',
    document: 'cli.md',
    section: 'image-skill create',
    quote: 'debit for the dry run is `quota.consumed_credits: 0`',
    summary: 'create --dry-run data reports quota.consumed_credits 0',
    asserts: ['quota.consumed_credits', '0'],
    shape: {
      key: 'create-dry-run',
      schema: {
        type: 'object',
        required: ['quota'],
        properties: { quota: { type: 'object', required: ['consumed_credits'], properties: { consumed_credits: { const: 0 } } } },
      },
    },
  },
  {
    id: 'dry-run.planned-debit',
    document: 'cli.md',
    section: 'image-skill create',
    quote: '`cost.credit_pricing.credits_required` is the planned live execution debit',
    summary: 'create --dry-run data reports cost.credit_pricing.credits_required',
    asserts: ['cost.credit_pricing.credits_required'],
    shape: {
      key: 'create-dry-run',
      schema: {
        type: 'object',
        required: ['cost'],
        properties: {
          cost: {
            type: 'object',
            required: ['credit_pricing'],
            properties: { credit_pricing: { type: 'object', required: ['credits_required'], properties: { credits_required: { type: ['number', 'null'] } } } },
          },
        },
      },
    },
  },
];
