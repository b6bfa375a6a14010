/** CLI command name per route, for envelopes built without the route's handler (overrides, presets); from the command table. */
import { commandForRoute as commandSpecForRoute } from '../rules/commands.js';

/** The fake's own routes that no documented command owns. */
const OWN_ROUTES: Record<string, string> = { 'POST /v1/telemetry': 'telemetry', 'POST /v1/cli': 'cli' };

export function commandForRoute(method: string, path: string): string {
  return commandSpecForRoute(method, path)?.name ?? OWN_ROUTES[`${method.toUpperCase()} ${path}`] ?? 'unknown';
}
