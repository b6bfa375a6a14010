/** POST /v1/create and POST /v1/edit: selection, guards, one reservation per idempotency key, jobs and assets. */
import { type HttpHandler } from 'msw';
import { http } from '../routing.js';
import type { Core } from '../core.js';
import type { ActorJson, AgentRecord } from '../context.js';
import { findOwnedAsset, generateAssets, publicAsset, type AssetRow } from '../production.js';
import {
  CLAIM_GATED_MULTI_OUTPUT_MODEL,
  FORBIDDEN_WORD,
  budgetFailure,
  costOf,
  isFailure,
  selectModel,
  unknownCostFailure,
  validateModelParameters,
  type ParameterCheck,
  type RuleFailure,
  type Selection,
} from './creative-rules.js';
import { optionalBoolean, optionalNumber, optionalPositiveInt, optionalString, readJsonObject, type JsonObject } from './request-body.js';

type Command = 'create' | 'edit';

interface JobPlan {
  command: Command;
  operation: 'image.generate' | 'image.edit';
  agent: AgentRecord;
  actor: ActorJson;
  selection: Selection;
  params: ParameterCheck;
  outputCount: number;
  intent: string;
  idempotencyKey: string | undefined;
  dryRun: boolean;
  inputAsset: AssetRow | null;
  maskAsset: AssetRow | null;
}

const DAY_SECONDS = 86400;

function failWith(core: Core, command: Command, f: RuleFailure, actor: ActorJson): Response {
  return core.ctx.fail(command, f.status, f.code, f.message, { ...f.opts, actor });
}

function requestSummary(plan: JobPlan): Record<string, unknown> {
  const { model } = plan.selection;
  return {
    output_count: plan.outputCount,
    selection: {
      policy: plan.selection.policy,
      reason: plan.selection.reason,
      intent: plan.intent,
      capability: { id: model.capability_id },
      model: { id: model.id, provider_id: model.provider_id },
      model_parameters: plan.params,
      output: { resolution_class: 'preview', expected_width: 64, expected_height: 64, expected_min_short_edge: 64 },
    },
  };
}

function planned(core: Core, plan: JobPlan): Response {
  const { agent, actor, selection } = plan;
  const cost = costOf(selection.model, plan.outputCount);
  const jobId = core.ctx.newId('job');
  const receipt = {
    plan_receipt_id: core.ctx.newId('plan'),
    model_id: selection.model.id,
    capability_id: selection.model.capability_id,
    output_count: plan.outputCount,
    credits_required: (cost.credit_pricing as { credits_required: number }).credits_required,
    accepted_parameter_keys: plan.params.keys,
    provider_call: false,
  };
  const now = core.ctx.now().toISOString();
  const data = {
    job_id: jobId,
    status: 'planned',
    dry_run: true,
    trace_id: core.ctx.traceId(),
    job: { job_id: jobId, status: 'planned' },
    capability: { id: selection.model.capability_id },
    assets: [],
    cost,
    request: requestSummary(plan),
    safety: { status: 'allowed' },
    quota: { consumed_credits: 0, remaining_credits: core.ledger.limits(agent.agent_id).remaining_credits },
    plan_receipt: receipt,
  };
  core.store.job.create({
    job_id: jobId,
    agent_id: agent.agent_id,
    organization_id: agent.organization_id,
    operation: plan.operation,
    status: 'planned',
    trace_id: core.ctx.traceId(),
    created_at: now,
    completed_at: null,
    capability_id: selection.model.capability_id,
    model_id: selection.model.id,
    idempotency_key: null,
    credits: 0,
    asset_ids: '',
    usage_event_id: null,
    response_json: JSON.stringify(data),
    plan_receipt_json: JSON.stringify(receipt),
    cost_json: JSON.stringify(cost),
  });
  core.activity.add(agent.agent_id, {
    type: 'job.planned',
    summary: 'Create dry run stored a plan receipt',
    operation: 'create',
    subject: { type: 'job', id: jobId },
    links: { job_id: jobId },
    status: 'planned',
    details: { plan_receipt: receipt },
  });
  return core.ctx.ok(plan.command, data, { actor });
}

function replay(core: Core, plan: JobPlan, jobId: string): Response {
  const job = core.store.job.findFirst({ where: { job_id: { equals: jobId } } });
  if (!job) throw new Error(`reservation points at missing job ${jobId}`);
  const data = JSON.parse(job.response_json) as Record<string, unknown>;
  const quota = data.quota as Record<string, unknown>;
  quota.remaining_credits = core.ledger.limits(plan.agent.agent_id).remaining_credits;
  data.idempotent_replay = true;
  return core.ctx.ok(plan.command, data, { actor: plan.actor });
}

