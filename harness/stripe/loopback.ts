/** The harness may only talk to this machine: every backend address is checked against loopback. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A container engine endpoint we may contact: a local socket, a named pipe, or tcp on loopback. */
export function isLocalDockerHost(dockerHost: string | undefined): boolean {
  if (dockerHost === undefined || dockerHost === '') return true;
  if (dockerHost.startsWith('unix://') || dockerHost.startsWith('npipe://')) return true;
  try {
    return isLoopbackHost(new URL(dockerHost).hostname);
  } catch {
    return false;
  }
}
