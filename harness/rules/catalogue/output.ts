/** Rules every invocation is held to: one JSON envelope on stdout, a documented exit code, no printed secrets. */
import type { Rule } from '../types.js';

const GLOBAL = 'Global Rules';

export const OUTPUT_RULES: Rule[] = [
  {
    id: 'output.json-default',
    document: 'cli.md',
    section: GLOBAL,
    quote: 'JSON is the default public CLI output.',
    summary: 'stdout holds exactly one JSON document (not empty, not prose, not two documents)',
    asserts: ['JSON'],
  },
  {
    id: 'output.envelope',
    document: 'cli.md',
    section: GLOBAL,
    quote: 'JSON output must use the standard envelope',
    summary: 'the JSON document is the success or error envelope of llms.txt',
    // The fields are those of the block the quote names (llms.txt › Expected JSON envelope);
    // tests/unit/rule-quote-tokens.spec.ts checks them against that block.
    asserts: ['standard envelope'],
    shape: {
      key: 'envelope.success',
      schema: {
        type: 'object',
        required: ['ok', 'command', 'trace_id', 'actor', 'data', 'warnings', 'error'],
        properties: {
          ok: { const: true },
          command: { type: 'string' },
          trace_id: { type: 'string' },
          actor: { type: ['object', 'null'] },
          data: { type: 'object' },
          warnings: { type: 'array' },
          error: { const: null },
        },
      },
    },
  },
  {
    id: 'output.error-envelope',
    document: 'cli.md',
    section: GLOBAL,
    quote: 'JSON output must use the standard envelope',
    summary: 'an ok:false document is the error envelope: data null, error {code, message, retryable}',
    // The fields are those of llms.txt › Expected error envelope (checked like output.envelope's).
    asserts: ['standard envelope'],
    shape: {
      key: 'envelope.error',
      schema: {
        type: 'object',
        required: ['ok', 'command', 'trace_id', 'actor', 'data', 'warnings', 'error'],
        properties: {
          ok: { const: false },
          command: { type: 'string' },
          trace_id: { type: 'string' },
          actor: { type: ['object', 'null'] },
          data: { const: null },
          warnings: { type: 'array' },
          error: {
            type: 'object',
            required: ['code', 'message', 'retryable'],
            properties: { code: { type: 'string', minLength: 1 }, message: { type: 'string' }, retryable: { type: 'boolean' } },
          },
        },
      },
    },
  },
  {
    id: 'output.error-recovery-fields',
    document: 'cli.md',
    section: 'image-skill feedback create',
    quote: 'may include `error.recovery` with machine-readable fields … `required_flag`, `suggested_command`, `docs_url`, or `retry_after_seconds`',
    summary: 'error.recovery, when present, carries its named fields with their types',
    asserts: ['error.recovery', 'required_flag', 'suggested_command', 'docs_url', 'retry_after_seconds'],
    shape: {
      key: 'envelope.error',
      schema: {
        properties: {
          error: {
            properties: {
              recovery: {
                type: ['object', 'null'],
                properties: {
                  required_flag: { type: ['string', 'null'] },
                  suggested_command: { type: ['string', 'null'] },
                  docs_url: { type: ['string', 'null'] },
                  retry_after_seconds: { type: ['number', 'null'] },
                },
              },
            },
          },
        },
      },
    },
  },
  {
    id: 'output.actor-types',
    document: 'llms.txt',
    section: 'Actor types',
    // The whole list: the check allows exactly these four values.
    quote: 'human: sponsor, admin, billing … agent: durable agent identity - session: ephemeral … system: service automation',
    summary: 'actor.actor_type, when an actor is given, is one of the listed actor types',
    // actor_type is the field the section's title names (and the envelope block shows).
    asserts: ['human', 'agent', 'session', 'system'],
    shape: {
      key: 'envelope.success',
      schema: { properties: { actor: { properties: { actor_type: { enum: ['human', 'agent', 'session', 'system'] } } } } },
    },
  },
  {
    id: 'exit.deterministic',
    document: 'cli.md',
    section: GLOBAL,
    quote: 'Commands must have deterministic exit codes.',
    summary: 'the process exits by itself, within the time it is given, with a code from the exit-code table',
    asserts: ['deterministic exit codes'],
  },
  {
    id: 'secrets.not-printed',
    document: 'cli.md',
    section: GLOBAL,
    quote: 'Commands must not print secrets after initial creation.',
    summary: 'a raw token never appears on stdout or stderr except in the one signup output that created it',
    asserts: ['secrets'],
  },
  {
    id: 'telemetry.no-tokens',
    document: 'llms.txt',
    section: 'Telemetry',
    quote: 'provider keys, tokens, or sensitive payloads',
    summary: 'telemetry requests carry no raw token',
    asserts: ['tokens'],
  },
  {
    id: 'secrets.not-in-logs-or-feedback',
    document: 'cli.md',
    section: 'image-skill signup --agent',
    quote: 'Do not paste tokens into prompts, logs … or feedback',
    summary: 'a raw token is sent only in the Authorization header and stored only in the saved config: never in request bodies (feedback included), query strings, other headers or other files',
    asserts: ['tokens', 'logs', 'feedback'],
  },
  {
    id: 'guide.no-mutation',
    document: 'cli.md',
    section: 'First Run Guide Loop',
    // The sentence names ten words of things in a row; a piece holds fewer, so "dry-run job" is cited as "dry-run".
    quote: 'Guide mode does not create … signup, provider job, dry-run … payment object, credit debit, or asset',
    summary: 'create --guide creates nothing on the service of the kinds the sentence names: no identity or token, no job or reservation, no quote, payment attempt or receipt, no credit debit, no asset',
    asserts: ['signup', 'provider job', 'dry-run', 'payment object', 'credit debit', 'asset'],
    createsNothing: { command: 'create', flag: '--guide' },
  },
  {
    id: 'network.base-url-override',
    document: 'cli.md',
    section: 'image-skill signup --agent',
    // 0.1.40 put the claim request heading above this paragraph.
    alsoUnder: ['image-skill claim request'],
    quote: '`--api-base-url` is an advanced preview/test override',
    summary: 'with the service base URL overridden for a test (the harness points the CLI at the fake), the CLI opens no connection to any other host: every connection attempt the network guard sees beyond loopback fails this rule',
    asserts: ['--api-base-url'],
  },
];
