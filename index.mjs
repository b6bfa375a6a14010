// The package entry (`import { FakeServiceClient } from 'image-skill-conformance'`): the
// TypeScript sources in a checkout (run under tsx or Playwright), the build in an installed package.
import { existsSync } from 'node:fs';

const sources = new URL('./harness/index.ts', import.meta.url);
const api = existsSync(sources) ? await import(sources.href) : await import('./dist/harness/index.js');

export const { FakeServiceClient, FakeServiceError, callFake, dataOf, signupAgent, startFakeService, StubError } = api;
