/** The activity event registry: each documented type carries its stable links. */
import type { Rule } from '../types.js';

/** One row of the registry table, as the documents write it. */
interface RegistryRow {
  type: string;
  subject: string;
  operation: string;
  /**
   * The "Emitted when" cell, elided: its first words, ` … `, its last words (each verbatim). The
   * row's quote is then two pieces of fewer than ten words: type to the cell's start, the cell's
   * end to the links.
   */
  emittedWhen: string;
  links: string[];
  /** Suffix of the rule id when a later release rewrote the row (the earlier row keeps the plain id). */
  variant?: string;
}

const row = (type: string, subject: string, operation: string, emittedWhen: string, links: string[], variant?: string): RegistryRow => ({
  type,
  subject,
  operation,
  emittedWhen,
  links,
  variant,
});

/** The rows of the registry table; a rule quotes its row (the cell elided), so the links it checks are in its quote. */
const REGISTRY: RegistryRow[] = [
  row('job.completed', 'job', 'create/edit', 'A hosted create … reaches a terminal state.', ['job_id', 'asset_ids', 'usage_event_id']),
  row('job.planned', 'job', 'create', 'An authenticated create dry-run … recoverable plan receipt.', ['job_id']),
  // 0.1.40: edit dry-runs plan jobs too; same links.
  row('job.planned', 'job', 'create/edit', 'An authenticated hosted … recoverable plan receipt.', ['job_id'], 'hosted-dry-run'),
  row('asset.created', 'asset', 'create/edit', 'A hosted create … produces an output asset.', ['job_id', 'asset_ids', 'usage_event_id']),
  row('asset.uploaded', 'asset', 'upload', 'A public edit workflow … imports input media.', ['job_id', 'asset_ids', 'usage_event_id']),
  row('usage.credit_consumed', 'usage', 'usage', 'A creative operation … preview-credit entry.', ['job_id', 'usage_event_id']),
  row('feedback.created', 'feedback', 'feedback', 'Hosted agent feedback … into product memory.', ['feedback_id']),
  row('feedback.github_queue.processed', 'feedback', 'feedback', 'Feedback is processed … GitHub implementation queue handoff.', ['feedback_id']),
  row('payment.checkout_session.created', 'payment', 'payment', 'A Stripe Checkout session … awaits external action.', ['quote_id', 'payment_attempt_id', 'checkout_session_id']),
  row('credits.payment_backed_granted', 'credit', 'credits', 'Verified payment fulfillment … paid credits.', ['quote_id', 'receipt_id', 'credit_event_id']),
  row('credits.payment_backed_refunded', 'credit', 'credits', 'A Stripe refund … payment-backed credits.', ['quote_id', 'receipt_id', 'payment_reversal_id', 'credit_event_id']),
  row('credits.payment_backed_disputed', 'credit', 'credits', 'A Stripe dispute debit … payment-backed credits.', ['quote_id', 'receipt_id', 'payment_reversal_id', 'credit_event_id']),
  row('credits.payment_backed_reinstated', 'credit', 'credits', 'Stripe dispute funds … reinstated and recorded.', ['quote_id', 'receipt_id', 'payment_reversal_id']),
  row('credits.payment_backed_reversal_pending', 'credit', 'credits', 'A reversal … could not be fully applied.', ['quote_id', 'receipt_id', 'payment_reversal_id']),
  row('credits.payment_backed_reversal_rejected', 'credit', 'credits', 'A reversal was rejected … could not safely reconcile.', ['quote_id', 'receipt_id', 'payment_reversal_id']),
];

export const ACTIVITY_EVENT_TYPES = [...new Set(REGISTRY.map((r) => r.type))];

export const ACTIVITY_RULES: Rule[] = REGISTRY.map(({ type, subject, operation, emittedWhen, links, variant }) => ({
  id: `activity.links.${type}${variant ? `.${variant}` : ''}`,
  document: 'cli.md',
  section: 'Activity Event Registry',
  quote: `\`${type}\` | \`${subject}\` | ${operation} | ${emittedWhen} | ${links.map((l) => `\`${l}\``).join(', ')}`,
  summary: `a ${type} event in activity list carries the links ${links.join(', ')}; once emitted (${emittedWhen.replace(/\.$/, '').toLowerCase()}), activity list shows it`,
  asserts: [type, ...links],
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
    asserts: [],
    observation: true,
  },
];
