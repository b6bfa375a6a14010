/** /__admin/payments/trigger and /resend: the Stripe CLI's verbs against the fake's own webhook. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { PaymentExtras } from '../payment-seam.js';
import { isTriggerEvent, TRIGGER_EVENTS, type VerbResult } from '../payments/index.js';
import { describeProblems } from '../stubs/validate.js';
import { adminError, adminJson, plainBodyProblems, readJsonBody } from './json.js';

export interface PaymentVerbDeps {
  url(path: string): string;
  payments: Pick<PaymentExtras, 'trigger' | 'resend'>;
}

function answer(result: VerbResult): Response {
  if (!result.ok) return adminError(result.status, result.status === 503 ? 'PAYMENTS_NOT_ATTACHED' : 'NOT_FOUND', result.message);
  return adminJson(result.delivery);
}

const detached = (): Response => adminError(503, 'PAYMENTS_NOT_ATTACHED', 'this fake has no payment area with trigger/resend');

export function paymentVerbRoutes(deps: PaymentVerbDeps): HttpHandler[] {
  const { payments } = deps;
  return [
    http.post('*/__admin/payments/trigger', async ({ request }) => {
      const body = await readJsonBody(request);
      if (!body.ok) return body.response;
      const problems = plainBodyProblems(body.value, ['event', 'attempt_id']);
      const event = (body.value as { event?: unknown } | null)?.event;
      if (typeof event === 'string' && !isTriggerEvent(event)) problems.push({ field: 'event', message: `must be one of ${TRIGGER_EVENTS.join(', ')}` });
      if (problems.length > 0) return adminError(400, 'INVALID_ARGUMENT', describeProblems(problems), problems);
      if (!payments.trigger || !isTriggerEvent(event)) return detached();
      return answer(await payments.trigger(event, String((body.value as { attempt_id: string }).attempt_id)));
    }),
    http.post('*/__admin/payments/resend', async ({ request }) => {
      const body = await readJsonBody(request);
      if (!body.ok) return body.response;
      const problems = plainBodyProblems(body.value, ['event_id']);
      if (problems.length > 0) return adminError(400, 'INVALID_ARGUMENT', describeProblems(problems), problems);
      if (!payments.resend) return detached();
      return answer(await payments.resend(String((body.value as { event_id: string }).event_id)));
    }),
  ];
}
