/**
 * Read-only inspection commands: doctor, trust, models, capabilities. Besides the schema
 * checks, they prove the CLI honours the base-URL override everywhere (the network guard
 * fails the test on any connection that is not to loopback).
 */
import { test, expect } from '../fixtures/test.js';
import { dataOf } from '../fixtures/scenario-helpers.js';
import type { DoctorData, ModelsListData, TrustData } from '../fixtures/shapes.js';
import { SEED_MODELS } from '../harness/fake/catalogue.js';

/** Model ids by what the fake serves them as (the service decides; the CLI relays and filters). */
const CATALOG_ONLY = new Set(SEED_MODELS.filter((m) => m.execution === 'catalog_only').map((m) => m.id));
const EXECUTABLE = new Set(SEED_MODELS.filter((m) => m.execution === 'executable').map((m) => m.id));
const USABLE = new Set(SEED_MODELS.filter((m) => m.execution === 'executable' && m.status === 'available').map((m) => m.id));

test('doctor reports the fake as reachable', { tag: ['@network', '@envelope'] }, async ({ cli, contract }) => {
  // cli.md names what doctor checks but gives no field for it: only the envelope is a rule here.
  const inv = await cli.run(['doctor', '--json']);
  await contract.observe('doctor reports data.service.reachable: true', () => {
    expect(dataOf<DoctorData>(inv).service?.reachable).toBe(true);
  });
});

test('trust returns an evidence packet about the package and the service', { tag: ['@network'] }, async ({ cli, target, fake, contract }) => {
  const inv = await cli.run(['trust', '--json']);
  const paths = inv.requests.map((r) => r.path);
  await contract.rule('trust.reports-health-and-models', () => {
    expect(inv).toExitWith(0);
    expect(paths).toContain('/healthz');
    expect(paths).toContain('/v1/models');
  });
  await contract.rule('shape.trust-schema', () => expect(dataOf<TrustData>(inv).schema).toBe('image-skill.trust-packet.v0'));
  await contract.rule('trust.document-hashes', () => {
    expect(paths.some((p) => ['/cli.md', '/llms.txt', '/skill.md'].includes(p)), `requests: ${paths.join(', ')}`).toBe(true);
  });
  await contract.observe('trust fetches /cli.md and reports data.documents["cli.md"].status ok', () => {
    if (!target.documents['cli.md']) return;
    expect(paths).toContain('/cli.md');
    expect((dataOf<TrustData>(inv) as { documents?: Record<string, { status?: unknown }> }).documents?.['cli.md']?.status).toBe('ok');
  });
  await contract.observe('trust requests only routes the fake service knows', () => {
    expect(fake.journal.entries().filter((e) => e.unknownRoute)).toEqual([]);
  });
});

test('models list is executable-first; filters and show work', { tag: ['@network'] }, async ({ cli, contract }) => {
  const ids = (inv: Parameters<typeof dataOf>[0]) => dataOf<ModelsListData>(inv).models.map((m) => m.id);
  const listInv = await cli.run(['models', 'list', '--json']);
  const list = await contract.rule('models.default-executable-first', () => {
    const l = dataOf<ModelsListData>(listInv);
    expect(l.models.length, 'the fake lists executable models').toBeGreaterThan(0);
    expect(ids(listInv).filter((id) => CATALOG_ONLY.has(id)), 'default list excludes catalog-only rows').toEqual([]);
    return l;
  });
  await contract.observe('the default list marks its rows execution.model_execution_status executable', () => {
    expect(dataOf<ModelsListData>(listInv).models.filter((m) => m.execution?.model_execution_status !== 'executable').map((m) => m.id)).toEqual([]);
  });

  const available = await cli.run(['models', 'list', '--available', '--operation', 'image.generate', '--json']);
  await contract.rule('models.available-filter', () => {
    expect(ids(available).filter((id) => !USABLE.has(id)), '--available returns currently usable executable rows only').toEqual([]);
  });
  await contract.observe('models list --available --operation passes the filters to the service as query parameters', () => {
    const query = available.requests.find((r) => r.path === '/v1/models')?.query;
    expect(query?.available).toBe('true');
    expect(query?.operation).toBe('image.generate');
  });

  const catalogInv = await cli.run(['models', 'list', '--catalog-only', '--json']);
  await contract.rule('models.catalog-only-filter', () => {
    expect(ids(catalogInv).filter((id) => EXECUTABLE.has(id)), '--catalog-only returns no executable row').toEqual([]);
  });

  if (!list) return;
  const id = list.models[0].id;
  const show = await cli.run(['models', 'show', id, '--json']);
  await contract.rule('models.show', () => {
    expect(show).toExitWith(0);
    dataOf(show);
  });
  await contract.observe('models show requests /v1/models/<id>', () => {
    expect(show).toHaveRequested('GET', `/v1/models/${id}`);
  });
});

test('capabilities list', { tag: ['@network'] }, async ({ cli, contract }) => {
  const inv = await cli.run(['capabilities', '--json']);
  await contract.rule('capabilities.list', () => {
    expect(inv).toExitWith(0);
    dataOf(inv);
  });
  await contract.observe('capabilities requests /v1/capabilities', () => {
    expect(inv).toHaveRequested('GET', '/v1/capabilities');
  });
});
