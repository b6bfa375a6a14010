/**
 * assets show / get on the fake's loopback media route: no overwrite without --overwrite,
 * byte length checked against content-length (the exit code of a short download and whether
 * a partial file is left are not stated: observed).
 */
import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorOf, exists, signedInCreate } from '../fixtures/scenario-helpers.js';
import type { AssetShowData } from '../fixtures/shapes.js';

const sha = async (p: string) => createHash('sha256').update(new Uint8Array(await readFile(p))).digest('hex');

test('assets show and get, then refuse to overwrite without --overwrite', { tag: ['@assets'] }, async ({ cli, sandbox, contract }) => {
  const signed = await signedInCreate(cli);
  cli = signed.cli;
  const created = signed.created;
  const asset = created.assets[0];
  const showInv = await cli.run(['assets', 'show', asset.asset_id, '--json']);
  const shown = (await contract.rule('media.assets.show', () => {
    expect(showInv).toExitWith(0);
    const data = dataOf<AssetShowData>(showInv);
    expect(JSON.stringify(data), 'the asset it was asked for').toContain(asset.asset_id);
    return data;
  })) as AssetShowData;

  const out = join(sandbox.work, 'result.png');
  const got = await cli.run(['assets', 'get', asset.asset_id, '--output', out, '--json']);
  await contract.rule('media.assets.get', async () => {
    expect(got).toExitWith(0);
    expect((await stat(out)).size).toBe(shown.asset.content_length);
  });
  const download = got.requests.find((r) => r.path.startsWith('/media/'));
  await contract.observe('the bytes come from the media route, as a plain unauthenticated GET', () => {
    expect(download, 'a GET of the media route').toBeTruthy();
    expect(download!.rawAuthorization, 'the media download carries no token').toBeNull();
  });

  await writeFile(out, 'precious bytes');
  const before = await sha(out);
  const refused = await cli.run(['assets', 'get', asset.asset_id, '--output', out, '--json']);
  await contract.rule('media.assets.no-overwrite', async () => {
    expect(refused).not.toExitWith(0);
    errorOf(refused);
    expect(await sha(out), 'the existing file must be untouched').toBe(before);
  });
  await contract.rule('exit.code-9-filesystem', () => expect(refused, 'exit of a refused overwrite').toExitWith(9));

  const forced = await cli.run(['assets', 'get', asset.asset_id, '--output', out, '--overwrite', '--json']);
  await contract.rule('media.assets.no-overwrite', async () => {
    expect(forced, 'exit with --overwrite').toExitWith(0);
    expect((await stat(out)).size).toBe(shown.asset.content_length);
  });
});

test('a body shorter than its content-length fails', { tag: ['@assets', '@exit-codes'] }, async ({ cli, fake, sandbox, contract }) => {
  const signed = await signedInCreate(cli);
  cli = signed.cli;
  const created = signed.created;
  fake.override({ name: 'short-media-body', method: 'GET', path: '/media/a/:file', truncateBodyBytes: 10 } as Parameters<typeof fake.override>[0]);
  const out = join(sandbox.work, 'short.png');
  const inv = await cli.run(['assets', 'get', created.assets[0].asset_id, '--output', out, '--json']);
  await contract.rule('media.assets.verifies-length', () => {
    expect(inv).not.toExitWith(0);
    errorOf(inv);
  });
  await contract.observe('a short download exits 9', () => expect(inv).toExitWith(9));
  await contract.observe('no partial file is left at the output path', async () => expect(await exists(out)).toBe(false));
});
