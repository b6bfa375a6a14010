/** Decides which documented shape a CLI output should have, from its argv and the output itself. */
import { ERROR_SHAPE } from './contract-shapes.js';
import type { ShapeRef } from './contract-shapes.js';

/** Global flags that take a separate value and may come before the command words. */
const GLOBAL_VALUE_FLAGS = new Set(['--api-base-url', '--config-path', '--timeout-ms']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The command words (e.g. ['credits', 'packs', 'list']) with leading global flags skipped. */
export function commandWords(args: string[]): string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-')) {
    i += GLOBAL_VALUE_FLAGS.has(args[i]) ? 2 : 1;
  }
  const words: string[] = [];
  for (; i < args.length && !args[i].startsWith('-') && words.length < 3; i++) words.push(args[i]);
  return words;
}

function hasFlag(args: string[], flag: string): boolean {
  return args.some((a) => a === flag || a.startsWith(`${flag}=`));
}

function flagValue(args: string[], flag: string): string | null {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1] ?? null;
    if (args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1);
  }
  return null;
}

const SIMPLE: Record<string, string> = {
  doctor: 'doctor',
  trust: 'trust',
  signup: 'signup',
  whoami: 'whoami',
  quota: 'usage-quota',
  'usage quota': 'usage-quota',
  'credits methods': 'credits-methods',
  'credits packs': 'credits-packs-list',
  'credits packs list': 'credits-packs-list',
  'credits quote': 'credits-quote',
  models: 'models-list',
  'models list': 'models-list',
  'models show': 'models-show',
  capabilities: 'capabilities',
  'capabilities list': 'capabilities',
  'capabilities show': 'capabilities-show',
  edit: 'edit',
  upload: 'upload',
  'assets show': 'assets-show',
  'assets get': 'assets-get',
  'jobs show': 'jobs-show',
  'jobs wait': 'jobs-wait',
  'activity list': 'activity-list',
  'activity show': 'activity-show',
  'feedback create': 'feedback-create',
};

/**
 * Shape for one printed JSON document: the error envelope for `ok:false`,
 * else the data shape of the command (null when the command has none).
 */
export function selectShape(args: string[], json: unknown): ShapeRef | null {
  if (isRecord(json) && json.ok === false) return ERROR_SHAPE;
  const data = isRecord(json) && isRecord(json.data) ? json.data : {};
  const words = commandWords(args);
  const [first, second] = words;
  if (first === 'create') return { shapeId: createShape(args, data) };
  if (first === 'credits' && second === 'buy') return { shapeId: 'credits-buy', variant: buyVariant(args, data) };
  if (first === 'credits' && second === 'status') return { shapeId: 'credits-status', variant: statusVariant(data) };
  // Longest known prefix of the command words wins ("credits packs list" before "credits packs").
  for (let n = words.length; n > 0; n--) {
    const id = SIMPLE[words.slice(0, n).join(' ')];
    if (id) return { shapeId: id };
  }
  return null;
}

function createShape(args: string[], data: Record<string, unknown>): string {
  if (hasFlag(args, '--guide')) return 'create-guide';
  if (hasFlag(args, '--dry-run')) return 'create-dry-run';
  if (data.schema === 'image-skill.create-guide.v1') return 'create-guide';
  if (data.dry_run === true) return 'create-dry-run';
  return 'create';
}

function buyVariant(args: string[], data: Record<string, unknown>): string {
  if (data.accepted_payment_method === 'stripe_checkout') return 'checkout';
  if (data.accepted_payment_method === 'stripe_x402.exact.usdc' || 'stripe_x402' in data) return 'x402';
  return flagValue(args, '--provider') === 'stripe_x402' ? 'x402' : 'checkout';
}

function statusVariant(data: Record<string, unknown>): string {
  if (data.state === 'action_required') return 'action-required';
  if (data.state === 'succeeded') return 'succeeded';
  return 'other';
}
