/** The activity event registry: each documented type carries its stable links. */
import type { Rule } from '../types.js';

/** [type, subject, operation, stable links] as the registry table lists them. */
const REGISTRY: Array<[string, string, string, string[]]> = [
  ['job.completed', 'job', 'create/edit', ['job_id', 'asset_ids', 'usage_event_id']],
  ['job.planned', 'job', 'create', ['job_id']],
  ['asset.created', 'asset', 'create/edit', ['job_id', 'asset_ids', 'usage_event_id']],
  ['asset.uploaded', 'asset', 'upload', ['job_id', 'asset_ids', 'usage_event_id']],
  ['usage.credit_consumed', 'usage', 'usage', ['job_id', 'usage_event_id']],
  ['feedback.created', 'feedback', 'feedback', ['feedback_id']],
  ['feedback.github_queue.processed', 'feedback', 'feedback', ['feedback_id']],
  ['payment.checkout_session.created', 'payment', 'payment', ['quote_id', 'payment_attempt_id', 'checkout_session_id']],
  ['credits.payment_backed_granted', 'credit', 'credits', ['quote_id', 'receipt_id', 'credit_event_id']],
  ['credits.payment_backed_refunded', 'credit', 'credits', ['quote_id', 'receipt_id', 'payment_reversal_id', 'credit_event_id']],
  ['credits.payment_backed_disputed', 'credit', 'credits', ['quote_id', 'receipt_id', 'payment_reversal_id', 'credit_event_id']],
  ['credits.payment_backed_reinstated', 'credit', 'credits', ['quote_id', 'receipt_id', 'payment_reversal_id']],
  ['credits.payment_backed_reversal_pending', 'credit', 'credits', ['quote_id', 'receipt_id', 'payment_reversal_id']],
  ['credits.payment_backed_reversal_rejected', 'credit', 'credits', ['quote_id', 'receipt_id', 'payment_reversal_id']],
];

export const ACTIVITY_EVENT_TYPES = REGISTRY.map(([type]) => type);

export const ACTIVITY_RULES: Rule[] = REGISTRY.map(([type, subject, operation, links]) => ({
  id: `activity.links.${type}`,
  document: 'cli.md',
  section: 'Activity Event Registry',
  quote: `\`${type}\` | \`${subject}\` | ${operation}`,
  summary: `a ${type} event in activity list carries the links ${links.join(', ')}`,
  shape: {
    key: 'activity-list',
    schema: {
      properties: {
        events: {
          items: {
            if: { required: ['type'], properties: { type: { const: type } } },
            then: { required: ['links'], properties: { links: { type: 'object', required: links } } },
          },
        },
      },
    },
  },
}));

export const ACTIVITY_OBSERVATIONS: Rule[] = [
  {
    id: 'activity.registry-only',
    document: 'cli.md',
    section: 'Activity Event Registry',
    quote: 'use only the registry below',
    summary: 'how the CLI shows an event type the service sent that is not in the registry (the documents tell agents what to do, not the CLI)',
    observation: true,
  },
];
