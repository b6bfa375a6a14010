/**
 * Whether a container engine could be configured here at all, decided from the places
 * testcontainers itself looks (its runtime strategies: tc.host / docker.host in
 * ~/.testcontainers.properties, DOCKER_HOST, /var/run/docker.sock, the rootless sockets, a
 * Windows named pipe) without loading testcontainers. Loading it and its Docker client costs
 * about half a second of CPU in every Playwright worker; where none of these exists it could
 * only fail.
 */
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface EngineHintsInput {
  env: NodeJS.ProcessEnv;
  home: string;
  uid: number;
  platform: NodeJS.Platform;
  exists: (path: string) => boolean;
}

export type EngineHints = { found: string } | { found: null; looked: string[] };

export function containerEngineHints(input: EngineHintsInput): EngineHints {
  const { env, home, uid, platform, exists } = input;
  if (env.DOCKER_HOST) return { found: `DOCKER_HOST=${env.DOCKER_HOST}` };
  if (platform === 'win32') return { found: 'a Windows named pipe may exist' };
  const properties = join(home, '.testcontainers.properties');
  const sockets = [
    '/var/run/docker.sock',
    ...(env.XDG_RUNTIME_DIR ? [join(env.XDG_RUNTIME_DIR, 'docker.sock')] : []),
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join('/run', 'user', String(uid), 'docker.sock'),
  ];
  const looked = ['DOCKER_HOST', properties, ...sockets];
  for (const path of [properties, ...sockets]) if (exists(path)) return { found: path };
  return { found: null, looked };
}

export function containerEngineHintsHere(): EngineHints {
  return containerEngineHints({ env: process.env, home: homedir(), uid: userInfo().uid, platform: process.platform, exists: existsSync });
}
