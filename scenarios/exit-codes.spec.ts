/**
 * One case per row of the documented exit-code table, each produced by the matching
 * condition of the fake service (or of the CLI's own validation). Each condition is made
 * unambiguous: a valid token where auth must not be the reason, the documented error pairs.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { dataOf, errorEnvelope, errorOf, signupShowToken } from '../fixtures/scenario-helpers.js';
import type { Cli } from '../fixtures/test.js';
import type { CreateData } from '../fixtures/shapes.js';

/** A token through IMAGE_SKILL_TOKEN: accepted by every version's documents (saving to config is not). */
async function tokenEnv(cli: Cli) {
  return { IMAGE_SKILL_TOKEN: await signupShowToken(cli) };
}

/** Sign up, then one create; the harness's precondition for the job and asset cases. */
async function signupAndCreate(cli: Cli) {
  const env = await tokenEnv(cli);
  const inv = await cli.run(['create', '--prompt', 'a lighthouse at dusk', '--idempotency-key', `create-${Date.now()}`, '--json'], { env });
  expect(inv).toExitWith(0);
  return { env, created: dataOf<CreateData>(inv) };
}

test.describe('exit codes', () => {
  test('0 success and 1 generic failure', { tag: ['@exit-codes'] }, async ({ cli, contract }) => {
    const env = await tokenEnv(cli);
    const ok = await cli.run(['whoami', '--json'], { env });
    await contract.rule('exit.code-0-success', () => expect(ok).toExitWith(0));
    const missing = await cli.run(['jobs', 'show', 'job_doesnotexist', '--json'], { env });
    await contract.rule('exit.code-1-generic', () => {
      // An unknown id names no specific row; reading it as an invalid argument (2) is also defensible.
      expect([1, 2], `exit code ${missing.exitCode}`).toContain(missing.exitCode);
      errorOf(missing);
    });
    await contract.observe('an unknown job id exits 1', () => expect(missing).toExitWith(1));
  });

  test('2 invalid arguments', { tag: ['@exit-codes', '@envelope'] }, async ({ cli, contract, stated }) => {
    // A valid token, so that auth cannot be the reason for the failure.
    const env = await tokenEnv(cli);
    // cli.md until 0.1.25: "Exactly one reference flag is required"; from 0.1.40 none is allowed, two are not.
    // The CLI may refuse, or let the service refuse and relay its code.
    const noRef = await cli.run(['credits', 'status', '--json'], { env });
    const noRefInvalid = stated.ids.has('media.status.one-reference');
    if (noRefInvalid) {
      await contract.rule('exit.code-2-invalid-arguments', () => {
        expect(noRef).toExitWith(2);
        errorOf(noRef);
      });
    }
    const twoRefs = await cli.run(['credits', 'status', '--quote-id', 'quote_a', '--receipt-id', 'rcpt_b', '--json'], { env });
    await contract.rule('exit.code-2-invalid-arguments', () => {
      expect(twoRefs).toExitWith(2);
      errorOf(twoRefs);
    });
    if (noRefInvalid) {
      await contract.observe('credits status without a reference is refused before any request', () => {
        expect(noRef).not.toHaveRequested('*', /^\/v1\/credit-purchases/);
      });
    }
    const unknownFlag = await cli.run(['whoami', '--no-such-flag', '--json'], { env });
    await contract.observe('an unknown flag exits 2 (no sentence says unknown flags are invalid arguments)', () => {
      expect(unknownFlag).toExitWith(2);
      errorOf(unknownFlag);
    });
  });

  test('3 auth required or invalid token', { tag: ['@exit-codes', '@token'] }, async ({ cli, contract }) => {
    const invalid = await cli.run(['whoami', '--json'], { env: { IMAGE_SKILL_TOKEN: `isk_r_${'0'.repeat(32)}` } });
    await contract.rule('exit.code-3-auth', () => {
      expect(invalid).toExitWith(3);
      errorOf(invalid);
    });
    await contract.observe('the error code names auth', () => expect(errorOf(invalid).code).toMatch(/AUTH/));
  });

  test('4 capability denied', { tag: ['@exit-codes'] }, async ({ cli, fake, contract }) => {
    const env = await tokenEnv(cli);
    fake.override({ method: 'POST', path: '/v1/create', status: 403, headers: { 'x-image-skill-exit-code': '4' }, body: errorEnvelope('create', 'CAPABILITY_DENIED', 'this agent may not use that capability') });
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json'], { env });
    await contract.rule('exit.code-4-capability', () => expect(inv).toExitWith(4));
    await contract.observe('the service error code is relayed', () => expect(errorOf(inv).code).toBe('CAPABILITY_DENIED'));
  });

  test('5 quota exceeded', { tag: ['@exit-codes'] }, async ({ cli, fake, contract }) => {
    fake.preset('quota-exhausted');
    const env = await tokenEnv(cli);
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json'], { env });
    await contract.rule('exit.code-5-quota', () => expect(inv).toExitWith(5));
    await contract.observe('the service error code is relayed', () => expect(errorOf(inv).code).toBe('QUOTA_EXCEEDED'));
  });

  test('6 content policy denied', { tag: ['@exit-codes'] }, async ({ cli, fake, contract }) => {
    const env = await tokenEnv(cli);
    fake.override({ method: 'POST', path: '/v1/create', status: 422, headers: { 'x-image-skill-exit-code': '6' }, body: errorEnvelope('create', 'CONTENT_POLICY_DENIED', 'the prompt is not allowed') });
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json'], { env });
    await contract.rule('exit.code-6-content-policy', () => expect(inv).toExitWith(6));
  });

  test('7 provider failure', { tag: ['@exit-codes'] }, async ({ cli, fake, contract }) => {
    const env = await tokenEnv(cli);
    // cli.md names the 502 / PROVIDER_FAILURE pair for a transient provider failure.
    fake.override({ method: 'POST', path: '/v1/create', status: 502, body: errorEnvelope('create', 'PROVIDER_FAILURE', 'upstream failed', true) });
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json'], { env });
    await contract.rule('exit.code-7-provider', () => expect(inv).toExitWith(7));
  });

  test('8 timeout while waiting for a job', { tag: ['@exit-codes'] }, async ({ cli, fake, contract }) => {
    const { env, created } = await signupAndCreate(cli);
    fake.override({ method: 'GET', path: '/v1/jobs/:id', afterHandler: true, setPaths: { 'data.job.status': 'running' } });
    const inv = await cli.run(['jobs', 'wait', created.job_id, '--timeout-ms', '400', '--poll-interval-ms', '50', '--json'], { env });
    await contract.rule('exit.code-8-timeout', () => {
      expect(inv).toExitWith(8);
      errorOf(inv);
    });
  });

  test('9 filesystem: assets get onto an existing file', { tag: ['@exit-codes', '@assets'] }, async ({ cli, sandbox, contract }) => {
    const { env, created } = await signupAndCreate(cli);
    const out = join(sandbox.work, 'taken.png');
    await writeFile(out, 'keep me');
    const inv = await cli.run(['assets', 'get', created.assets[0].asset_id, '--output', out, '--json'], { env });
    await contract.rule('media.assets.no-overwrite', async () => expect(await readFile(out, 'utf8')).toBe('keep me'));
    await contract.rule('exit.code-9-filesystem', () => expect(inv).toExitWith(9));
  });
});
