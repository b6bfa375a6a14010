/** GET /v1/events and /v1/events/:id over the events the embedded backend generated. */
import { invalidParam, noSuchResource } from './errors.js';
import type { FormObject } from './form.js';
import { optionalString, parseInteger, rejectUnknown, stringArray } from './params.js';
import type { EmbeddedState, StripeObject } from './state.js';

const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'type', 'types', 'created', 'expand', 'delivery_success'];

function typeMatcher(params: FormObject): (type: string) => boolean {
  const single = optionalString(params, 'type');
  const many = stringArray(params, 'types');
  if (single !== null && many !== null) throw invalidParam('types', 'use either type or types, not both');
  const patterns = many ?? (single === null ? null : [single]);
  if (patterns === null) return () => true;
  // Stripe allows one trailing-or-inner '*' wildcard, e.g. 'checkout.session.*'.
  const regexes = patterns.map((p) => new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^]*') + '$'));
  return (type) => regexes.some((r) => r.test(type));
}

function createdMatcher(params: FormObject): (created: number) => boolean {
  const raw = params.created;
  if (raw === undefined || raw === '') return () => true;
  if (typeof raw === 'string') {
    const exact = parseInteger(raw, 'created', 0);
    return (created) => created === exact;
  }
  if (Array.isArray(raw)) throw invalidParam('created', 'expected an integer or a range hash');
  const bound = (key: string) => parseInteger(raw[key], `created[${key}]`, 0);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (created) =>
    (gt === null || created > gt) && (gte === null || created >= gte) &&
    (lt === null || created < lt) && (lte === null || created <= lte);
}

/** Newest first, cursor-paginated like every Stripe list endpoint. */
export function listEvents(state: EmbeddedState, params: FormObject): StripeObject {
  rejectUnknown(params, LIST_PARAMS);
  const limit = parseInteger(params.limit, 'limit', 1) ?? 10;
  if (limit > 100) throw invalidParam('limit', 'must be at most 100');
  const matchesType = typeMatcher(params);
  const matchesCreated = createdMatcher(params);
  let events = [...state.events].reverse().filter((e) => matchesType(String(e.type)) && matchesCreated(Number(e.created)));

  const after = optionalString(params, 'starting_after');
  const before = optionalString(params, 'ending_before');
  if (after !== null) {
    const at = events.findIndex((e) => e.id === after);
    if (at === -1) throw noSuchResource('event', after, 'starting_after');
    events = events.slice(at + 1);
  } else if (before !== null) {
    const at = events.findIndex((e) => e.id === before);
    if (at === -1) throw noSuchResource('event', before, 'ending_before');
    events = events.slice(Math.max(0, at - limit), at);
    return { object: 'list', data: events, has_more: at - limit > 0, url: '/v1/events' };
  }
  return { object: 'list', data: events.slice(0, limit), has_more: events.length > limit, url: '/v1/events' };
}

export function retrieveEvent(state: EmbeddedState, id: string): StripeObject {
  const event = state.events.find((e) => e.id === id);
  if (!event) throw noSuchResource('event', id);
  return event;
}
