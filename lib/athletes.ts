/**
 * The athletes one key may act on: its owner and, for a coach, every athlete `GET /athletes` lists. Only what the
 * extension needs is kept of each profile (the API's answer carries much more, even an `icu_api_key` field): the id,
 * the name, the time zone that decides their "today", and their unit preferences.
 *
 * Pure.
 */
import type { Athlete } from './api/types';

export interface AthleteUnits {
  /** intervals.icu's `measurement_preference`: 'feet' means miles, feet and mph; anything else metric. */
  imperial: boolean;
  /** `weight_pref_lb`: weights in pounds (when the profile does not say, as imperial units go). */
  weightLb: boolean;
  /** `fahrenheit`: temperatures in °F. */
  fahrenheit: boolean;
}

export interface AthleteProfile {
  /** intervals.icu athlete id, e.g. "i12345". */
  id: string;
  name: string;
  /** IANA time zone from the athlete's profile (e.g. "Europe/Paris"); decides what "today" is for them. */
  timezone: string | null;
  units?: AthleteUnits;
}

type ProfileFields = Pick<
  Athlete,
  'id' | 'name' | 'firstname' | 'lastname' | 'timezone' | 'measurement_preference' | 'weight_pref_lb' | 'fahrenheit'
>;

/** The fields kept of an API athlete; null without an id. */
export function toAthleteProfile(athlete: ProfileFields): AthleteProfile | null {
  if (!athlete.id) return null;
  const fullName = [athlete.firstname, athlete.lastname].filter(Boolean).join(' ');
  return {
    id: athlete.id,
    name: athlete.name || fullName || athlete.id,
    timezone: athlete.timezone ?? null,
    units: {
      imperial: athlete.measurement_preference === 'feet',
      weightLb:
        typeof athlete.weight_pref_lb === 'boolean'
          ? athlete.weight_pref_lb
          : athlete.measurement_preference === 'feet',
      fahrenheit: athlete.fahrenheit === true,
    },
  };
}

/** The roster as the switcher shows it: the key's owner first, then the others by name. */
export function sortRoster(profiles: readonly AthleteProfile[], selfId: string): AthleteProfile[] {
  const unique = [...new Map(profiles.map((p) => [p.id, p])).values()];
  return unique.sort((a, b) =>
    a.id === selfId ? -1 : b.id === selfId ? 1 : a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
}
