import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractMinimumExamples, deriveSchema } from '../../harness/checks/contract-extract.js';
import { createAjv } from '../../harness/checks/schema-ajv.js';

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`../fixtures/contract/${name}`, import.meta.url)), 'utf8');

test('finds every Minimum ... data example under its nearest ### heading', () => {
  const found = extractMinimumExamples(fixture('cli.md'));
  expect(found.map((f) => [f.section, f.label])).toEqual([
    ['image-skill whoami', 'Minimum success data'],
    ['image-skill credits buy', 'Minimum x402 action-required data'],
    ['image-skill credits buy', 'Minimum success data shape'],
    ['image-skill credits status', 'Minimum action-required data'],
  ]);
  expect(found.every((f) => f.error === undefined)).toBe(true);
  expect(found[0].example).toEqual({ actor_id: 'agt_1', claim_state: 'unclaimed', grants: ['read'] });
  expect(found[2].example).toEqual({ state: 'action_required', checkout_url: 'https://pay.example.invalid/x' });
});

test('a broken example yields an entry naming its section instead of throwing', () => {
  const found = extractMinimumExamples(fixture('cli-broken.md'));
  expect(found).toHaveLength(3);
  expect(found[0].example).toBeUndefined();
  expect(found[0].error).toContain('image-skill credits methods');
  expect(found[0].error).toContain('not valid JSON');
  expect(found[1].example).toMatchObject({ default_pack_id: 'starter-500' });
  expect(found[2].section).toBe('image-skill mystery command');
});

test('an unterminated block is reported, not swallowed', () => {
  const found = extractMinimumExamples('### `x`\n\nMinimum success data:\n\n```json\n{"a": 1}\n');
  expect(found).toHaveLength(1);
  expect(found[0].error).toMatch(/never closed/);
});

test('deriveSchema requires every key, types values, unions array items, lets null be anything', () => {
  const example = extractMinimumExamples(fixture('cli.md'))[3].example;
  const schema = deriveSchema(example);
  expect(schema).toEqual({
    type: 'object',
    required: ['state', 'rows'],
    properties: {
      state: { type: 'string' },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'note'],
          properties: { id: { type: 'string' }, note: { type: ['string', 'null'] }, extra: { type: 'number' } },
        },
      },
    },
  });
  const validate = createAjv().compile(schema);
  expect(validate(example)).toBe(true);
  expect(validate({ state: 'x', rows: [{ id: 'a', note: 5 }] })).toBe(false);
  expect(validate({ state: 'x', rows: [{ id: 'a' }] })).toBe(false);
  expect(validate({ state: 'x', rows: [], more: true })).toBe(true);
});

test('deriveSchema of a lone null accepts any value, of nested objects requires nested keys', () => {
  expect(deriveSchema(null)).toEqual({});
  const validate = createAjv().compile(deriveSchema({ a: { b: 1, c: null } }));
  expect(validate({ a: { b: 2, c: { any: 'thing' } } })).toBe(true);
  expect(validate({ a: { b: 2 } })).toBe(false);
  expect(validate({ a: { b: '2', c: null } })).toBe(false);
});
