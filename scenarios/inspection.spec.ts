/**
 * Read-only inspection commands: doctor, trust, models, capabilities. Besides the schema
 * checks, they prove the CLI honours the base-URL override everywhere (the network guard
 * fails the test on any connection that is not to loopback).
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf } from '../fixtures/scenario-helpers.js';
import type { DoctorData, ModelsListData, TrustData } from '../fixtures/shapes.js';

test('doctor reports the fake as reachable', { tag: ['@network', '@envelope'] }, async ({ cli }) => {
  const d = dataOf<DoctorData>(await cli.run(['doctor', '--json']));
  expect(d.service.reachable).toBe(true);
});

test('trust returns an evidence packet about the package and the service', { tag: ['@network'] }, async ({ cli, target, fake }) => {
  const inv = await cli.run(['trust', '--json']);
  expect(inv.exitCode).toBe(0);
  const t = dataOf<TrustData>(inv);
  expect(t.schema).toBe('image-skill.trust-packet.v0');
  const paths = inv.requests.map((r) => r.path);
  expect(paths).toContain('/healthz');
  expect(paths).toContain('/v1/models');
  if (target.documents['cli.md']) {
    expect(paths).toContain('/cli.md');
    expect(t.documents['cli.md'].status).toBe('ok');
  }
  expect(fake.journal.entries().filter((e) => e.unknownRoute)).toEqual([]);
});

test('models list is executable-first; filters and show work', { tag: ['@network'] }, async ({ cli }) => {
  const list = dataOf<ModelsListData>(await cli.run(['models', 'list', '--json']));
  expect(list.models.length).toBeGreaterThan(0);
  expect(list.models.every((m) => m.execution.model_execution_status === 'executable'), 'default list excludes catalog-only rows').toBe(true);
  const available = await cli.run(['models', 'list', '--available', '--operation', 'image.generate', '--json']);
  const query = available.requests.find((r) => r.path === '/v1/models')!.query;
  expect(query.available).toBe('true');
  expect(query.operation).toBe('image.generate');
  const catalog = dataOf<ModelsListData>(await cli.run(['models', 'list', '--catalog-only', '--json']));
  expect(catalog.models.every((m) => m.execution.model_execution_status !== 'executable')).toBe(true);
  const show = await cli.run(['models', 'show', list.models[0].id, '--json']);
  expect(show.exitCode).toBe(0);
  expect(show.requests.some((r) => r.path === `/v1/models/${list.models[0].id}`)).toBe(true);
});

test('capabilities list', { tag: ['@network'] }, async ({ cli }) => {
  const inv = await cli.run(['capabilities', '--json']);
  expect(inv.exitCode).toBe(0);
  expect(inv.requests.some((r) => r.path === '/v1/capabilities')).toBe(true);
});
