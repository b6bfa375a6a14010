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

/**
 * Where each "Minimum ... data" example of cli.md belongs, by `###` section
 * (backticks removed) and, when a section has several, by label.
 */
const EXAMPLE_MAP: Array<{ section: RegExp; label?: RegExp; key: string }> = [
  { section: /credits methods$/, key: 'credits-methods' },
  { section: /credits packs( list)?$/, key: 'credits-packs-list' },
  { section: /credits quote$/, key: 'credits-quote' },
  { section: /credits buy$/, label: /x402/i, key: 'credits-buy.x402' },
  { section: /credits buy$/, key: 'credits-buy.checkout' },
  { section: /credits status$/, label: /action.required/i, key: 'credits-status.action-required' },
  { section: /credits status$/, label: /success/i, key: 'credits-status.succeeded' },
  { section: /create$/, label: /dry.run/i, key: 'create-dry-run' },
  { section: /create$/, key: 'create' },
  { section: /edit$/, key: 'edit' },
  { section: /upload$/, key: 'upload' },
  { section: /assets show$/, key: 'assets-show' },
  { section: /assets get$/, key: 'assets-get' },
  { section: /jobs show$/, key: 'jobs-show' },
  { section: /jobs wait$/, key: 'jobs-wait' },
  { section: /activity list$/, key: 'activity-list' },
  { section: /activity show$/, key: 'activity-show' },
  { section: /feedback create$/, key: 'feedback-create' },
  { section: /models list$/, key: 'models-list' },
  { section: /models show$/, key: 'models-show' },
  { section: /whoami$/, key: 'whoami' },
  { section: /(usage )?quota$/, key: 'usage-quota' },
  { section: /signup( --agent)?$/, key: 'signup' },
  { section: /doctor$/, key: 'doctor' },
  { section: /trust$/, key: 'trust' },
];

/** Shape key for an extracted example, or null when its section is not one we know. */
export function shapeKeyForExample(section: string, label: string): string | null {
  const s = section.replace(/`/g, '').trim();
  for (const m of EXAMPLE_MAP) {
    if (m.section.test(s) && (!m.label || m.label.test(label))) return m.key;
  }
  return null;
}
