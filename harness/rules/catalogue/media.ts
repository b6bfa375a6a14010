/** Scenario rules: media flows, their recovery, and the credits argument rules the recovery scenarios use (see harness/rules/README.md for how to add one). */
import type { Rule } from '../types.js';

const CREATE = 'image-skill create';
const EDIT = 'image-skill edit';
const UPLOAD = 'image-skill upload';
const API = 'Hosted API endpoints';

export const MEDIA_RULES: Rule[] = [
  // create / edit
  {
    id: 'media.create.succeeds',
    document: 'cli.md',
    section: CREATE,
    quote: 'Guides, creates, or plans a zero-cost dry run.',
    summary: 'a create with a token and credits succeeds (its job id and assets: shape.create)',
    asserts: [],
  },
  {
    id: 'media.create.retry-recovery',
    document: 'cli.md',
    section: CREATE,
    quote: 'returns an `error.recovery.idempotency_key` … `error.recovery.suggested_command` that re-runs the same create',
    summary: 'a retryable create error carries error.recovery.idempotency_key and a suggested_command holding that key that re-runs the create; run as printed it reuses the first reservation',
    asserts: ['error.recovery.idempotency_key', 'error.recovery.suggested_command'],
  },
  {
    id: 'media.edit.retry-recovery',
    document: 'cli.md',
    section: EDIT,
    quote: 'returns an `error.recovery.idempotency_key` … `error.recovery.suggested_command` that re-runs the same edit',
    summary: 'a retryable edit error carries error.recovery.idempotency_key and a suggested_command holding that key and the same input that re-runs the edit; run as printed it reuses the first reservation',
    asserts: ['error.recovery.idempotency_key', 'error.recovery.suggested_command'],
  },
  {
    id: 'media.edit.owned-input',
    document: 'cli.md',
    section: EDIT,
    quote: 'edit uses that owned asset directly',
    summary: 'edit --input ASSET_ID succeeds, sends that id to POST /v1/edit and uploads nothing again (the request field that carries it is observed)',
    asserts: [],
  },
  {
    id: 'media.dry-run.no-debit',
    document: 'cli.md',
    section: CREATE,
    quote: 'The actual debit for the dry run … `quota.consumed_credits: 0`',
    summary: 'create --dry-run reports quota.consumed_credits 0 and leaves the remaining credits unchanged',
    asserts: ['quota.consumed_credits', '0'],
  },
  {
    id: 'media.dry-run.job-planned',
    document: 'cli.md',
    section: CREATE,
    quote: 'activity emits job.planned',
    summary: 'after an authenticated dry run, activity list shows a job.planned event',
    asserts: ['job.planned'],
  },
  // upload
  {
    id: 'media.upload.request',
    document: 'llms.txt',
    section: API,
    quote: 'Request JSON: source_kind, filename, remote_origin, mime_type',
    summary: 'upload of a local PNG exits 0 and sends POST /v1/upload with the file name (not its path)',
    asserts: ['filename'],
  },
  {
    id: 'media.upload.no-local-paths',
    document: 'llms.txt',
    section: API,
    quote: 'Do not send local paths, full remote URLs',
    summary: 'no local path appears in the upload request body',
    asserts: ['local paths'],
  },
  {
    id: 'media.upload.unsupported-exit-6',
    document: 'cli.md',
    section: UPLOAD,
    quote: 'Unsupported input returns INPUT_POLICY_DENIED with exit 6',
    summary: 'an image of a type outside the supported MIME list is refused with INPUT_POLICY_DENIED and exit 6 (client-side or by relaying the service)',
    asserts: ['INPUT_POLICY_DENIED', '6'],
  },
  // jobs, capabilities
  {
    id: 'media.jobs.show',
    document: 'cli.md',
    section: 'image-skill jobs show',
    quote: 'Inspects a hosted Image Skill job',
    summary: 'jobs show JOB_ID exits 0 and prints that job',
    asserts: [],
  },
  {
    id: 'media.jobs.wait-completed',
    document: 'cli.md',
    section: 'image-skill jobs wait',
    quote: 'Completed jobs return immediately.',
    summary: 'jobs wait on a completed job exits 0',
    asserts: [],
  },
  {
    id: 'media.capabilities.show',
    document: 'cli.md',
    section: 'image-skill capabilities',
    quote: 'image-skill capabilities show CAPABILITY_ID --json',
    summary: 'capabilities show ID exits 0 and prints that capability',
    asserts: ['capabilities show'],
  },
  // assets
  {
    id: 'media.assets.show',
    document: 'cli.md',
    section: 'image-skill assets show',
    quote: 'Inspects an Image Skill-owned asset URL',
    summary: 'assets show ASSET_ID succeeds and prints that asset (its fields: shape.assets-show)',
    asserts: [],
  },
  {
    id: 'media.assets.get',
    document: 'cli.md',
    section: 'image-skill assets get',
    quote: 'Downloads an Image Skill-owned asset URL',
    summary: 'assets get ASSET_ID --output PATH exits 0 and writes the asset bytes (content_length of assets show) to PATH',
    asserts: [],
  },
  {
    id: 'media.assets.no-overwrite',
    document: 'cli.md',
    section: 'image-skill assets get',
    quote: 'refuses to overwrite existing files unless --overwrite',
    summary: 'assets get onto an existing file fails with an error envelope and leaves the file untouched; with --overwrite it replaces it',
    asserts: ['--overwrite'],
  },
  {
    id: 'media.assets.verifies-length',
    document: 'cli.md',
    section: 'image-skill assets get',
    quote: 'It verifies byte length when the asset server provides',
    summary: 'a download shorter than its content-length header fails (non-zero exit, error envelope)',
    asserts: [],
  },
  // activity, feedback
  {
    id: 'media.activity.list',
    document: 'cli.md',
    section: 'image-skill activity list',
    quote: 'Lists recent hosted activity ledger events',
    summary: 'activity list succeeds and shows the events the service holds (that a create\'s job.completed is among them: activity.links.job.completed)',
    asserts: [],
  },
  {
    id: 'media.activity.subject',
    document: 'llms.txt',
    section: API,
    quote: 'Optional query: limit, subject.',
    summary: 'activity list --subject ID sends subject=ID to GET /v1/activity',
    asserts: ['subject'],
  },
  {
    id: 'media.activity.show',
    document: 'cli.md',
    section: 'image-skill activity show',
    quote: 'activity show accepts activity event IDs plus job, asset',
    summary: 'activity show with a job id or a feedback id exits 0',
    asserts: [],
  },
  {
    id: 'media.feedback.fields',
    document: 'cli.md',
    section: 'image-skill feedback create',
    quote: 'Use the structured fields below',
    summary: 'feedback create exits 0 and sends title, body, proof_needed, and surface/evidence as arrays to POST /v1/feedback',
    // The fields are those of the blocks "below" (the command and its hosted API equivalent).
    asserts: ['structured fields'],
  },
  // credits: the recovery and argument rules the recovery scenarios exercise
  {
    id: 'media.quote.idempotent',
    document: 'cli.md',
    section: 'image-skill credits quote',
    quote: 'Idempotency keys are scoped to the current',
    summary: 'the same quote terms with the same key give the same quote back',
    asserts: [],
  },
  {
    id: 'media.quote.conflict-recovery',
    document: 'cli.md',
    section: 'image-skill credits quote',
    quote: 'Reusing a key with different credits, pack … returns a structured `error.recovery.suggested_command`',
    summary: 'reusing a quote key with other terms fails with error.recovery.suggested_command, which does not reuse that key; run as printed it quotes the attempted terms',
    asserts: ['error.recovery.suggested_command'],
  },
  {
    id: 'media.buy.sends-key',
    document: 'llms.txt',
    section: API,
    quote: 'Request JSON: quote_id, idempotency_key.',
    summary: 'credits buy never sends a purchase request without idempotency_key (it may refuse with exit 2, or supply a key)',
    asserts: ['idempotency_key'],
  },
  {
    id: 'media.status.one-reference',
    document: 'cli.md',
    section: 'image-skill credits status',
    quote: 'Exactly one reference flag is required',
    summary: 'credits status with no reference flag or with two is refused with an error envelope (client-side or by relaying the service; its exit code is exit.code-2-invalid-arguments); with one it succeeds',
    asserts: [],
  },
  // 0.1.40: no reference is allowed too (it shows the balance: not checked, the fake refuses a status without one).
  {
    id: 'media.status.at-most-one-reference',
    document: 'cli.md',
    section: 'image-skill credits status',
    quote: 'At most one reference flag is allowed',
    summary: 'credits status with two reference flags is refused with an error envelope (its exit code is exit.code-2-invalid-arguments); with one it succeeds',
    asserts: [],
  },
];
