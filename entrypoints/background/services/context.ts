/**
 * What the background's services share: one client for the stored key, a way to try a candidate key, and a clock.
 * Every client here takes its slots from the same limiter, so the whole extension stays within intervals.icu's rate.
 */
import { IcuError, NOT_CONNECTED } from '~/lib/api/errors';
import { todayIn } from '~/lib/dates';
import { type ConnectedAthlete, connectedAthlete, readActingAthlete } from '~/lib/settings';
import { createIcuClient, type IcuClient, type RetryPolicy } from '../api/client';
import { type RateLimiter, sharedLimiter } from '../api/limiter';
import { loadApiKey } from '../store/secrets';

export interface Services {
  /** Sends the stored key. */
  client: IcuClient;
  /**
   * Sends the stored key, one attempt per call (no retries of its own): for writes whose retries are scheduled and
   * recorded by the caller, like the wellness outbox, which must know when each attempt went out. Optional for
   * hand-made test services; `createServices` always sets it.
   */
  singleAttemptClient?: IcuClient;
  /** Sends `apiKey` instead: for checking a key before it is stored. */
  clientFor(apiKey: string): IcuClient;
  now(): Date;
}

export interface ServiceOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  limiter?: RateLimiter;
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
}

export function createServices(options: ServiceOptions = {}): Services {
  const { now = () => new Date(), limiter = sharedLimiter, ...clientOptions } = options;
  const make = (getApiKey: () => Promise<string | null>, retry = clientOptions.retry) =>
    createIcuClient({ ...clientOptions, retry, limiter, getApiKey });
  return {
    client: make(loadApiKey),
    singleAttemptClient: make(loadApiKey, { ...clientOptions.retry, limit: 0 }),
    clientFor: (apiKey) => make(async () => apiKey),
    now,
  };
}

export { NOT_CONNECTED };

/**
 * The athlete a request acts on: `athleteId` when the surface names one (an intervals.icu page of a coached athlete),
 * else the one chosen in the switcher, else the key's owner. Only the owner and athletes `GET /athletes` listed are
 * accepted; a stale choice falls back to the owner. An `auth` error when no key is connected.
 */
export async function requireAthlete(athleteId?: string): Promise<ConnectedAthlete> {
  const athlete = await readActingAthlete(athleteId);
  if (athlete) return athlete;
  if (!(await connectedAthlete.getValue())) throw new IcuError({ kind: 'auth', message: NOT_CONNECTED });
  throw new IcuError({ kind: 'auth', status: 403, message: `Your key does not coach or follow athlete ${athleteId}.` });
}

/** Today in the athlete's own time zone, by the services' clock. */
export const athleteToday = (services: Services, athlete: ConnectedAthlete): string =>
  todayIn(athlete.timezone, services.now());
