/** The package entry (`import { FakeServiceClient } from 'image-skill-conformance'`). */
export { FakeServiceClient, FakeServiceError, callFake, dataOf, signupAgent } from './fake/client.js';
export type { RecordedRequest, RequestMatcher, StripeDelivery, StripeDeliveryOptions, StripeEventLog, Stub, StubView, TriggerEvent, VerbDelivery } from './fake/client.js';
export { startFakeService, type RunningFake, type StartFakeOptions } from './fake/index.js';
export { StubError } from './fake/stubs/validate.js';
