/** Helpers scenarios use to hand evidence to the conformance reporter. */
import type { TestInfo } from '@playwright/test';
import type { Invocation, InvocationChecks } from '../runner/types.js';
import type { RunMeta } from './run-meta.js';
import { commandLineOf, transcriptToJson } from '../runner/transcript.js';
import { redactSecrets } from '../runner/redact.js';
import { CHECKS_ATTACHMENT, type CheckRecord } from './checks.js';

export const TRANSCRIPT_PREFIX = 'transcript:';
export const RUN_META_ATTACHMENT = 'run-meta';
export const NOT_RUN_ANNOTATION = 'not-run';
/** Optional stable scenario id; without it the id is derived from file and title. */
export const SCENARIO_ID_ANNOTATION = 'scenario-id';
/**
 * A scenario the run's baseline (--expect) lists as failing: Playwright expects it to fail
 * (`test.fail()`), so the failure does not cost a worker restart; the report still shows the
 * scenario's own outcome, and the baseline judges it.
 */
export const KNOWN_DEFECT_ANNOTATION = 'known-defect';

/** Attach one invocation's transcript, with the given raw secrets (issued tokens) redacted. */
/** `transcript:<id> <command line>`: the id links it to results.json, the command names it in the report. */
export function transcriptAttachmentName(inv: Pick<Invocation, 'id' | 'args' | 'shell'>, secrets: string[] = []): string {
  const command = redactSecrets(commandLineOf(inv), secrets).replace(/\s+/g, ' ');
  return `${TRANSCRIPT_PREFIX}${inv.id} ${command.length > 100 ? `${command.slice(0, 99)}…` : command}`;
}

/** The invocation id in a transcript attachment's name. */
export function transcriptIdOf(name: string): string {
  return name.slice(TRANSCRIPT_PREFIX.length).split(' ')[0];
}

export async function attachTranscript(testInfo: TestInfo, inv: Invocation & Partial<InvocationChecks>, secrets: string[] = []): Promise<void> {
  await testInfo.attach(transcriptAttachmentName(inv, secrets), {
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

/**
 * Attach the scenario's checks (failed ones cite their rule); read by the reporter. `rulesChecked`:
 * the rule ids its checks exercised, failing or not (results.json `rules_checked`).
 */
export async function attachChecks(testInfo: TestInfo, checks: CheckRecord[], rulesChecked?: readonly string[]): Promise<void> {
  const body = rulesChecked === undefined ? { checks } : { checks, rules_checked: [...rulesChecked] };
  await testInfo.attach(CHECKS_ATTACHMENT, { body: JSON.stringify(body), contentType: 'application/json' });
}
