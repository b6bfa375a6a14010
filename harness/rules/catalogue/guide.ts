/** Scenario rules: guide flows (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

const LOOP = 'First Run Guide Loop';
const CREATE = 'image-skill create';

export const GUIDE_RULES: Rule[] = [
  {
    id: 'guide.checks',
    document: 'cli.md',
    section: LOOP,
    quote: 'checks health, executable model availability, auth/quota … already exists, and payment rails',
    summary: 'the guide reads health, the model list and the payment methods, and with a token also quota or identity (read-only GETs)',
    // What it checks, in the sentence's words; the routes are how the harness sees the checks.
    asserts: ['health', 'model availability', 'auth/quota', 'payment rails'],
  },
  {
    id: 'guide.next-command-runs',
    document: 'cli.md',
    section: LOOP,
    quote: 'Read data.stage, run data.next_command',
    summary: 'the data.next_command the guide prints runs as printed (placeholders filled) and succeeds',
    asserts: ['data.next_command'],
  },
  {
    id: 'guide.stage.prompt-required',
    document: 'cli.md',
    section: LOOP,
    quote: 'prompt_required: rerun data.next_command with the real prompt',
    summary: 'without --prompt the guide stops at prompt_required, and its next_command is the guide with a prompt',
    asserts: ['prompt_required', 'data.next_command'],
  },
  {
    id: 'guide.stage.auth-required',
    document: 'cli.md',
    section: LOOP,
    quote: 'auth_required: run data.next_command',
    summary: 'with a prompt and no token the guide stops at auth_required, and its next_command signs up',
    asserts: ['auth_required', 'data.next_command'],
  },
  {
    id: 'guide.stage.quota-required',
    document: 'cli.md',
    section: LOOP,
    quote: '`quota_required`: follow the payment commands … `data.checks.payments.suggested_commands`',
    summary: 'with a token and no credits the guide says quota_required and lists payment commands (quote, buy) in data.checks.payments.suggested_commands',
    asserts: ['quota_required', 'data.checks.payments.suggested_commands'],
  },
  {
    id: 'guide.stage.ready-to-create',
    document: 'cli.md',
    section: LOOP,
    quote: 'ready_to_create: run data.next_command for the first bounded create',
    summary: 'with a token and credits the guide says ready_to_create, and its next_command is a create that succeeds',
    asserts: ['ready_to_create', 'data.next_command'],
  },
  // 0.1.40 rewrote the stage list: the agent fills data.next_command_missing_inputs (the harness
  // fills placeholders), and the stages carry effect and safety fields no check here reads.
  {
    id: 'guide.next-command-runs.copy-runnable',
    document: 'cli.md',
    section: LOOP,
    quote: 'run `data.next_command` only when `data.next_command_copy_runnable` is `true`',
    summary: 'the data.next_command the guide prints runs as printed (placeholders, its missing inputs, filled) and succeeds',
    asserts: ['data.next_command'],
  },
  {
    id: 'guide.stage.prompt-required.fill-inputs',
    document: 'cli.md',
    section: LOOP,
    quote: '`prompt_required`: fill `data.next_command_missing_inputs` with the real prompt … rerun `data.next_command`',
    summary: 'without --prompt the guide stops at prompt_required, and its next_command, the prompt filled in, is the guide with a prompt',
    asserts: ['prompt_required', 'data.next_command'],
  },
  {
    id: 'guide.stage.auth-required.fill-inputs',
    document: 'cli.md',
    section: LOOP,
    quote: '`auth_required`: fill `data.next_command_missing_inputs` when present, run `data.next_command`',
    summary: 'with a prompt and no token the guide stops at auth_required, and its next_command signs up',
    asserts: ['auth_required', 'data.next_command'],
  },
  {
    id: 'guide.stage.ready-to-create.live-create',
    document: 'cli.md',
    section: LOOP,
    quote: '`ready_to_create`: `data.next_command` is a live media create',
    summary: 'with a token and credits the guide says ready_to_create, and its next_command is a create that succeeds',
    asserts: ['ready_to_create', 'data.next_command'],
  },
  {
    id: 'guide.create-idempotency-key',
    document: 'cli.md',
    section: CREATE,
    quote: 'bakes a generated --idempotency-key into its advertised create',
    summary: 'the ready_to_create next_command carries --idempotency-key KEY, and running it sends that key in the create request',
    asserts: ['--idempotency-key'],
  },
  {
    id: 'guide.prefers-x402',
    document: 'skill.md',
    section: 'First Run',
    quote: 'Prefer a returned browserless `stripe_x402.exact.usdc` path',
    summary: 'at quota_required the guide leads with the agent-settleable x402 rail (the documents tell agents which rail to prefer, not the CLI)',
    asserts: ['stripe_x402.exact.usdc'],
    observation: true,
  },
];
