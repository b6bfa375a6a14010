/** Helpers scenarios use to hand evidence to the conformance reporter. */
import type { TestInfo } from '@playwright/test';
import type { Invocation } from '../runner/types.js';
import type { RunMeta } from './run-meta.js';
import { transcriptToJson } from '../runner/transcript.js';
import { CHECKS_ATTACHMENT, type CheckRecord } from './checks.js';

export const TRANSCRIPT_PREFIX = 'transcript:';
export const RUN_META_ATTACHMENT = 'run-meta';
export const NOT_RUN_ANNOTATION = 'not-run';
/** Optional stable scenario id; without it the id is derived from file and title. */
export const SCENARIO_ID_ANNOTATION = 'scenario-id';

/** Attach one invocation's transcript, with the given raw secrets (issued tokens) redacted. */
export async function attachTranscript(testInfo: TestInfo, inv: Invocation, secrets: string[] = []): Promise<void> {
  await testInfo.attach(`${TRANSCRIPT_PREFIX}${inv.id}`, {
    body: JSON.stringify(transcriptToJson(inv, secrets), null, 2),
    contentType: 'application/json',
  });
}

export async function attachRunMeta(testInfo: TestInfo, meta: RunMeta): Promise<void> {
  await testInfo.attach(RUN_META_ATTACHMENT, { body: JSON.stringify(meta), contentType: 'application/json' });
}

/** Record why the scenario cannot run here and stop it; the report counts it as not run. */
export function markNotRun(testInfo: TestInfo, reason: string): never {
  testInfo.annotations.push({ type: NOT_RUN_ANNOTATION, description: reason });
  testInfo.skip(true, reason);
  throw new Error('unreachable: testInfo.skip did not stop the test');
}

/** Attach the scenario's checks (failed ones cite their rule); read by the reporter. */
export async function attachChecks(testInfo: TestInfo, checks: CheckRecord[]): Promise<void> {
  await testInfo.attach(CHECKS_ATTACHMENT, { body: JSON.stringify({ checks }), contentType: 'application/json' });
}
