import { test, expect } from '@playwright/test';
import { FormParseError, parseStripeForm } from '../../harness/stripe/embedded/form.js';

test('nested bracket keys become objects and indexed keys become arrays', () => {
  const body = [
    'mode=payment',
    'line_items[0][price_data][currency]=usd',
    'line_items[0][price_data][unit_amount]=500',
    'line_items[0][price_data][product_data][name]=Credits%20pack',
    'line_items[0][quantity]=2',
    'line_items[1][quantity]=1',
    'metadata[quote_id]=q_1',
    'metadata[0]=zero',
    'payment_method_types[0]=card',
    'payment_method_types[1]=link',
    'expand[]=payment_intent',
  ].join('&');
  expect(parseStripeForm(body)).toEqual({
    mode: 'payment',
    line_items: [
      { price_data: { currency: 'usd', unit_amount: '500', product_data: { name: 'Credits pack' } }, quantity: '2' },
      { quantity: '1' },
    ],
    metadata: { quote_id: 'q_1', 0: 'zero' },
    payment_method_types: ['card', 'link'],
    expand: ['payment_intent'],
  });
});

test('non-contiguous indexes stay an object', () => {
  expect(parseStripeForm('a[0]=x&a[2]=y')).toEqual({ a: { 0: 'x', 2: 'y' } });
});

test('empty body gives empty params', () => {
  expect(parseStripeForm('')).toEqual({});
});

test('prototype keys, duplicates, conflicts and malformed names are refused', () => {
  expect(() => parseStripeForm('metadata[__proto__]=x')).toThrow(FormParseError);
  expect(() => parseStripeForm('a=1&a=2')).toThrow(FormParseError);
  expect(() => parseStripeForm('a=1&a[b]=2')).toThrow(FormParseError);
  expect(() => parseStripeForm('a[b=1')).toThrow(FormParseError);
});
