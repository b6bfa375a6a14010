/**
 * Issue 28: the journal rules fail builds that break them. Each build is made here from the
 * packed real 0.1.25 (../shared/real-cli, or ISC_REAL_CLI_DIR) with a few lines of ours in front
 * of its bin script; nothing of the CLI is committed. Without the real build the same variants of
 * the reference CLI run instead, and the test says so.
 */
import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { makeBuildVariant, realBuildOrReference } from './helpers/build-variant.js';
import { namespaceSupport } from '../../harness/runner/netns.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GUIDE_SCENARIO = 'guide with a token and credits goes straight to ready_to_create without mutating anything';

/** A guide that, besides its own requests, asks the service for a credit quote with the token it used. */
const GUIDE_QUOTES = `if (process.argv.includes('--guide')) {
  const send = globalThis.fetch;
  let quoted = false;
  globalThis.fetch = async (url, init) => {
    const answer = await send(url, init);
    const auth = new Headers(init?.headers).get('authorization');
    if (auth && !quoted) {
      quoted = true;
      await send(new URL('/v1/credit-quotes', url), { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ credits: 500, idempotency_key: 'side-quote-0001', payment_method: 'stripe_checkout' }) }).catch(() => null);
    }
    return answer;
  };
}`;

/** The guide opens, on the side, a connection to the production host (its failure ignored). */
const PHONES_HOME = `if (process.argv.includes('--guide')) import('node:net').then((net) => { try { net.connect(443, 'api.image-skill.com').on('error', () => {}); } catch {} });`;

interface Check { outcome: string; rule: { id: string } | null; message: string }

async function runScenario(cli: string, grep: string, network: 'guard' | 'namespace'): Promise<{ code: number | null; checks: Check[]; output: string }> {
  const reportDir = mkdtempSync(path.join(tmpdir(), 'isc-journal-rules-'));
  try {
    const child = spawn(process.execPath, [path.join(root, 'bin/image-skill-conformance.mjs'), 'run', '--cli', cli, '--grep', grep, '--workers', '1', '--network', network, '--report-dir', reportDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    const resultsFile = path.join(reportDir, 'results.json');
    if (!existsSync(resultsFile)) throw new Error(`no results.json from the run (--network ${network}):\n${output.slice(-3000)}`);
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { scenarios: Array<{ checks: Check[] }> };
    return { code, checks: results.scenarios.flatMap((s) => s.checks), output };
  } finally {
    rmSync(reportDir, { recursive: true, force: true });
  }
}

function failedRules(checks: Check[]): string[] {
  return [...new Set(checks.filter((c) => c.outcome === 'failed' && c.rule).map((c) => c.rule!.id))].sort();
}

test.describe.configure({ timeout: 300_000 });

// One variant with both defects, run in both network modes side by side. The unchanged build
// passes this scenario: npm test's real-builds step holds 0.1.25 to its triage, which has no
// failure of it.
test('a guide that also asks for a credit quote fails guide.no-mutation, and a side connection to the production host fails network.base-url-override, in both network modes', async () => {
  const variant = makeBuildVariant(realBuildOrReference('0.1.25', 'the journal-rule variants'), `${GUIDE_QUOTES}\n${PHONES_HOME}`);
  try {
    const modes = namespaceSupport().ok ? (['guard', 'namespace'] as const) : (['guard'] as const);
    if (modes.length === 1) test.info().annotations.push({ type: 'NOT RUN', description: 'no network namespace here: --network namespace not tried' });
    const runs = await Promise.all(modes.map((m) => runScenario(variant.dir, GUIDE_SCENARIO, m)));
    for (const [i, run] of runs.entries()) {
      const where = `--network ${modes[i]}\n${run.output.slice(-2000)}`;
      expect(run.code, where).toBe(1);
      expect(failedRules(run.checks), where).toEqual(['guide.no-mutation', 'network.base-url-override']);
      const guide = run.checks.filter((c) => c.outcome === 'failed' && c.rule?.id === 'guide.no-mutation');
      expect(guide.map((c) => c.message).join('\n'), where).toContain('POST /v1/credit-quotes created 1 quote');
      const network = run.checks.find((c) => c.outcome === 'failed' && c.rule?.id === 'network.base-url-override');
      expect(network?.message, where).toMatch(/api\.image-skill\.com/);
    }
  } finally {
    variant.dispose();
  }
});
