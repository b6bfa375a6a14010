/** Scenario rules: guide flows (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

const LOOP = 'First Run Guide Loop';
const CREATE = 'image-skill create';

export const GUIDE_RULES: Rule[] = [
  {
    id: 'guide.checks',
    document: 'cli.md',
    section: LOOP,
    quote: 'auth/quota when a token already exists',
    summary: 'the guide reads health, the model list and the payment methods, and with a token also quota or identity (read-only GETs)',
  },
  {
    id: 'guide.next-command-runs',
    document: 'cli.md',
    section: LOOP,
    quote: 'Read data.stage, run data.next_command',
    summary: 'the data.next_command the guide prints runs as printed (placeholders filled) and succeeds',
  },
  {
    id: 'guide.stage.prompt-required',
    document: 'cli.md',
    section: LOOP,
    quote: 'prompt_required: rerun data.next_command with the real prompt',
    summary: 'without --prompt the guide stops at prompt_required, and its next_command is the guide with a prompt',
  },
  {
    id: 'guide.stage.auth-required',
    document: 'cli.md',
    section: LOOP,
    quote: 'auth_required: run data.next_command',
    summary: 'with a prompt and no token the guide stops at auth_required, and its next_command signs up',
  },
  {
    id: 'guide.stage.quota-required',
    document: 'cli.md',
    section: LOOP,
    quote: 'quota_required: follow the payment commands in',
    summary: 'with a token and no credits the guide says quota_required and lists payment commands (quote, buy) in data.checks.payments.suggested_commands',
  },
  {
    id: 'guide.stage.ready-to-create',
    document: 'cli.md',
    section: LOOP,
    quote: 'ready_to_create: run data.next_command for the first bounded create',
    summary: 'with a token and credits the guide says ready_to_create, and its next_command is a create that succeeds',
  },
  {
    id: 'guide.create-idempotency-key',
    document: 'cli.md',
    section: CREATE,
    quote: 'bakes a generated --idempotency-key into its advertised create',
    summary: 'the ready_to_create next_command carries --idempotency-key KEY, and running it sends that key in the create request',
  },
  {
    id: 'guide.prefers-x402',
    document: 'skill.md',
    section: 'First Run',
    quote: 'Prefer a returned browserless',
    summary: 'at quota_required the guide leads with the agent-settleable x402 rail (the documents tell agents which rail to prefer, not the CLI)',
    observation: true,
  },
];