function quotaFailure(core: Core, plan: JobPlan, needed: number, reason: 'insufficient_credits' | 'daily_jobs_exhausted'): Response {
  const remaining = core.ledger.limits(plan.agent.agent_id).remaining_credits;
  if (reason === 'daily_jobs_exhausted') {
    return core.ctx.fail(plan.command, 429, 'RATE_LIMITED', 'The free-preview daily job cap is used up.', {
      retryable: true,
      actor: plan.actor,
      recovery: { retry_after_seconds: DAY_SECONDS, suggested_command: 'image-skill usage quota --json' },
    });
  }
  return core.ctx.fail(plan.command, 402, 'QUOTA_EXCEEDED', `This ${plan.command} needs ${needed} credits; ${remaining} remain.`, {
    actor: plan.actor,
    recovery: {
      required_credits: needed,
      remaining_credits: remaining,
      suggested_command: 'image-skill credits methods --json',
      suggested_commands: ['image-skill credits methods --json', 'image-skill credits quote --pack starter-500 --payment-method stripe_checkout --idempotency-key KEY --json'],
    },
  });
}

function execute(core: Core, plan: JobPlan): Response {
  if (plan.dryRun) return planned(core, plan);
  const { agent, actor, selection } = plan;
  if (plan.idempotencyKey) {
    const existing = core.ledger.findReservation(agent.agent_id, plan.idempotencyKey);
    if (existing && existing.operation !== plan.command) {
      return core.ctx.fail(plan.command, 409, 'IDEMPOTENCY_KEY_CONFLICT', `Key ${plan.idempotencyKey} was already used for ${existing.operation}.`, { actor, exitCode: 1 });
    }
    if (existing) return replay(core, plan, existing.job_id);
  }
  const cost = costOf(selection.model, plan.outputCount);
  const credits = (cost.credit_pricing as { credits_required: number }).credits_required;
  const jobId = core.ctx.newId('job');
  const reserved = core.ledger.reserve({ agentId: agent.agent_id, idempotencyKey: plan.idempotencyKey ?? `auto:${jobId}`, operation: plan.command, credits, jobId });
  if (!reserved.ok) return quotaFailure(core, plan, credits, reserved.reason);

  const assets = generateAssets(core, agent, jobId, plan.outputCount, `${plan.operation} ${selection.model.id} ${plan.intent}`);
  const assetIds = assets.map((a) => a.asset_id);
  const usageId = core.ctx.newId('usage');
  const now = core.ctx.now().toISOString();
  const data: Record<string, unknown> = {
    job_id: jobId,
    status: 'completed',
    dry_run: false,
    trace_id: core.ctx.traceId(),
    job: { job_id: jobId, status: 'completed' },
    capability: { id: selection.model.capability_id },
    assets: assets.map((a) => publicAsset(core, a)),
    cost,
    request: requestSummary(plan),
    safety: { status: 'allowed' },
    quota: { consumed_credits: credits, remaining_credits: core.ledger.limits(agent.agent_id).remaining_credits },
    usage_event_id: usageId,
    idempotency_key: plan.idempotencyKey ?? null,
  };
  if (plan.inputAsset) data.input_asset = publicAsset(core, plan.inputAsset);
  if (plan.maskAsset) data.mask_asset = publicAsset(core, plan.maskAsset);
  core.store.job.create({
    job_id: jobId,
    agent_id: agent.agent_id,
    organization_id: agent.organization_id,
    operation: plan.operation,
    status: 'completed',
    trace_id: core.ctx.traceId(),
    created_at: now,
    completed_at: now,
    capability_id: selection.model.capability_id,
    model_id: selection.model.id,
    idempotency_key: plan.idempotencyKey ?? null,
    credits,
    asset_ids: assetIds.join(' '),
    usage_event_id: usageId,
    response_json: JSON.stringify(data),
    plan_receipt_json: null,
    cost_json: JSON.stringify(cost),
  });
  const links = { job_id: jobId, asset_ids: assetIds, usage_event_id: usageId };
  const eventCost = { estimated_usd: cost.estimated_usd };
  const verb = plan.command === 'create' ? 'Create' : 'Edit';
  core.activity.add(agent.agent_id, { type: 'job.completed', summary: `${verb} job completed`, operation: plan.command, subject: { type: 'job', id: jobId }, links }, { cost: eventCost });
  core.activity.add(agent.agent_id, { type: 'asset.created', summary: `${verb} produced ${assets.length} asset(s)`, operation: plan.command, subject: { type: 'asset', id: assetIds[0] }, links });
  core.activity.add(agent.agent_id, {
    type: 'usage.credit_consumed',
    summary: `${credits} credits consumed`,
    operation: 'usage',
    subject: { type: 'usage', id: usageId },
    links: { job_id: jobId, usage_event_id: usageId },
    details: { credits, free_preview_credits: reserved.reservation.free_part, payment_backed_credits: reserved.reservation.paid_part },
  });
  return core.ctx.ok(plan.command, data, { actor });
}

