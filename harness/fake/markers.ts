/**
 * Internal response headers a handler uses to tell the node:http adapter (server.ts) what to do
 * or what to journal. The adapter strips every header with this prefix before answering.
 */
export const INTERNAL_PREFIX = 'x-fake-internal-';
/** Destroy the socket without answering. */
export const MARK_DROP = 'x-fake-internal-drop';
/** Announce the full content-length but send only this many body bytes, then destroy the socket. */
export const MARK_TRUNCATE = 'x-fake-internal-truncate-bytes';
/** No documented route matched. */
export const MARK_UNKNOWN_ROUTE = 'x-fake-internal-unknown-route';
/** Name of the override that answered. */
export const MARK_OVERRIDE = 'x-fake-internal-override';
