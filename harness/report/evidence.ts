/**
 * Reads a test's attachments: transcripts (`transcript:<id>`) and run metadata (`run-meta`).
 * Transcripts are redacted again before they are written next to results.json.
 */
import { readFile } from 'node:fs/promises';
import { RUN_META_ATTACHMENT, TRANSCRIPT_PREFIX, transcriptIdOf } from './attach.js';
import { CHECKS_ATTACHMENT, parseChecks, parseRulesChecked, type CheckRecord } from './checks.js';
import { redactValue } from './redact.js';
import { parseRunMeta, type RunMeta } from './run-meta.js';
import { readTranscript, type TranscriptView } from './transcript.js';

export interface AttachmentLike {
  name: string;
  contentType: string;
  body?: Buffer;
  path?: string;
}

export interface Evidence {
  transcripts: Array<{ view: TranscriptView; redacted: unknown }>;
  runMeta: RunMeta[];
  /** From `isc-checks` attachments; null when the test attached none. */
  checks: CheckRecord[] | null;
  /** Rule ids the checks exercised (their `rules_checked`); null when no attachment gave any. */
  rulesChecked: string[] | null;
  problems: string[];
}

async function attachmentJson(a: AttachmentLike): Promise<unknown> {
  const text = a.body !== undefined ? a.body.toString('utf8') : a.path !== undefined ? await readFile(a.path, 'utf8') : null;
  if (text === null) throw new Error('attachment has neither body nor path');
  return JSON.parse(text);
}

export async function readEvidence(attachments: AttachmentLike[]): Promise<Evidence> {
  const evidence: Evidence = { transcripts: [], runMeta: [], checks: null, rulesChecked: null, problems: [] };
  const seenIds = new Set<string>();
  for (const a of attachments) {
    const isTranscript = a.name.startsWith(TRANSCRIPT_PREFIX);
    if (!isTranscript && a.name !== RUN_META_ATTACHMENT && a.name !== CHECKS_ATTACHMENT) continue;
    try {
      const value = await attachmentJson(a);
      if (a.name === CHECKS_ATTACHMENT) {
        evidence.checks = [...(evidence.checks ?? []), ...parseChecks(value)];
        const ids = parseRulesChecked(value);
        if (ids !== null) evidence.rulesChecked = [...new Set([...(evidence.rulesChecked ?? []), ...ids])].sort();
        continue;
      }
      if (!isTranscript) {
        evidence.runMeta.push(parseRunMeta(value, `attachment "${a.name}"`));
        continue;
      }
      const redacted = redactValue(value);
      const view = readTranscript(redacted, `attachment "${a.name}"`);
      const expectedId = transcriptIdOf(a.name);
      if (view.id !== expectedId) throw new Error(`its id is "${view.id}" but the attachment name says "${expectedId}"`);
      if (seenIds.has(view.id)) throw new Error(`invocation id "${view.id}" attached twice`);
      seenIds.add(view.id);
      evidence.transcripts.push({ view, redacted });
    } catch (err) {
      evidence.problems.push(`report: attachment "${a.name}" is unusable: ${(err as Error).message}`);
    }
  }
  return evidence;
}
