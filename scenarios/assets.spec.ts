/**
 * assets show / get on the fake's loopback media route: no overwrite without --overwrite,
 * byte length checked against content-length, no partial file left behind.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, exists, signupAndCreate } from '../fixtures/scenario-helpers.js';
import type { AssetShowData } from '../fixtures/shapes.js';

const sha = async (p: string) => createHash('sha256').update(new Uint8Array(await readFile(p))).digest('hex');

test('assets show and get, then refuse to overwrite without --overwrite', { tag: ['@assets'] }, async ({ cli, sandbox }) => {
  const created = await signupAndCreate(cli);
  const asset = created.assets[0];
  const shown = dataOf<AssetShowData>(await cli.run(['assets', 'show', asset.asset_id, '--json']));
  expect(shown.asset.asset_id).toBe(asset.asset_id);

  const out = join(sandbox.work, 'result.png');
  const got = await cli.run(['assets', 'get', asset.asset_id, '--output', out, '--json']);
  expect(got.exitCode).toBe(0);
  expect((await stat(out)).size).toBe(shown.asset.content_length);
  const download = got.requests.find((r) => r.path.startsWith('/media/'));
  expect(download, 'the bytes come from the media route').toBeTruthy();
  expect(download!.rawAuthorization, 'the media download is a plain unauthenticated GET').toBeNull();

  await writeFile(out, 'precious bytes');
  const before = await sha(out);
  const refused = await cli.run(['assets', 'get', asset.asset_id, '--output', out, '--json']);
  expect(refused.exitCode).toBe(9);
  errorOf(refused);
  expect(await sha(out), 'the existing file must be untouched').toBe(before);

  const forced = await cli.run(['assets', 'get', asset.asset_id, '--output', out, '--overwrite', '--json']);
  expect(forced.exitCode).toBe(0);
  expect((await stat(out)).size).toBe(shown.asset.content_length);
});

test('a body shorter than its content-length fails with exit 9 and leaves no file', { tag: ['@assets', '@exit-codes'] }, async ({ cli, fake, sandbox }) => {
  const created = await signupAndCreate(cli);
  fake.override({ name: 'short-media-body', method: 'GET', path: '/media/a/:file', truncateBodyBytes: 10 } as Parameters<typeof fake.override>[0]);
  const out = join(sandbox.work, 'short.png');
  const inv = await cli.run(['assets', 'get', created.assets[0].asset_id, '--output', out, '--json']);
  expect(inv.exitCode).toBe(9);
  errorOf(inv);
  expect(await exists(out), 'no partial file at the output path').toBe(false);
});
