import { test, expect } from '@playwright/test';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CHROMIUM_PATH, findChromium, isExecutableFile, isLoopbackUrl } from '../../fixtures/browser.js';

test.describe('findChromium', () => {
  let dir = '';
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'isc-browser-'));
  });
  test.afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  test('CHROMIUM_PATH pointing at an executable file is used', () => {
    const exe = join(dir, 'chromium');
    writeFileSync(exe, '#!/bin/sh\n');
    chmodSync(exe, 0o755);
    expect(findChromium({ CHROMIUM_PATH: exe })).toBe(exe);
  });

  test('CHROMIUM_PATH pointing at nothing gives null, with no fallback to the default', () => {
    const always = () => true;
    const missing = join(dir, 'missing');
    expect(findChromium({ CHROMIUM_PATH: missing })).toBeNull();
    expect(findChromium({ CHROMIUM_PATH: missing }, (p) => p === DEFAULT_CHROMIUM_PATH)).toBeNull();
    expect(findChromium({ CHROMIUM_PATH: missing }, always)).toBe(missing);
  });

  test('a file without the execute bit or a directory does not count', () => {
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'x');
    chmodSync(plain, 0o644);
    expect(isExecutableFile(plain)).toBe(false);
    expect(isExecutableFile(dir)).toBe(false);
    expect(findChromium({ CHROMIUM_PATH: dir })).toBeNull();
  });

  test('without CHROMIUM_PATH the default path decides', () => {
    expect(findChromium({}, (p) => p === DEFAULT_CHROMIUM_PATH)).toBe(DEFAULT_CHROMIUM_PATH);
    expect(findChromium({}, () => false)).toBeNull();
    expect(findChromium({ CHROMIUM_PATH: '  ' }, (p) => p === DEFAULT_CHROMIUM_PATH)).toBe(DEFAULT_CHROMIUM_PATH);
  });
});

test('isLoopbackUrl accepts only loopback hosts', () => {
  expect(isLoopbackUrl('http://127.0.0.1:4000/pay/payatt_1')).toBe(true);
  expect(isLoopbackUrl('http://localhost:80/')).toBe(true);
  expect(isLoopbackUrl('http://[::1]:80/')).toBe(true);
  expect(isLoopbackUrl('https://checkout.stripe.com/c/pay/cs_1#fid')).toBe(false);
  expect(isLoopbackUrl('http://127.0.0.1.nip.io/')).toBe(false);
  expect(isLoopbackUrl('http://10.0.0.1/')).toBe(false);
  expect(isLoopbackUrl('file:///etc/passwd')).toBe(false);
  expect(isLoopbackUrl('not a url')).toBe(false);
});
