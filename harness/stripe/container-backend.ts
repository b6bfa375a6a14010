/**
 * Backend (1): stripe-mock in a container started with testcontainers. Used only when an engine
 * answers within a short deadline and the image is already present locally (we never pull:
 * the harness must not reach beyond this machine).
 */
import type { ContainerRuntimeClient } from 'testcontainers';

// testcontainers (and its Docker client) load on first use, not with every Stripe backend.
const testcontainers = () => import('testcontainers');
import { isLocalDockerHost, isLoopbackHost } from './loopback.js';
import { containerEngineHintsHere } from './engine-hints.js';

export const STRIPE_MOCK_PORT = 12111;
const DEFAULT_IMAGE = 'stripe/stripe-mock:latest';
const REAPER_IMAGE = 'testcontainers/ryuk:0.14.0';

export interface RunningStripeMock {
  url: string;
  stop(): Promise<void>;
}

/** Resolves to the reason as a string when the deadline passes first. */
function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`${what} did not answer within ${ms} ms`), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function reachableRuntime(timeoutMs: number, notes: string[]): Promise<ContainerRuntimeClient | null> {
  if (!isLocalDockerHost(process.env.DOCKER_HOST)) {
    notes.push(`testcontainers skipped: DOCKER_HOST=${process.env.DOCKER_HOST} is not on this machine`);
    return null;
  }
  const hints = containerEngineHintsHere();
  if (hints.found === null) {
    notes.push(`testcontainers skipped: no container engine configured here (looked at ${hints.looked.join(', ')})`);
    return null;
  }
  // A runtime that never settles would keep waiting forever; swallow its late rejection.
  const attempt = (await testcontainers()).getContainerRuntimeClient();
  attempt.catch(() => undefined);
  try {
    const outcome = await withDeadline(attempt, timeoutMs, 'container runtime');
    if (typeof outcome === 'string') {
      notes.push(`testcontainers skipped: ${outcome}`);
      return null;
    }
    return outcome;
  } catch (error) {
    notes.push(`testcontainers skipped: no container engine reachable (${message(error)})`);
    return null;
  }
}

async function imagePresent(client: ContainerRuntimeClient, image: string, timeoutMs: number): Promise<boolean | string> {
  try {
    const { ImageName } = await testcontainers();
    return await withDeadline(client.image.exists(ImageName.fromString(image)), timeoutMs, `image lookup for ${image}`);
  } catch (error) {
    return message(error);
  }
}

export async function startStripeMockContainer(timeoutMs: number, notes: string[]): Promise<RunningStripeMock | null> {
  const client = await reachableRuntime(timeoutMs, notes);
  if (!client) return null;
  const image = process.env.STRIPE_MOCK_IMAGE ?? DEFAULT_IMAGE;
  const present = await imagePresent(client, image, timeoutMs);
  if (present !== true) {
    notes.push(`testcontainers skipped: image ${image} is not present locally and is never pulled` +
      (typeof present === 'string' ? ` (${present})` : ''));
    return null;
  }
  if (process.env.TESTCONTAINERS_RYUK_DISABLED !== 'true' && (await imagePresent(client, REAPER_IMAGE, timeoutMs)) !== true) {
    // The reaper would need a pull; we stop our container ourselves instead.
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    notes.push(`testcontainers: reaper image ${REAPER_IMAGE} absent, reaper disabled (stop() removes the container)`);
  }
  try {
    const { GenericContainer, Wait } = await testcontainers();
    const container = await new GenericContainer(image)
      .withExposedPorts(STRIPE_MOCK_PORT)
      .withWaitStrategy(Wait.forListeningPorts())
      .withStartupTimeout(30_000)
      .start();
    const host = container.getHost();
    if (!isLoopbackHost(host)) {
      await container.stop();
      notes.push(`testcontainers skipped: container host ${host} is not loopback`);
      return null;
    }
    const url = `http://${host === 'localhost' ? '127.0.0.1' : host}:${container.getMappedPort(STRIPE_MOCK_PORT)}`;
    return { url, stop: async () => void (await container.stop()) };
  } catch (error) {
    notes.push(`testcontainers skipped: starting ${image} failed (${message(error)})`);
    return null;
  }
}
