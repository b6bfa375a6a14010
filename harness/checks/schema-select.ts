/** Decides which documented shape a CLI output should have, from its argv and the output itself. */
import { ERROR_SHAPE } from './contract-shapes.js';
import type { ShapeRef } from './contract-shapes.js';
import { commandFor } from '../rules/commands.js';
import { isRecord } from '../json.js';

export { commandWords } from '../rules/commands.js';


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

/**
 * Shape for one printed JSON document: the error envelope for `ok:false`,
 * else the data shape of the command (null when the command has none).
 */
export function selectShape(args: string[], json: unknown): ShapeRef | null {
  if (isRecord(json) && json.ok === false) return ERROR_SHAPE;
  const data = isRecord(json) && isRecord(json.data) ? json.data : {};
  const command = commandFor(args);
  if (!command?.shape) return null;
  if (command.name === 'create') return { shapeId: createShape(args, data) };
  if (command.name === 'credits buy') return { shapeId: command.shape, variant: buyVariant(args, data) };
  if (command.name === 'credits status') return { shapeId: command.shape, variant: statusVariant(data) };
  return { shapeId: command.shape };
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
