/**
 * Everything the stand-in serves, built from the real recordings and a fixed seed, relative to `now`: the key owner
 * (this file's OWNER) and the athletes they coach (coached.ts), each with a world of their own.
 */
import { icuLegacyTimestamp, localDate } from '../time';
import type { Json, SeededActivity, UploadedActivity, Wellness } from '../types';
import { stravaActivity, uploadedActivity } from './activities';
import { ATHLETE_ID, athlete, type SportSettingsSeed, sportSettings, TIMEZONE } from './athlete';
import { COACHED } from './coached';
import { type EventSeed, events } from './events';
import { PLACEMENTS, type RecordingPlacement, type StravaPlacement } from './recordings';
import { OWNER_WELLNESS, WELLNESS_DAYS, type WellnessProfile, weightOn, weights, wellnessHistory } from './wellness';
import { plannedWorkouts } from './workouts';

export interface SeedData {
  /** The instant the seed was built for. */
  now: Date;
  timezone: string;
  /** Today in the athlete's time zone. */
  today: string;
  athlete: Json;
  sportSettings: SportSettingsSeed[];
  /** Newest first. */
  activities: SeededActivity[];
  wellness: Map<string, Wellness>;
  events: EventSeed[];
}

/** What one seeded athlete is made of. */
export interface AthleteSpec {
  id: string;
  timezone: string;
  /** Sport settings, created at `created`. */
  sportSettings(created: string): SportSettingsSeed[];
  /** GET /athlete/{id} without sportSettings' live values (WithSportSettings); `icuWeight` is the latest weight. */
  profile(settings: SportSettingsSeed[], icuWeight: number, created: string): Json;
  placements: (RecordingPlacement | StravaPlacement)[];
  wellness: WellnessProfile;
  /** Calendar events (notes, seasons, planned workouts). */
  events(today: string, now: Date, settings: SportSettingsSeed[]): EventSeed[];
  /** false: rides and runs recorded without power (default true). */
  powerMeter?: boolean;
  /** Resting HR the activities record (default 48). */
  restingHR?: number;
}

/** The key owner, Alex (seed/athlete.ts): the data every test before coaching was written against. */
export const OWNER: AthleteSpec = {
  id: ATHLETE_ID,
  timezone: TIMEZONE,
  sportSettings,
  profile: athlete,
  placements: PLACEMENTS,
  wellness: OWNER_WELLNESS,
  events: (today, now, settings) => [...events(today, now), ...plannedWorkouts(today, now, settings)],
};

/** Who coaches whom at the start (coach id → coached ids); see FakeState.revokeCoaching. */
export const COACHING: Record<string, string[]> = { [ATHLETE_ID]: COACHED.map((c) => c.id) };

export function buildAthleteSeed(spec: AthleteSpec, now: Date): SeedData {
  const today = localDate(now, spec.timezone);
  const created = icuLegacyTimestamp(new Date(now.getTime() - (WELLNESS_DAYS + 300) * 86_400_000));
  const settings = spec.sportSettings(created);
  const recordedWeights = weights(today, spec.wellness);
  const ctx = {
    today,
    timezone: spec.timezone,
    settings,
    weightOn: (day: string) => weightOn(recordedWeights, day),
    athleteId: spec.id,
    powerMeter: spec.powerMeter,
    restingHR: spec.restingHR,
  };

  const activities: SeededActivity[] = spec.placements.map((p) =>
    p.kind === 'upload' ? uploadedActivity(p, ctx) : stravaActivity(p, ctx),
  );
  activities.sort((a, b) => startOf(b).localeCompare(startOf(a)));

  const loads = new Map<string, number>();
  for (const a of activities) {
    if (a.kind !== 'upload') continue;
    const day = a.activity.start_date_local.slice(0, 10);
    loads.set(day, (loads.get(day) ?? 0) + Number(a.activity.icu_training_load ?? 0));
  }
  const wellness = wellnessHistory(today, now, recordedWeights, loads, spec.wellness);
  for (const a of activities) {
    if (a.kind !== 'upload') continue;
    const w = wellness.get(a.activity.start_date_local.slice(0, 10));
    if (w?.ctl !== undefined) a.activity.icu_ctl = w.ctl;
    if (w?.atl !== undefined) a.activity.icu_atl = w.atl;
  }

  return {
    now,
    timezone: spec.timezone,
    today,
    athlete: spec.profile(settings, weightOn(recordedWeights, today), created),
    sportSettings: settings,
    activities,
    wellness,
    events: spec.events(today, now, settings),
  };
}

/** The key owner's seed. */
export function buildSeed(now: Date): SeedData {
  return buildAthleteSeed(OWNER, now);
}

export function startOf(a: SeededActivity): string {
  return a.kind === 'upload' ? a.activity.start_date_local : a.stub.start_date_local;
}

export function isUpload(a: SeededActivity): a is UploadedActivity {
  return a.kind === 'upload';
}
