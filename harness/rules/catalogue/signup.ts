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
    quote: 'The raw token is returned only … `--show-token` is set, and only once',
    summary: 'signup prints the token the service issued in data.token when --show-token is given, and no token (absent or null) without it',
    asserts: ['token', '--show-token'],
  },
  {
    // 0.1.23 words it differently, and names the prefix.
    id: 'signup.token-only-with-show-token.isk-r',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'Hosted signup returns the raw `isk_r_` token … `--show-token` is set',
    summary: 'signup prints the token the service issued, an isk_r_ token, in data.token when --show-token is given, and no token (absent or null) without it',
    asserts: ['isk_r_', 'token', '--show-token'],
  },
  {
    id: 'signup.default-saves-config',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'to the public CLI config by default with `0600`',
    summary: 'a signup without --no-save writes the token the service issued to a config file, file mode 0600 (where: IMAGE_SKILL_CONFIG_PATH, or a default no sentence names)',
    asserts: ['config', '0600'],
  },
  {
    id: 'signup.config-path-env',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'Set `IMAGE_SKILL_CONFIG_PATH` first when the default config',
    summary: 'with IMAGE_SKILL_CONFIG_PATH set, signup saves its token there and nowhere else, and later commands with the same variable authenticate',
    asserts: ['IMAGE_SKILL_CONFIG_PATH'],
  },
  {
    id: 'signup.show-token-no-save',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'Use `--show-token --no-save` when the agent runtime',
    summary: 'signup --show-token --no-save prints the token and writes no file anywhere',
    asserts: ['--show-token', '--no-save'],
  },
  {
    id: 'signup.save-noop',
    document: 'llms.txt',
    section: 'First-run guide loop',
    quote: '--save is accepted as a compatibility no-op',
    summary: 'signup --save succeeds and behaves as the default (the token is saved)',
    asserts: ['--save'],
  },
  {
    id: 'signup.human-email-alias',
    document: 'cli.md',
    section: SIGNUP,
    quote: '`--human-email` remains accepted as a compatibility alias … `--agent-contact`',
    summary: 'signup --human-email is accepted and its value is the contact sent to the service',
    asserts: ['--human-email', '--agent-contact'],
  },
  {
    id: 'signup.example-invalid-contact',
    document: 'cli.md',
    section: SIGNUP,
    quote: '`example.invalid` addresses are only appropriate inside documented harness',
    summary: 'an email-shaped contact on example.invalid is accepted in a harness run: signup succeeds and the agent is created with it',
    asserts: ['example.invalid'],
  },
  {
    id: 'signup.contact-email-shaped',
    document: 'cli.md',
    section: SIGNUP,
    quote: '`--agent-contact` is an email-shaped durable contact',
    summary: 'a contact that is not email-shaped is refused (by the CLI or the service, relayed): error envelope, no agent created (its exit code is exit.code-2-invalid-arguments)',
    asserts: ['--agent-contact', 'email-shaped'],
  },
  {
    id: 'auth.saved-config',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'later hosted commands can authenticate from config',
    summary: 'after a saving signup, hosted commands send the saved token as a Bearer token and succeed',
    asserts: ['config'],
  },
  {
    id: 'auth.env-token',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'it may provide the token to commands as `IMAGE_SKILL_TOKEN`',
    // 0.1.40 put the claim request heading above this paragraph.
    alsoUnder: ['image-skill claim request'],
    summary: 'a token in IMAGE_SKILL_TOKEN is the Bearer token of hosted commands, which then succeed',
    asserts: ['IMAGE_SKILL_TOKEN'],
  },
  {
    id: 'auth.token-stdin',
    document: 'cli.md',
    section: SIGNUP,
    quote: 'avoid exporting the token and use `--token-stdin` instead',
    alsoUnder: ['image-skill claim request'],
    summary: 'a token given on stdin with --token-stdin is the Bearer token of hosted commands, which then succeed',
    asserts: ['--token-stdin'],
  },
  // --- a config home that cannot be written ----------------------------------------------
  {
    id: 'config.write-failed-code',
    document: 'cli.md',
    section: CONFIG,
    quote: 'Config write failures return `PUBLIC_CLI_CONFIG_WRITE_FAILED`',
    summary: 'a signup that cannot save its config fails with error.code PUBLIC_CLI_CONFIG_WRITE_FAILED',
    asserts: ['PUBLIC_CLI_CONFIG_WRITE_FAILED'],
  },
  {
    id: 'config.write-failed-recovery',
    document: 'cli.md',
    section: CONFIG,
    quote: 'with a structured `error.recovery.suggested_command`',
    summary: 'the config-write failure carries error.recovery.suggested_command, and that command, run as printed in the same unwritable home, succeeds',
    asserts: ['error.recovery.suggested_command'],
  },
  // What the guide hands out when the config cannot be written: a --no-save signup until
  // 0.1.25, a saving signup with IMAGE_SKILL_CONFIG_PATH from 0.1.40 (the no-save path stays
  // as a fallback). "it probes the configured auth path first" is in both: it states neither.
  {
    id: 'guide.probes-config-path',
    document: 'cli.md',
    section: CONFIG,
    quote: '`data.next_command` uses `--show-token --no-save` … `data.auth_handoff.rerun_guide.with_stdin`',
    summary: 'with an unwritable config, the guide hands out a --show-token --no-save signup as data.next_command and a rerun_guide.with_stdin that authenticates with the printed token',
    asserts: ['data.next_command', '--show-token', '--no-save', 'data.auth_handoff.rerun_guide.with_stdin'],
  },
  {
    id: 'guide.unwritable-config.saved-signup',
    document: 'cli.md',
    section: CONFIG,
    quote: '`data.next_command` prefixes the normal saved-config signup … `IMAGE_SKILL_CONFIG_PATH="$PWD/.image-skill/config.json"`',
    summary: 'with an unwritable config, the guide\'s data.next_command is a saving signup (no --no-save) prefixed with that IMAGE_SKILL_CONFIG_PATH, and running it saves the token at $PWD/.image-skill/config.json',
    asserts: ['data.next_command', 'signup', 'IMAGE_SKILL_CONFIG_PATH', '$PWD/.image-skill/config.json'],
  },
  {
    id: 'guide.unwritable-config.saves-locally',
    document: 'cli.md',
    section: CONFIG,
    quote: 'still saves auth locally without exposing … one-time token',
    summary: 'the guide\'s IMAGE_SKILL_CONFIG_PATH signup succeeds in the unwritable home, saves the token it got, and prints no token',
    asserts: ['token'],
  },
  {
    id: 'guide.unwritable-config.fallback',
    document: 'cli.md',
    section: CONFIG,
    quote: '`--show-token --no-save` … `data.auth_handoff.rerun_guide.with_stdin` remain structured fallback paths',
    summary: 'with an unwritable config, the guide still gives data.auth_handoff.rerun_guide.with_stdin, and after a --show-token --no-save signup that rerun authenticates with the printed token',
    asserts: ['--show-token', '--no-save', 'data.auth_handoff.rerun_guide.with_stdin'],
  },
  // --- first contact ----------------------------------------------------------------------
  {
    id: 'whoami.claim-state',
    document: 'cli.md',
    section: 'image-skill whoami',
    quote: 'Shows current actor, organization, claim state',
    summary: 'whoami reports a claim state, claim_state (in data or in the envelope actor); that a fresh agent is unclaimed is observed',
    // The field the sentence names in words.
    asserts: ['claim state'],
  },
  {
    id: 'quota.alias',
    document: 'cli.md',
    section: 'image-skill usage quota',
    quote: '`image-skill quota --json` remains a compatibility alias',
    summary: 'quota succeeds and reports the same as usage quota',
    asserts: ['image-skill quota --json'],
  },
  {
    id: 'discovery.payment-methods-no-auth',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the no-auth action-only payment rail catalog',
    summary: 'credits methods works without any token and its output holds the rails the service listed',
    asserts: ['no-auth'],
  },
  {
    id: 'discovery.packs-public',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the public pack catalog',
    summary: 'credits packs list works without any token and its output holds the packs the service listed',
    asserts: [],
  },
  {
    id: 'discovery.models-public',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the public model registry',
    summary: 'models list works without any token',
    asserts: [],
  },
  {
    id: 'discovery.models-menu-public',
    document: 'llms.txt',
    section: ENDPOINTS,
    quote: 'returns the compact public model menu',
    summary: 'models list works without any token (the compact model menu of 0.1.40 on)',
    asserts: [],
  },
  // --- inspection commands ------------------------------------------------------------------
  {
    id: 'trust.reports-health-and-models',
    document: 'cli.md',
    section: 'image-skill trust',
    quote: 'hosted `/healthz`, `/v1/models` availability',
    summary: 'trust succeeds and consults the service health and model endpoints to report on them',
    asserts: ['/healthz', '/v1/models'],
  },
  {
    id: 'trust.document-hashes',
    document: 'cli.md',
    section: 'image-skill trust',
    quote: 'hosted contract document hashes',
    summary: 'trust fetches at least one hosted contract document (cli.md, llms.txt or skill.md) to report its hash',
    asserts: [],
  },
  {
    id: 'models.default-executable-first',
    document: 'cli.md',
    section: 'image-skill models',
    // 0.1.40 put "is a compact, sortable model menu and" in the middle of this sentence.
    quote: 'excludes catalog-only rows so fresh agents … executable candidates first',
    summary: 'models list without filters returns rows, none of them a row the service serves as catalog-only',
    asserts: ['catalog-only'],
  },
  {
    id: 'models.available-filter',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'Use `--available` for currently usable executable rows',
    summary: 'models list --available returns only rows the service serves as available and executable',
    asserts: ['--available'],
  },
  {
    id: 'models.catalog-only-filter',
    document: 'cli.md',
    section: 'image-skill models',
    quote: '`--catalog-only` when you intentionally want source-backed rows … inspectable but not runnable yet',
    summary: 'models list --catalog-only returns no row the service serves as executable',
    asserts: ['--catalog-only'],
  },
  {
    id: 'models.show',
    document: 'cli.md',
    section: 'image-skill models',
    quote: 'shows the full capability-preserving schema for one model',
    summary: 'models show of a listed model id succeeds',
    asserts: [],
  },
  {
    id: 'capabilities.list',
    document: 'cli.md',
    section: 'image-skill capabilities',
    quote: 'Schema-language view over the same capability catalog',
    summary: 'capabilities succeeds',
    asserts: [],
  },
];
