/** What route handlers share: state, clock and a few lookups with intervals.icu's error answers. */

import { error, type Reply } from '../http';
import { ATHLETE_ID } from '../seed/athlete';
import type { FakeState } from '../state';
import { localDate, localDateTime } from '../time';
import type { SeededActivity } from '../types';

export interface App {
  state: FakeState;
  /** The stand-in's clock (options.now plus the time since start). */
  now(): Date;
  /** Whether a wellness PUT with `locked: false` unlocks the day (see options.unlockable). */
  unlockable: boolean;
  /** Whether a wellness field sent as `null` is cleared (see options.nullClears; documented: it is not). */
  nullClears: boolean;
  /** Whether a sport settings PUT changes only the fields sent (see options.partialSportSettings). */
  partialSportSettings: boolean;
  /** The largest request body accepted (see options.maxUploadBytes). */
  maxUploadBytes: number;
}

export function today(app: App): string {
  return localDate(app.now(), app.state.seed.timezone);
}

export function nowLocal(app: App): string {
  return localDateTime(app.now(), app.state.seed.timezone);
}

/** Athlete `0` is the key's owner; any other athlete is not visible to this key. */
export function checkAthlete(id: string | undefined): Reply | null {
  if (id === '0' || id === ATHLETE_ID) return null;
  return error(403, 'Access denied');
}

export const STRAVA_REFUSAL = 'Cannot read Strava activities via the API';

export function findActivity(app: App, id: string | undefined): SeededActivity | Reply {
  const found = app.state.activities.find((a) => a.id === id);
  return found ?? error(404, `Activity not found: ${id}`);
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && !('kind' in value);
}
