/**
 * Transcripts: one JSON document per CLI invocation, written next to results.json.
 * The runner attaches them to the test; this module defines the accepted shape,
 * reads them leniently (unknown in, typed out). The runner builds them (runner/transcript.ts).
 */
import type { FsChange, SchemaResult, SecretFinding } from '../runner/types.js';
import { schemaCheck } from './ajv-text.js';

export interface TranscriptRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number | null;
  admin: boolean;
  telemetry: boolean;
}

export interface TranscriptView {
  id: string;
  args: string[];
  argv: string[];
  shellCommand: string | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  durationMs: number;
  json: unknown;
  jsonError: { message: string; firstBytes: string } | null;
  requests: TranscriptRequest[];
  fsChanges: FsChange[];
  schema: SchemaResult | null;
  secrets: SecretFinding[];
}

const strings = { type: 'array', items: { type: 'string' } } as const;
const transcriptSchema = {
  type: 'object',
  required: ['id', 'argv'],
  properties: {
    id: { type: 'string', minLength: 1 },
    argv: strings,
    args: strings,
    shell: {
      type: ['object', 'null'],
      properties: { original: { type: 'string' }, executed: { type: 'string' } },
    },
    exitCode: { type: ['integer', 'null'] },
    signal: { type: ['string', 'null'] },
    timedOut: { type: 'boolean' },
    durationMs: { type: 'number' },
    jsonError: {
      type: ['object', 'null'],
      required: ['message'],
      properties: { message: { type: 'string' }, firstBytes: { type: 'string' } },
    },
    requests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['method', 'path'],
        properties: { method: { type: 'string' }, path: { type: 'string' }, query: { type: 'object' }, status: { type: 'number' } },
      },
    },
    fsChanges: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'kind'],
        properties: {
          path: { type: 'string' },
          kind: { enum: ['added', 'removed', 'modified'] },
          mode: { type: ['string', 'null'] },
          size: { type: ['number', 'null'] },
        },
      },
    },
    schema: { type: ['object', 'null'], required: ['ok'], properties: { ok: { type: 'boolean' }, issues: { type: 'array' } } },
    secrets: { type: 'array' },
  },
} as const;

const checkTranscript = schemaCheck(transcriptSchema);

export class TranscriptError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`unusable transcript ${source}: ${problems.join('; ')}`);
    this.name = 'TranscriptError';
  }
}

type Loose = Record<string, unknown>;

function toRequest(raw: Loose): TranscriptRequest {
  const query: Record<string, string> = {};
  if (typeof raw.query === 'object' && raw.query !== null) {
    for (const [k, v] of Object.entries(raw.query)) query[k] = String(v);
  }
  return {
    method: String(raw.method).toUpperCase(),
    path: String(raw.path),
    query,
    body: raw.body ?? null,
    status: typeof raw.status === 'number' ? raw.status : null,
    admin: raw.admin === true || String(raw.path).startsWith('/__admin'),
    telemetry: raw.telemetry === true,
  };
}

/** Validate a parsed transcript; missing optional parts get neutral defaults. */
export function readTranscript(value: unknown, source = '<transcript>'): TranscriptView {
  const shapeProblems = checkTranscript(value);
  if (shapeProblems.length > 0) {
    throw new TranscriptError(source, shapeProblems);
  }
  const t = value as unknown as Loose;
  const shell = t.shell as { original?: string } | null | undefined;
  return {
    id: t.id as string,
    argv: t.argv as string[],
    args: (t.args as string[] | undefined) ?? (t.argv as string[]),
    shellCommand: shell?.original ?? null,
    exitCode: (t.exitCode as number | null | undefined) ?? null,
    signal: (t.signal as string | null | undefined) ?? null,
    timedOut: t.timedOut === true,
    durationMs: typeof t.durationMs === 'number' ? t.durationMs : 0,
    json: t.json ?? null,
    jsonError: (t.jsonError as TranscriptView['jsonError'] | undefined) ?? null,
    requests: ((t.requests as Loose[] | undefined) ?? []).map(toRequest),
    fsChanges: ((t.fsChanges as Loose[] | undefined) ?? []).map((c) => ({
      path: String(c.path),
      kind: c.kind as FsChange['kind'],
      mode: typeof c.mode === 'string' ? c.mode : null,
      size: typeof c.size === 'number' ? c.size : null,
    })),
    schema: (t.schema as SchemaResult | null | undefined) ?? null,
    secrets: (t.secrets as SecretFinding[] | undefined) ?? [],
  };
}
