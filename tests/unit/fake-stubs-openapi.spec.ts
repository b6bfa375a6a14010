/** docs/admin-api.openapi.json is what the generator builds, and every route it lists is served. */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { buildAdminOpenApi } from '../../harness/fake/admin/openapi.js';
import { startFakeService } from '../../harness/fake/index.js';

test('the committed OpenAPI file is up to date', () => {
  const committed = JSON.parse(readFileSync(new URL('../../docs/admin-api.openapi.json', import.meta.url), 'utf8')) as unknown;
  expect(committed).toEqual(buildAdminOpenApi());
});

test('every documented admin route is answered by a handler (not the unknown-route 404)', async () => {
  const fake = await startFakeService({ seed: 3 });
  try {
    const paths = buildAdminOpenApi().paths as Record<string, Record<string, unknown>>;
    let checked = 0;
    for (const [template, item] of Object.entries(paths)) {
      const path = template.replace('{id}', 'stub-x').replace('{name}', template.includes('presets') ? 'service-down' : 'scn');
      for (const method of ['get', 'post', 'put', 'delete'].filter((m) => m in item)) {
        await fetch(`${fake.url}${path}`, { method: method.toUpperCase(), headers: { 'content-type': 'application/json' }, body: method === 'get' || method === 'delete' ? undefined : '{}' });
        checked += 1;
      }
      await fetch(`${fake.url}/__admin/reset`, { method: 'POST' });
    }
    const unknown = fake.journal.entries().filter((e) => e.unknownRoute).map((e) => `${e.method} ${e.path}`);
    expect(unknown).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  } finally {
    await fake.close();
  }
});
