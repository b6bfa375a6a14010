/** CLI command name per route, for envelopes built without the route's handler (overrides, presets). */

const TABLE: Array<[RegExp, string]> = [
  [/^GET \/healthz$/, 'doctor'],
  [/^POST \/v1\/agent-signups$/, 'signup'],
  [/^GET \/v1\/whoami$/, 'whoami'],
  [/^GET \/v1\/quota$/, 'usage quota'],
  [/^GET \/v1\/payment-methods$/, 'credits methods'],
  [/^GET \/v1\/credit-packs$/, 'credits packs list'],
  [/^POST \/v1\/credit-quotes$/, 'credits quote'],
  [/^POST \/v1\/credit-purchases\//, 'credits buy'],
  [/^GET \/v1\/credit-purchases\/status$/, 'credits status'],
  [/^GET \/v1\/models$/, 'models list'],
  [/^GET \/v1\/models\//, 'models show'],
  [/^GET \/v1\/capabilities$/, 'capabilities list'],
  [/^GET \/v1\/capabilities\//, 'capabilities show'],
  [/^POST \/v1\/create$/, 'create'],
  [/^POST \/v1\/edit$/, 'edit'],
  [/^POST \/v1\/upload$/, 'upload'],
  [/^GET \/v1\/assets\//, 'assets show'],
  [/^GET \/media\//, 'assets get'],
  [/^GET \/v1\/jobs\//, 'jobs show'],
  [/^GET \/v1\/activity$/, 'activity list'],
  [/^GET \/v1\/activity\//, 'activity show'],
  [/^POST \/v1\/feedback$/, 'feedback create'],
  [/^POST \/v1\/telemetry$/, 'telemetry'],
  [/^POST \/v1\/cli$/, 'cli'],
  [/^GET \/(skill\.md|llms\.txt|cli\.md|image-skill\/)/, 'trust'],
];

export function commandForRoute(method: string, path: string): string {
  const key = `${method.toUpperCase()} ${path}`;
  return TABLE.find(([re]) => re.test(key))?.[1] ?? 'unknown';
}
