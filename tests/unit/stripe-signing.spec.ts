import { test, expect } from '@playwright/test';
import Stripe from 'stripe';
import { buildEvent, forgeSignature, signPayload, verifyEvent } from '../../harness/stripe/index.js';

const secret = 'whsec_' + 'a1B2c3D4'.repeat(4);

function samplePayload(createdSec?: number): string {
  return JSON.stringify(buildEvent('checkout.session.completed', { id: 'cs_test_123', object: 'checkout.session' }, { createdSec }));
}

test('buildEvent produces a Stripe-shaped event', () => {
  const event = buildEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' }, { id: 'evt_fixed', createdSec: 1_700_000_000 });
  expect(event).toMatchObject({
    id: 'evt_fixed',
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: 1_700_000_000,
    data: { object: { id: 'pi_1', object: 'payment_intent' } },
    livemode: false,
    request: { id: null, idempotency_key: null },
    type: 'payment_intent.succeeded',
  });
  expect(typeof event.pending_webhooks).toBe('number');
  const generated = buildEvent('x.y', {});
  expect(String(generated.id)).toMatch(/^evt_[A-Za-z0-9]{24}$/);
  expect(Math.abs(Number(generated.created) - Date.now() / 1000)).toBeLessThan(5);
});

test('sign then verify round-trips through the SDK', () => {
  const payload = samplePayload();
  const header = signPayload(payload, secret);
  expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  const event = verifyEvent(payload, header, secret);
  expect(event.type).toBe('checkout.session.completed');
  expect((event.data.object as { id: string }).id).toBe('cs_test_123');
});

test('an explicit timestamp is the one signed', () => {
  const ts = Math.floor(Date.now() / 1000) - 30;
  expect(signPayload(samplePayload(), secret, ts)).toMatch(new RegExp(`^t=${ts},v1=`));
});

test('a forged signature is rejected', () => {
  const payload = samplePayload();
  const forged = forgeSignature(payload);
  expect(forged).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  expect(() => verifyEvent(payload, forged, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
});

test('a tampered payload is rejected', () => {
  const payload = samplePayload();
  const header = signPayload(payload, secret);
  expect(() => verifyEvent(payload.replace('cs_test_123', 'cs_test_999'), header, secret)).toThrow(/signature/i);
});

test('a stale timestamp is rejected, and accepted with a wide enough tolerance', () => {
  const payload = samplePayload();
  const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
  const header = signPayload(payload, secret, tenMinutesAgo);
  expect(() => verifyEvent(payload, header, secret)).toThrow(/tolerance/i);
  expect(verifyEvent(payload, header, secret, 900).type).toBe('checkout.session.completed');
});
