/** The response envelope every route answers with, and the error-code conventions of docs/wire-protocol.md. */
import type { ActorJson, ErrorOptions } from './context.js';

export const EXIT_HEADER = 'x-image-skill-exit-code';

/** Codes that carry an explicit exit-code header (the rest let the HTTP status decide). */
export const EXIT_HEADER_BY_CODE: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 2,
  BUDGET_REQUIRES_CONFIRMATION: 2,
  CAPABILITY_DENIED: 4,
  CONTENT_POLICY_DENIED: 6,
  INPUT_POLICY_DENIED: 6,
  PROVIDER_TIMEOUT: 8,
  ARTIFACT_STORAGE_WRITE_FAILED: 9,
  CREDIT_QUOTE_CONFLICT: 1,
};

/** The error an override answers with when it names only a status. */
export const ERROR_BY_STATUS: Readonly<Record<number, { code: string; retryable: boolean; message: string }>> = {
  400: { code: 'INVALID_ARGUMENT', retryable: false, message: 'The request was rejected as invalid.' },
  401: { code: 'AUTH_INVALID', retryable: false, message: 'The bearer token is not recognised.' },
  402: { code: 'QUOTA_EXCEEDED', retryable: false, message: 'Not enough credits for this operation.' },
  403: { code: 'CAPABILITY_DENIED', retryable: false, message: 'This actor may not use that capability.' },
  404: { code: 'NOT_FOUND', retryable: false, message: 'Nothing found at this reference.' },
  409: { code: 'CONFLICT', retryable: false, message: 'The request conflicts with existing state.' },
  415: { code: 'INPUT_POLICY_DENIED', retryable: false, message: 'The input media type is not allowed.' },
  422: { code: 'CONTENT_POLICY_DENIED', retryable: false, message: 'The request was refused by content policy.' },
  429: { code: 'RATE_LIMITED', retryable: true, message: 'Too many requests; slow down.' },
  500: { code: 'ARTIFACT_STORAGE_WRITE_FAILED', retryable: false, message: 'Generated media could not be stored.' },
  502: { code: 'PROVIDER_FAILURE', retryable: true, message: 'The upstream provider failed.' },
  503: { code: 'SERVICE_UNAVAILABLE', retryable: true, message: 'The service is temporarily unavailable.' },
  504: { code: 'PROVIDER_TIMEOUT', retryable: true, message: 'The upstream provider timed out.' },
};

export interface EnvelopeError {
  code: string;
  message: string;
  retryable: boolean;
  recovery?: Record<string, unknown>;
}

export interface Envelope {
  ok: boolean;
  command: string;
  trace_id: string;
  actor: ActorJson | null;
  data: unknown;
  warnings: unknown[];
  error: EnvelopeError | null;
}

export function okEnvelope(command: string, traceId: string, data: unknown, actor: ActorJson | null): Envelope {
  return { ok: true, command, trace_id: traceId, actor, data, warnings: [], error: null };
}

export function errorEnvelope(command: string, traceId: string, error: EnvelopeError, actor: ActorJson | null): Envelope {
  return { ok: false, command, trace_id: traceId, actor, data: null, warnings: [], error };
}

export interface Responder {
  ok(command: string, data: unknown, opts?: { actor?: ActorJson | null; status?: number; headers?: Record<string, string> }): Response;
  fail(command: string, status: number, code: string, message: string, opts?: ErrorOptions): Response;
}

/**
 * A JSON answer. A plain Response rather than msw's HttpResponse.json, which also measures the
 * body through a Blob for content-length: the server sets that header from the bytes it sends.
 */
function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function createResponder(traceId: () => string): Responder {
  return {
    ok(command, data, opts = {}) {
      return jsonResponse(okEnvelope(command, traceId(), data, opts.actor ?? null), opts.status ?? 200, opts.headers);
    },
    fail(command, status, code, message, opts = {}) {
      const error: EnvelopeError = { code, message, retryable: opts.retryable ?? false };
      if (opts.recovery) error.recovery = opts.recovery;
      const exit = opts.exitCode ?? EXIT_HEADER_BY_CODE[code];
      const headers: Record<string, string> = exit === undefined ? {} : { [EXIT_HEADER]: String(exit) };
      return jsonResponse(errorEnvelope(command, traceId(), error, opts.actor ?? null), status, headers);
    },
  };
}
