/**
 * The stub data model (WireMock-like): one JSON Schema for the in-process API, POST
 * /__admin/stubs and files loaded by `serve --stubs DIR`; the request matcher part is also the
 * body of the verification routes. The OpenAPI file in docs/ is generated from these schemas.
 */

export type ValueMatcher = string | { equalTo: string } | { contains: string } | { matches: string } | { absent: true };

export interface RequestMatcher {
  /** A verb, or `*` / `ANY` (the default) for every method. */
  method?: string;
  /** msw path pattern (`/v1/models/:id`, `/media/*`) or an exact path; `*` for every path. */
  path?: string;
  /** Regular expression the whole path must match. */
  pathPattern?: string;
  query?: Record<string, ValueMatcher>;
  /** Header names are matched case-insensitively. */
  headers?: Record<string, ValueMatcher>;
  /** The JSON body contains this value (objects: these keys at least; arrays: same length, element by element). */
  bodyPartial?: unknown;
  /** JSON pointer (RFC 6901) into the JSON body → the value it must equal. */
  bodyPointers?: Record<string, unknown>;
}

export type StubFault = 'drop' | 'truncate' | 'truncated-json' | 'html' | 'empty' | 'not-json-text';

export interface StubResponse {
  status?: number;
  headers?: Record<string, string>;
  /** Replace the body with this JSON object or array. */
  jsonBody?: Record<string, unknown> | unknown[];
  /** Replace the body with this text. */
  body?: string;
  /** Edit the real envelope instead: shallow merge into `data`, set / remove dot paths from the envelope root. */
  patch?: { data?: Record<string, unknown>; set?: Record<string, unknown>; remove?: string[] };
  /** Error envelope to answer with when status >= 400 and no body is given (default: by status). */
  error?: { code: string; message: string; retryable?: boolean; exitCode?: number };
  delayMs?: number;
  fault?: StubFault;
  /** With fault `truncate`: body bytes sent before the socket is destroyed (default 0). */
  truncateBytes?: number;
  /** Run the real handler first (side effects happen), then apply the rest. */
  afterHandler?: boolean;
}

export interface StubScenario {
  name: string;
  /** State the scenario must be in for the stub to match (default: any). New scenarios start in `Started`. */
  requiredState?: string;
  /** State the scenario moves to when the stub answers. */
  newState?: string;
}

export interface Stub {
  id?: string;
  name?: string;
  /** 1 is the highest; default 5. Among equal priorities the newest stub wins. */
  priority?: number;
  request: RequestMatcher;
  response?: StubResponse;
  /** Answer this many matching requests, then disappear. */
  times?: number;
  scenario?: StubScenario;
}

export const STUB_FAULTS: readonly StubFault[] = ['drop', 'truncate', 'truncated-json', 'html', 'empty', 'not-json-text'];
export const SCENARIO_STARTED = 'Started';
export const DEFAULT_PRIORITY = 5;

const nonEmptyString = { type: 'string', minLength: 1 } as const;

export const valueMatcherSchema = {
  $id: 'ValueMatcher',
  description: 'A string (equals) or exactly one of equalTo, contains, matches (regular expression), absent.',
  anyOf: [
    { type: 'string' },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: { equalTo: { type: 'string' }, contains: { type: 'string' }, matches: { type: 'string' }, absent: { const: true } },
    },
  ],
} as const;

export const requestMatcherSchema = {
  $id: 'RequestMatcher',
  type: 'object',
  additionalProperties: false,
  properties: {
    method: { type: 'string', pattern: '^(\\*|ANY|[A-Za-z]+)$' },
    path: { type: 'string', pattern: '^(\\*|/.*)$' },
    pathPattern: nonEmptyString,
    query: { type: 'object', additionalProperties: { $ref: 'ValueMatcher' } },
    headers: { type: 'object', additionalProperties: { $ref: 'ValueMatcher' } },
    bodyPartial: {},
    bodyPointers: { type: 'object', propertyNames: { pattern: '^(/.*)?$' } },
  },
} as const;

export const stubResponseSchema = {
  $id: 'StubResponse',
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'integer', minimum: 100, maximum: 599 },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    jsonBody: { type: ['object', 'array'] },
    body: { type: 'string' },
    patch: {
      type: 'object',
      additionalProperties: false,
      properties: {
        data: { type: 'object' },
        set: { type: 'object' },
        remove: { type: 'array', items: nonEmptyString },
      },
    },
    error: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: { code: nonEmptyString, message: { type: 'string' }, retryable: { type: 'boolean' }, exitCode: { type: 'integer', minimum: 0, maximum: 255 } },
    },
    delayMs: { type: 'integer', minimum: 0, maximum: 600000 },
    fault: { enum: STUB_FAULTS },
    truncateBytes: { type: 'integer', minimum: 0 },
    afterHandler: { type: 'boolean' },
  },
} as const;

export const stubSchema = {
  $id: 'Stub',
  type: 'object',
  additionalProperties: false,
  required: ['request'],
  properties: {
    id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,80}$' },
    name: nonEmptyString,
    priority: { type: 'integer', minimum: 1, maximum: 100 },
    request: { $ref: 'RequestMatcher' },
    response: { $ref: 'StubResponse' },
    times: { type: 'integer', minimum: 1 },
    scenario: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: { name: nonEmptyString, requiredState: nonEmptyString, newState: nonEmptyString },
    },
  },
} as const;

/** Every schema, for the validator and the OpenAPI generator. */
export const STUB_SCHEMAS = [valueMatcherSchema, requestMatcherSchema, stubResponseSchema, stubSchema] as const;
