/**
 * One case per row of the documented exit-code table, each produced by the matching
 * condition of the fake service (or of the CLI's own validation).
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test.js';
import { errorEnvelope, errorOf, signupAndCreate, signupSaved } from '../fixtures/scenario-helpers.js';

test.describe('exit codes', () => {
  test('0 success and 1 generic failure', { tag: ['@exit-codes'] }, async ({ cli }) => {
    await signupSaved(cli);
    expect((await cli.run(['whoami', '--json'])).exitCode).toBe(0);
    const missing = await cli.run(['jobs', 'show', 'job_doesnotexist', '--json']);
    expect(missing.exitCode).toBe(1);
    errorOf(missing);
  });

  test('2 invalid arguments', { tag: ['@exit-codes', '@envelope'] }, async ({ cli, fake }) => {
    const unknownFlag = await cli.run(['whoami', '--no-such-flag', '--json']);
    expect(unknownFlag.exitCode).toBe(2);
    errorOf(unknownFlag);
    const noRef = await cli.run(['credits', 'status', '--json']);
    expect(noRef.exitCode).toBe(2);
    expect(fake.journal.entries().filter((e) => e.path.startsWith('/v1/credit-purchases'))).toEqual([]);
  });

  test('3 auth required or invalid token', { tag: ['@exit-codes', '@token'] }, async ({ cli }) => {
    const invalid = await cli.run(['whoami', '--json'], { env: { IMAGE_SKILL_TOKEN: `isk_r_${'0'.repeat(32)}` } });
    expect(invalid.exitCode).toBe(3);
    expect(errorOf(invalid).code).toMatch(/AUTH/);
  });

  test('4 capability denied', { tag: ['@exit-codes'] }, async ({ cli, fake }) => {
    await signupSaved(cli);
    fake.override({ method: 'POST', path: '/v1/create', status: 403, headers: { 'x-image-skill-exit-code': '4' }, body: errorEnvelope('create', 'CAPABILITY_DENIED', 'this agent may not use that capability') });
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json']);
    expect(inv.exitCode).toBe(4);
    expect(errorOf(inv).code).toBe('CAPABILITY_DENIED');
  });

  test('5 quota exceeded', { tag: ['@exit-codes'] }, async ({ cli, fake }) => {
    fake.preset('quota-exhausted');
    await signupSaved(cli);
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json']);
    expect(inv.exitCode).toBe(5);
    expect(errorOf(inv).code).toBe('QUOTA_EXCEEDED');
  });

  test('6 content policy denied', { tag: ['@exit-codes'] }, async ({ cli, fake }) => {
    await signupSaved(cli);
    fake.override({ method: 'POST', path: '/v1/create', status: 422, headers: { 'x-image-skill-exit-code': '6' }, body: errorEnvelope('create', 'CONTENT_POLICY_DENIED', 'the prompt is not allowed') });
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json']);
    expect(inv.exitCode).toBe(6);
  });

  test('7 provider failure', { tag: ['@exit-codes'] }, async ({ cli, fake }) => {
    await signupSaved(cli);
    fake.override({ method: 'POST', path: '/v1/create', status: 502, body: errorEnvelope('create', 'PROVIDER_FAILURE', 'upstream failed', true) });
    const inv = await cli.run(['create', '--prompt', 'a lighthouse', '--json']);
    expect(inv.exitCode).toBe(7);
  });

  test('8 timeout while waiting for a job', { tag: ['@exit-codes'] }, async ({ cli, fake }) => {
    const created = await signupAndCreate(cli);
    fake.override({ method: 'GET', path: '/v1/jobs/:id', afterHandler: true, setPaths: { 'data.job.status': 'running' } });
    const inv = await cli.run(['jobs', 'wait', created.job_id, '--timeout-ms', '400', '--poll-interval-ms', '50', '--json']);
    expect(inv.exitCode).toBe(8);
    errorOf(inv);
  });

  test('9 filesystem: assets get onto an existing file', { tag: ['@exit-codes', '@assets'] }, async ({ cli, sandbox }) => {
    const created = await signupAndCreate(cli);
    const out = join(sandbox.work, 'taken.png');
    await writeFile(out, 'keep me');
    const inv = await cli.run(['assets', 'get', created.assets[0].asset_id, '--output', out, '--json']);
    expect(inv.exitCode).toBe(9);
  });
});