/** Validation common to both routes; returns the plan or the error response. */
async function buildPlan(core: Core, request: Request, command: Command): Promise<JobPlan | Response> {
  const auth = core.ctx.authenticate(request, command);
  if ('response' in auth) return auth.response;
  const { agent, actor } = auth;
  const invalid = (message: string): Response => core.ctx.fail(command, 400, 'INVALID_ARGUMENT', message, { actor });
  const body: JsonObject | null = await readJsonObject(request);
  if (!body) return invalid('The request body must be a JSON object.');
  const prompt = optionalString(body, 'prompt');
  if (!prompt) return invalid('prompt is required.');
  if (FORBIDDEN_WORD.test(prompt)) {
    return core.ctx.fail(command, 422, 'CONTENT_POLICY_DENIED', 'The prompt was refused by content policy.', { actor });
  }
  let inputAsset: AssetRow | null = null;
  let maskAsset: AssetRow | null = null;
  if (command === 'edit') {
    const inputId = optionalString(body, 'input_asset_id');
    if (!inputId) return invalid('input_asset_id is required.');
    inputAsset = findOwnedAsset(core, agent, inputId);
    if (!inputAsset) return core.ctx.fail(command, 404, 'NOT_FOUND', `No asset ${inputId} for this organization.`, { actor });
    const maskId = optionalString(body, 'mask_asset_id');
    if (maskId) {
      maskAsset = findOwnedAsset(core, agent, maskId);
      if (!maskAsset) return core.ctx.fail(command, 404, 'NOT_FOUND', `No asset ${maskId} for this organization.`, { actor });
    }
  }
  const budget = optionalNumber(body, 'max_estimated_usd_per_image');
  if (budget === null) return invalid('max_estimated_usd_per_image must be a number.');
  const aspect = body.aspect_ratio;
  // The documents name W:H ratios (1:1, 16:9) and say nothing more; `auto` (a CLI's edit default) is accepted too.
  if (aspect !== undefined && aspect !== null && (typeof aspect !== 'string' || !/^(\d+:\d+|auto)$/.test(aspect))) return invalid('aspect_ratio must look like 1:1.');
  const operation = command === 'create' ? 'image.generate' : 'image.edit';
  const selection = selectModel(core.store, { requested: optionalString(body, 'model'), operation, budgetUsd: budget });
  if (isFailure(selection)) return failWith(core, command, selection, actor);
  const outputCount = optionalPositiveInt(body, 'output_count') ?? 1;
  if (outputCount === null) return invalid('output_count must be a positive integer.');
  if (outputCount > selection.model.max_outputs) {
    return invalid(`Model ${selection.model.id} allows at most ${selection.model.max_outputs} output(s) per request.`);
  }
  if (selection.model.id === CLAIM_GATED_MULTI_OUTPUT_MODEL && outputCount > 1 && agent.claim_state === 'unclaimed') {
    return core.ctx.fail(command, 403, 'CAPABILITY_DENIED', `Unclaimed agents may request only one output from ${selection.model.id}.`, { actor });
  }
  const params = validateModelParameters(selection.model, body.model_parameters);
  if (isFailure(params)) return failWith(core, command, params, actor);
  const guard = budgetFailure(selection.model, budget) ?? unknownCostFailure(selection.model, optionalBoolean(body, 'accept_unknown_cost'));
  if (guard) return failWith(core, command, guard, actor);
  return {
    command,
    operation,
    agent,
    actor,
    selection,
    params,
    outputCount,
    intent: optionalString(body, 'intent') ?? 'explore',
    idempotencyKey: optionalString(body, 'idempotency_key'),
    dryRun: command === 'create' && optionalBoolean(body, 'dry_run'),
    inputAsset,
    maskAsset,
  };
}

export function creativeHandlers(core: Core): HttpHandler[] {
  const route = (command: Command) => async ({ request }: { request: Request }) => {
    const plan = await buildPlan(core, request, command);
    return plan instanceof Response ? plan : execute(core, plan);
  };
  return [http.post('*/v1/create', route('create')), http.post('*/v1/edit', route('edit'))];
}

