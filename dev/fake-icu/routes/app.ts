/**
 * What route handlers share: state, clock and the lookups with intervals.icu's error answers.
 *
 * Who may see whom: a key belongs to one athlete (the caller); it may read and write the caller and the athletes the
 * caller coaches (state.mayAccess). Athlete `0` is the caller. Any other athlete id, seeded or not, answers 403
 * `{"status":403,"error":"Access denied"}`: the live API answers that for an athlete a key may not read, and for an
 * unknown id it plausibly does the same (assumed: a refusal that does not reveal which ids exist; forum reports of
 * wrong ids all quote the 403). An activity answers 404 when no athlete has it and 403 when its athlete is not
 * visible to the key.
 */

import type { AthleteState } from '../athlete-state';
import { error, type Reply } from '../http';
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

/** Today in the athlete's time zone. */
export function today(app: App, athlete: AthleteState): string {
  return localDate(app.now(), athlete.timezone);
}

export function nowLocal(app: App, athlete: AthleteState): string {
  return localDateTime(app.now(), athlete.timezone);
}

export const accessDenied = () => error(403, 'Access denied');

/** The athlete `{id}` names for the key's owner (`caller`), or 403 when the key may not see them. */
export function athleteFor(app: App, caller: string, id: string | undefined): AthleteState | Reply {
  const athleteId = id === '0' ? caller : (id ?? '');
  const athlete = app.state.athlete(athleteId);
  if (!athlete || !app.state.mayAccess(caller, athleteId)) return accessDenied();
  return athlete;
}

export const STRAVA_REFUSAL = 'Cannot read Strava activities via the API';

/** An activity of any athlete the caller may see, with its athlete; 404 if nobody has it, 403 if not theirs to see. */
export function findActivity(
  app: App,
  caller: string,
  id: string | undefined,
): { athlete: AthleteState; activity: SeededActivity } | Reply {
  for (const athlete of app.state.athletes.values()) {
    const activity = athlete.activities.find((a) => a.id === id);
    if (!activity) continue;
    return app.state.mayAccess(caller, athlete.id) ? { athlete, activity } : accessDenied();
  }
  return error(404, `Activity not found: ${id}`);
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'status' in value && !('kind' in value);
}
