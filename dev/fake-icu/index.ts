/** Public entry of the stand-in for tests, e2e and the demo. */
export type { Fault, FaultKind, FaultSpec, Faults } from './faults';
export { assertValidResponse, findTemplate, validateRequestBody, validateResponse } from './openapi-validate';
export { createFakeIcu, type FakeIcu, type FakeIcuOptions, type SeedSummary } from './server';
export type { FakeState, RequestLogEntry, StateSnapshot } from './state';
