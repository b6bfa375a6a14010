/** Backend (2): a stripe-mock that is already running, named by STRIPE_MOCK_URL. */
import { isLoopbackHost } from './loopback.js';

const PROBE_TIMEOUT_MS = 1500;

/** The normalised base URL when STRIPE_MOCK_URL names a loopback http server that answers; else null with a note. */
export async function reachableStripeMockUrl(raw: string | undefined, notes: string[]): Promise<string | null> {
  if (raw === undefined || raw.trim() === '') {
    notes.push('STRIPE_MOCK_URL not set');
    return null;
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    notes.push(`STRIPE_MOCK_URL ignored: not a URL (${raw})`);
    return null;
  }
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    notes.push(`STRIPE_MOCK_URL ignored: only http on loopback is allowed (${url.origin})`);
    return null;
  }
  const base = url.origin.replace('//localhost', '//127.0.0.1');
  try {
    // Any HTTP answer (even 401/404) proves a server is listening.
    const response = await fetch(`${base}/v1/events?limit=1`, {
      headers: { authorization: 'Bearer sk_test_probe' },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return base;
  } catch (error) {
    notes.push(`STRIPE_MOCK_URL ignored: ${base} did not answer (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
}
