/**
 * The documented output shapes and how a contract example maps onto one.
 * A shape key is `<shapeId>` or `<shapeId>.<variant>`; schema files are named
 * after it (schemas/<version>/<key>.json).
 */

export interface ShapeRef {
  shapeId: string;
  variant?: string;
}

export function shapeKey(ref: ShapeRef): string {
  return ref.variant ? `${ref.shapeId}.${ref.variant}` : ref.shapeId;
}

export function parseShapeKey(key: string): ShapeRef {
  const dot = key.indexOf('.');
  return dot < 0 ? { shapeId: key } : { shapeId: key.slice(0, dot), variant: key.slice(dot + 1) };
}

/** Envelope schemas; every other key is a `data` shape. */
export const ENVELOPE_SUCCESS = 'envelope.success';
export const ENVELOPE_ERROR = 'envelope.error';

/** Shape of any `ok:false` output: the error envelope (key `envelope.error`). */
export const ERROR_SHAPE: ShapeRef = { shapeId: 'envelope', variant: 'error' };

/** Where a cli.md example belongs is a fact of the command table. */
export { shapeKeyForExample } from '../rules/commands.js';
