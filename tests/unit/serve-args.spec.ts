/** `serve` refuses bad flags and bad stub files with exit 2 and a message naming the problem, before starting anything. */
import { test, expect } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runServe } from '../../harness/fake/serve.js';
import { parseServeArgs } from '../../harness/fake/serve-args.js';

async function serveFails(argv: string[]): Promise<{ code: number; errors: string[]; printed: string[] }> {
  const errors: string[] = [];
  const printed: string[] = [];
  const stop = new AbortController();
  stop.abort(); // should it start after all, it stops at once
  const code = await runServe(argv, { print: (l) => printed.push(l), error: (l) => errors.push(l), stop: stop.signal });
  return { code, errors, printed };
}

test('bad flags exit 2 and name the flag', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--host', '0.0.0.0'], /--host must be 127\.0\.0\.1/],
    [['--port', 'abc'], /--port must be an integer/],
    [['--port', '70000'], /--port must be an integer/],
    [['--fork-url', 'http://127.0.0.1:1'], /--fork-url needs --chain/],
    [['--chain', '--fork-url', 'ftp://x'], /--fork-url must be an http\(s\) URL/],
    [['--paymnets'], /Unknown option '--paymnets'/],
    [['--stubs', '/nonexistent/stub-dir'], /--stubs \/nonexistent\/stub-dir: cannot read the directory \(ENOENT\)/],
  ];
  for (const [argv, message] of cases) {
    const r = await serveFails(argv);
    expect(r.code, argv.join(' ')).toBe(2);
    expect(r.errors.join('\n'), argv.join(' ')).toMatch(message);
    expect(r.printed).toEqual([]);
  }
});

test('a bad stub file exits 2 naming the file, the entry and the field', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'isc-stubs-'));
  try {
    writeFileSync(join(dir, 'a.json'), JSON.stringify({ request: { method: 'GET', path: '/healthz' } }));
    writeFileSync(join(dir, 'b.json'), JSON.stringify([{ request: {} }, { request: {}, response: { statsu: 503 } }]));
    const r = await serveFails(['--stubs', dir]);
    expect(r.code).toBe(2);
    expect(r.errors.join('\n')).toBe(`${join(dir, 'b.json')} [1]: response.statsu: unknown field "statsu"`);
    writeFileSync(join(dir, 'b.json'), '{not json');
    expect((await serveFails(['--stubs', dir])).errors.join('\n')).toContain(`${join(dir, 'b.json')}: not JSON`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--chain implies --payments; defaults are a free port and nothing attached', () => {
  expect(parseServeArgs([])).toEqual({ port: 0, payments: false, chain: false, forkUrl: null, stubsDir: null, stateFile: null, contract: null });
  expect(parseServeArgs(['--chain', '--port', '4010'])).toMatchObject({ port: 4010, payments: true, chain: true });
});
