/** Everything the stand-in serves, built from the real recordings and a fixed seed, relative to `now`. */
import { icuLegacyTimestamp, localDate } from '../time';
import type { Json, SeededActivity, UploadedActivity, Wellness } from '../types';
import { stravaActivity, uploadedActivity } from './activities';
import { athlete, type SportSettingsSeed, sportSettings, TIMEZONE } from './athlete';
import { type EventSeed, events } from './events';
import { PLACEMENTS } from './recordings';
import { WELLNESS_DAYS, weightOn, weights, wellnessHistory } from './wellness';
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

export function buildSeed(now: Date): SeedData {
  const today = localDate(now, TIMEZONE);
  const created = icuLegacyTimestamp(new Date(now.getTime() - (WELLNESS_DAYS + 300) * 86_400_000));
  const settings = sportSettings(created);
  const recordedWeights = weights(today);
  const ctx = { today, timezone: TIMEZONE, settings, weightOn: (day: string) => weightOn(recordedWeights, day) };

  const activities: SeededActivity[] = PLACEMENTS.map((p) =>
    p.kind === 'upload' ? uploadedActivity(p, ctx) : stravaActivity(p, ctx),
  );
  activities.sort((a, b) => startOf(b).localeCompare(startOf(a)));

  const loads = new Map<string, number>();
  for (const a of activities) {
    if (a.kind !== 'upload') continue;
    const day = a.activity.start_date_local.slice(0, 10);
    loads.set(day, (loads.get(day) ?? 0) + Number(a.activity.icu_training_load ?? 0));
  }
  const wellness = wellnessHistory(today, now, recordedWeights, loads);
  for (const a of activities) {
    if (a.kind !== 'upload') continue;
    const w = wellness.get(a.activity.start_date_local.slice(0, 10));
    if (w?.ctl !== undefined) a.activity.icu_ctl = w.ctl;
    if (w?.atl !== undefined) a.activity.icu_atl = w.atl;
  }

  return {
    now,
    timezone: TIMEZONE,
    today,
    athlete: athlete(settings, weightOn(recordedWeights, today), created),
    sportSettings: settings,
    activities,
    wellness,
    events: [...events(today, now), ...plannedWorkouts(today, now, settings)],
  };
}

export function startOf(a: SeededActivity): string {
  return a.kind === 'upload' ? a.activity.start_date_local : a.stub.start_date_local;
}

export function isUpload(a: SeededActivity): a is UploadedActivity {
  return a.kind === 'upload';
}
