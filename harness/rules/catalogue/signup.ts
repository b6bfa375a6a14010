/**
 * Scenario rules: signup flows, saved config and token sources, first contact, read-only
 * inspection commands and the exit-code table (see harness/rules/README.md for how to add one).
 */
import type { Rule } from '../types.js';

const SIGNUP = 'image-skill signup --agent';
const CONFIG = 'Local Config And Install';
const ENDPOINTS = 'Hosted API endpoints';

/** One rule per row of the exit-code table: "<code> | <meaning>" as the normalised table row reads. */

export const SIGNUP_RULES: Rule[] = [
  // --- signup and the saved config -------------------------------------------------------
  {
    id: 'signup.token-only-with-show-token',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'only when `--show-token` is set, and only once',
    summary: 'signup prints data.token (an isk_r_ token) when --show-token is given, and no token (absent or null) without it',
  },
  {
    id: 'signup.default-saves-config',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'to the public CLI config by default with `0600`',
    summary: 'a signup without --no-save writes the token to the CLI config file (XDG default or the configured path), file mode 0600',
  },
  {
    id: 'signup.config-path-env',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'Set `IMAGE_SKILL_CONFIG_PATH` first when the default config',
    summary: 'with IMAGE_SKILL_CONFIG_PATH set, signup saves there (not at the default home) and later commands with the same variable authenticate',
  },
  {
    id: 'signup.show-token-no-save',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'Use `--show-token --no-save` when the agent runtime',
    summary: 'signup --show-token --no-save prints the token and writes no file anywhere',
  },
  {
    id: 'signup.save-noop',
    document: 'llms.txt',
    section: 'First-run guide loop',
    quote: '--save is accepted as a compatibility no-op',
    summary: 'signup --save succeeds and behaves as the default (the token is saved)',
  },
  {
    id: 'signup.human-email-alias',
    document: 'cli.md',
    section: SIGNUP,
    quote: '`--human-email` remains accepted as a compatibility alias',
    summary: 'signup --human-email is accepted and its value is the contact sent to the service',
  },
  {
    id: 'signup.example-invalid-contact',
    document: 'cli.md',
    section: SIGNUP,
    quote: '`example.invalid` addresses are only appropriate inside documented harness',
    summary: 'an email-shaped contact on example.invalid is accepted in a harness run: signup succeeds and the agent is created with it',
  },
  {
    id: 'signup.contact-email-shaped',
    document: 'cli.md',
    section: SIGNUP,
    quote: '`--agent-contact` is an email-shaped durable contact',
    summary: 'a contact that is not email-shaped is refused (by the CLI or the service, relayed): error envelope, exit 2, no agent created',
  },
  {
    id: 'auth.saved-config',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'later hosted commands can authenticate from config',
    summary: 'after a saving signup, hosted commands send the saved token as a Bearer token and succeed',
  },
  {
    id: 'auth.env-token',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'it may provide the token to commands as `IMAGE_SKILL_TOKEN`',
    summary: 'a token in IMAGE_SKILL_TOKEN is the Bearer token of hosted commands, which then succeed',
  },
  {
    id: 'auth.token-stdin',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'avoid exporting the token and use `--token-stdin` instead',
    summary: 'a token given on stdin with --token-stdin is the Bearer token of hosted commands, which then succeed',
  },
  // --- a config home that cannot be written ----------------------------------------------
  {
    id: 'config.write-failed-code',
    document: 'cli.md',
    section: CONFIG,
    quote: 'Config write failures return `PUBLIC_CLI_CONFIG_WRITE_FAILED`',
    summary: 'a signup that cannot save its config fails with error.code PUBLIC_CLI_CONFIG_WRITE_FAILED',
  },
  {
    id: 'config.write-failed-recovery',
    document: 'cli.md',
    section: CONFIG,
    quote: 'with a structured `error.recovery.suggested_command`',
    summary: 'the config-write failure carries error.recovery.suggested_command, and that command, run as printed in the same unwritable home, succeeds',
  },
  {
    id: 'guide.probes-config-path',
    document: 'cli.md',
    section: CONFIG,
    quote: 'it probes the configured auth path first',
    summary: 'with an unwritable config, the guide at auth_required hands out a --show-token --no-save signup and a --token-stdin rerun that authenticates',
  },
  // --- first contact ----------------------------------------------------------------------
  {
    id: 'whoami.claim-state',
    document: 'cli.md',
    section: 'image-skill whoami',
    quote: 'Shows current actor, organization, claim state',
    summary: 'whoami of a fresh agent reports claim_state unclaimed (in data or in the envelope actor)',
  },
  {
    id: 'quota.alias',
    document: 'cli.md',
    section: 'image-skill usage quota',
    quote: '`image-skill quota --json` remains a compatibility alias',
    summary: 'quota succeeds and reports the same as usage quota',
  },
  {
    id: 'discovery.payment-methods-no-auth',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the no-auth action-only payment rail catalog',
    summary: 'credits methods works without any token and relays the rails the service listed',
  },
  {
    id: 'discovery.packs-public',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the public pack catalog',
    summary: 'credits packs list works without any token and relays the packs the service listed',
  },
  {
    id: 'discovery.models-public',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the public model registry',
    summary: 'models list works without any token',
  },
  // --- inspection commands ------------------------------------------------------------------
  {
    id: 'trust.reports-health-and-models',
    document: 'cli.md',
    section: 'image-skill trust',
    quote: 'hosted `/healthz`, `/v1/models` availability',
    summary: 'trust succeeds and consults the service health and model endpoints to report on them',
  },
  {
    id: 'trust.document-hashes',
    document: 'cli.md',
    section: 'image-skill trust',
    quote: 'hosted contract document hashes',
    summary: 'trust fetches at least one hosted contract document (cli.md, llms.txt or skill.md) to report its hash',
  },
  {
    id: 'models.default-executable-first',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'Default list output excludes catalog-only rows',
    summary: 'models list without filters returns only rows whose execution.model_execution_status is executable',
  },
  {
    id: 'models.available-filter',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'Use `--available` for currently usable executable rows',
    summary: 'models list --available returns only executable rows',
  },
  {
    id: 'models.catalog-only-filter',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'inspectable but not runnable yet',
    summary: 'models list --catalog-only returns no executable row',
  },
  {
    id: 'models.show',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'shows the full capability-preserving schema for one model',
    summary: 'models show of a listed model id succeeds',
  },
  {
    id: 'capabilities.list',
    document: 'cli.md',
    section: 'image-skill capabilities',
    quote: 'Schema-language view over the same capability catalog',
    summary: 'capabilities succeeds',
  },
];
