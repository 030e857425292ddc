/** Public entry of the stand-in for tests, e2e and the demo. */
export type { Fault, FaultKind, FaultSpec } from './faults';
export { assertValidResponse, validateRequestBody, validateResponse } from './openapi-validate';
export { createFakeIcu, type FakeIcu, type FakeIcuOptions } from './server';
export type { StateSnapshot } from './state';
