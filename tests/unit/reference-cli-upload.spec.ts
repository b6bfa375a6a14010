/**
 * Reference CLI upload: the type is read from the first bytes, not the file name.
 * Allowed images go on to the (closed) service and fail with exit 7; anything else is
 * INPUT_POLICY_DENIED, exit 6, before any request.
 */
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../fixtures/reference-cli/bin/image-skill.mjs', import.meta.url));

let dir = '';
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'refcli-upload-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

function upload(name: string, bytes: Uint8Array, mutant?: string) {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const r = spawnSync(process.execPath, [BIN, 'upload', path, '--json'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      IMAGE_SKILL_API_BASE_URL: 'http://127.0.0.1:9',
      IMAGE_SKILL_TOKEN: `isk_r_${'ef56'.repeat(8)}`,
      IMAGE_SKILL_NO_TELEMETRY: '1',
      ...(mutant ? { ISC_REFERENCE_MUTANT: mutant } : {}),
    },
    input: '',
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { code: r.status, json: JSON.parse(r.stdout) as { ok: boolean; error: { code: string } | null } };
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
/** Concatenate parts and pad with zeros so every sample is longer than its magic number. */
const bytesOf = (...parts: Array<Uint8Array | number[]>) => Uint8Array.from([...parts.flatMap((p) => [...p]), ...new Array<number>(32).fill(0)]);

const IMAGES: Record<string, Uint8Array> = {
  'a.png': bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'a.jpg': bytesOf([0xff, 0xd8, 0xff, 0xe0]),
  'a.gif': bytesOf(ascii('GIF89a')),
  'a.webp': bytesOf(ascii('RIFF'), [0, 0, 0, 0], ascii('WEBPVP8 ')),
  'a.avif': bytesOf([0, 0, 0, 0x1c], ascii('ftypavif'), [0, 0, 0, 0], ascii('avifmif1miaf')),
};

test('each allowed image type passes the local check and reaches the network step', () => {
  for (const [name, bytes] of Object.entries(IMAGES)) {
    const r = upload(name, bytes);
    expect(r.code, name).toBe(7);
    expect(r.json.error?.code, name).toBe('NETWORK_ERROR');
  }
});

test('a non-image with an image name is denied with exit 6 before any request', () => {
  for (const [name, bytes] of [['fake.png', ascii('hello, not an image')], ['doc.pdf', ascii('%PDF-1.7\n')], ['empty.png', new Uint8Array(0)]] as const) {
    const r = upload(name, bytes);
    expect(r.code, name).toBe(6);
    expect(r.json.error?.code, name).toBe('INPUT_POLICY_DENIED');
  }
});

test('policy mutants are observable offline', () => {
  const text = ascii('plain text');
  expect(upload('t.png', text, 'upload-accepts-disallowed-mime').code).toBe(7);
  expect(upload('t.png', text, 'content-policy-exit-code-1').code).toBe(1);
});
