import { test, expect } from '@playwright/test';
import { diffSchemas, diffSchemaSets } from '../../harness/checks/schema-diff.js';
import { documentsSchemaDiff } from '../../harness/checks/contract-diff.js';

test('diffSchemas reports added, removed, retyped and constant changes by pointer', () => {
  const a = {
    type: 'object',
    required: ['id', 'kind', 'rows', 'gone'],
    properties: {
      id: { type: 'string' },
      kind: { const: 'v1' },
      gone: { type: 'number' },
      rows: { type: 'array', items: { $ref: '#/$defs/row' } },
    },
    $defs: { row: { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } } },
  };
  const b = {
    type: 'object',
    required: ['id', 'kind', 'rows', 'fresh'],
    properties: {
      id: { type: ['string', 'null'] },
      kind: { const: 'v2' },
      fresh: { type: 'boolean' },
      rows: { type: 'array', items: { type: 'object', required: ['n', 'm'], properties: { n: { type: 'string' }, m: { type: 'string' } } } },
    },
  };
  expect(diffSchemas(a, b)).toEqual([
    { pointer: '/id', change: 'retyped', from: 'string', to: 'null|string' },
    { pointer: '/kind', change: 'constant-changed', from: '"v1"', to: '"v2"' },
    { pointer: '/gone', change: 'removed', from: 'number' },
    { pointer: '/rows/[]/n', change: 'retyped', from: 'integer', to: 'string' },
    { pointer: '/rows/[]/m', change: 'added', to: 'string' },
    { pointer: '/fresh', change: 'added', to: 'boolean' },
  ]);
  expect(diffSchemas(a, a)).toEqual([]);
});

test('0.1.23 → 0.1.25 lists the new payment-method fields and the x402 payable instructions', () => {
  const changes = diffSchemaSets('0.1.23', '0.1.25');
  const added = changes.filter((c) => c.change === 'added').map((c) => c.pointer);
  expect(added).toEqual(
    expect.arrayContaining([
      'credits-methods/methods/[]/agent_initiated',
      'credits-methods/methods/[]/agent_settleable',
      'credits-methods/methods/[]/settlement_blocker',
      'credits-buy.x402/stripe_x402/payable_instructions',
    ]),
  );
  expect(diffSchemaSets('0.1.25', '0.1.23').filter((c) => c.change === 'removed').map((c) => c.pointer)).toContain('credits-methods/methods/[]/agent_settleable');
  expect(diffSchemaSets('0.1.25', '0.1.25')).toEqual([]);
});

test('documentsSchemaDiff compares what two packages ship', () => {
  const base = { 'llms.txt': '## 0.1.23 - 2026-06-02\n' };
  const head = { 'llms.txt': '## 0.1.25 - 2026-06-02\n' };
  const d = documentsSchemaDiff(base, head);
  expect(d.base.version).toBe('0.1.23');
  expect(d.head.version).toBe('0.1.25');
  expect(d.changes.map((c) => c.pointer)).toContain('credits-buy.x402/stripe_x402/payable_instructions');
});
