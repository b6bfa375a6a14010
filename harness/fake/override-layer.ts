/**
 * The first msw handler in the chain: when an override matches, it answers (optionally after
 * running the real handlers further down) and shapes the answer as the override says.
 */
import type { HttpHandler } from 'msw';
import { http, type RouteTable } from './routing.js';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Core } from './core.js';
import type { MalformedKind } from './types.js';
import { ERROR_BY_STATUS, EXIT_HEADER, EXIT_HEADER_BY_CODE, errorEnvelope, type EnvelopeError } from './envelope.js';
import { MARK_DROP, MARK_OVERRIDE, MARK_TRUNCATE } from './markers.js';
import { overrideName, type CoreOverride, type OverrideTable } from './overrides.js';
import { removePath, setPath } from './json-paths.js';
import { unknownRouteResponse } from './handlers/fallback.js';
import { commandForRoute } from './commands.js';
import { fromUtf8, utf8, type Bytes } from './bytes.js';
import { jsonOrText } from '../json.js';

export interface OverrideLayerDeps {
  core: Core;
  table: OverrideTable;
  /** Handlers after the layer (payment area, core routes, fallback). */
  /** The answer of the handlers after this layer (the real routes). */
  downstream: RouteTable;
  /** Aborted when the fake closes, so long delays do not hold the process open. */
  closing: AbortSignal;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);


function malformedBody(kind: MalformedKind, jsonText: string): { text: string; contentType: string } {
  switch (kind) {
    case 'truncated-json': {
      const source = jsonText.length > 8 ? jsonText : '{"ok":true,"command":"truncated","data":{"partial":true}}';
      return { text: source.slice(0, Math.floor(source.length / 2)), contentType: 'application/json' };
    }
    case 'html':
      return { text: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>', contentType: 'text/html; charset=utf-8' };
    case 'empty':
      return { text: '', contentType: 'application/json' };
    case 'not-json-text':
      return { text: 'upstream connect error or disconnect/reset before headers', contentType: 'text/plain; charset=utf-8' };
  }
}

/** Retryable create/edit errors carry an idempotency key and a rerun command, as the contract asks. */
function creativeRecovery(path: string, body: unknown, core: Core): Record<string, unknown> | undefined {
  const command = path === '/v1/create' ? 'create' : path === '/v1/edit' ? 'edit' : null;
  if (!command) return undefined;
  const req = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const key = typeof req.idempotency_key === 'string' ? req.idempotency_key : `${command}-retry-${core.ids.hex(12)}`;
  const input = typeof req.input_asset_id === 'string' ? req.input_asset_id : 'ASSET_ID';
  const suggested =
    command === 'create'
      ? `image-skill create --prompt PROMPT --idempotency-key ${key} --json`
      : `image-skill edit --input ${input} --prompt PROMPT --accept-unknown-cost --idempotency-key ${key} --json`;
  return { idempotency_key: key, suggested_command: suggested };
}

function overrideError(o: CoreOverride, status: number, path: string, body: unknown, core: Core): { error: EnvelopeError; exit: number | undefined } {
  const byStatus = ERROR_BY_STATUS[status] ?? { code: 'FAKE_OVERRIDE_ERROR', retryable: status >= 500, message: `Programmed failure ${status}.` };
  const error: EnvelopeError = {
    code: o.error?.code ?? byStatus.code,
    message: o.error?.message ?? byStatus.message,
    retryable: o.error?.retryable ?? byStatus.retryable,
  };
  const recovery = error.retryable ? creativeRecovery(path, body, core) : undefined;
  if (recovery) error.recovery = recovery;
  return { error, exit: o.error?.exitCode ?? EXIT_HEADER_BY_CODE[error.code] };
}

function editJson(o: CoreOverride, text: string): string {
  const parsed = jsonOrText(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return text;
  const envelope = parsed as Record<string, unknown>;
  if (o.dataPatch) {
    const data = envelope.data;
    envelope.data = typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data, ...o.dataPatch } : { ...o.dataPatch };
  }
  for (const path of o.removePaths ?? []) removePath(envelope, path);
  for (const [path, value] of Object.entries(o.setPaths ?? {})) setPath(envelope, path, value);
  return JSON.stringify(envelope);
}

async function answer(deps: OverrideLayerDeps, o: CoreOverride, request: Request, requestBody: unknown): Promise<Response> {
  const { core } = deps;
  const url = new URL(request.url);
  const headers = new Headers();
  headers.set(MARK_OVERRIDE, encodeURIComponent(overrideName(o)));
  if (o.delayMs) {
    try {
      await sleep(o.delayMs, undefined, { signal: deps.closing });
    } catch {
      headers.set(MARK_DROP, '1');
      return new Response(null, { headers });
    }
  }
  if (o.drop && !o.afterHandler) {
    headers.set(MARK_DROP, '1');
    return new Response(null, { headers });
  }

  const wantsError = o.status !== undefined && o.status >= 400 && o.body === undefined;
  const runsReal = o.afterHandler === true || o.truncateBodyBytes !== undefined || (o.body === undefined && o.malformed === undefined && !wantsError);
  let status = 200;
  let bytes: Bytes = new Uint8Array();
  if (runsReal) {
    const real = (await deps.downstream.respond(request)) ?? unknownRouteResponse(core, request.method, url.pathname);
    status = real.status;
    real.headers.forEach((value, name) => headers.set(name, value));
    bytes = new Uint8Array(await real.arrayBuffer());
  }

  if (o.body !== undefined) {
    const isText = typeof o.body === 'string';
    bytes = utf8(isText ? String(o.body) : JSON.stringify(o.body));
    headers.set('content-type', isText ? 'text/plain; charset=utf-8' : 'application/json');
    headers.delete(EXIT_HEADER);
  } else if (wantsError) {
    const { error, exit } = overrideError(o, o.status as number, url.pathname, requestBody, core);
    bytes = utf8(JSON.stringify(errorEnvelope(commandForRoute(request.method, url.pathname), core.ctx.traceId(), error, null)));
    headers.set('content-type', 'application/json');
    if (exit === undefined) headers.delete(EXIT_HEADER);
    else headers.set(EXIT_HEADER, String(exit));
  }
  if (o.status !== undefined) status = o.status;
  if (o.dataPatch || o.removePaths || o.setPaths) bytes = utf8(editJson(o, fromUtf8(bytes)));
  if (o.malformed) {
    const m = malformedBody(o.malformed, fromUtf8(bytes));
    bytes = utf8(m.text);
    headers.set('content-type', m.contentType);
  }
  for (const [name, value] of Object.entries(o.headers ?? {})) headers.set(name, value);
  if (o.drop) headers.set(MARK_DROP, '1');
  if (o.truncateBodyBytes !== undefined) headers.set(MARK_TRUNCATE, String(o.truncateBodyBytes));
  headers.delete('content-length');
  return new Response(NULL_BODY_STATUSES.has(status) ? null : bytes, { status, headers });
}

export function createOverrideLayer(deps: OverrideLayerDeps): HttpHandler {
  return http.all('*', async ({ request }) => {
    if (deps.table.size() === 0) return undefined;
    const url = new URL(request.url);
    const text = await request.clone().text();
    const requestBody = jsonOrText(text);
    const o = deps.table.take(request.method, url, deps.core.origin, requestBody, request.headers);
    if (!o) return undefined;
    return answer(deps, o, request, requestBody);
  });
}
