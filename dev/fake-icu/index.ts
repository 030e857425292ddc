/** Public entry of the stand-in for tests, e2e and the demo. */
export type { AthleteState } from './athlete-state';
export type { Fault, FaultKind, FaultSpec, Faults } from './faults';
export { assertValidResponse, findTemplate, validateRequestBody, validateResponse } from './openapi-validate';
export { ATHLETE_ID } from './seed/athlete';
export { HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID } from './seed/coached';
export {
  createFakeIcu,
  type FakeIcu,
  type FakeIcuOptions,
  type SeededAthlete,
  type SeedSummary,
} from './server';
export type { FakeState, RequestLogEntry, StateSnapshot } from './state';
