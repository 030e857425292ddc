/**
 * Planned workouts (category WORKOUT) from today to three weeks ahead, the same for every seed clock: structured rides
 * with power steps and ramps in % FTP and in watts, runs with pace targets, and workouts with heart-rate targets.
 * Two are on today, so "today's workout" exists. `moving_time`, `icu_training_load`, `icu_intensity`, `target` and the
 * `description` (intervals.icu's text format) are all derived from the steps, as intervals.icu derives them.
 */
import { addDays, icuTimestamp } from '../time';
import { type DocStep, describe, estimateLoad, type Step, type Thresholds, workoutDoc } from '../workouts/doc';
import { ATHLETE_ID, type SportSettingsSeed, settingsFor } from './athlete';
import type { EventSeed } from './events';

export interface PlannedWorkout {
  id: number;
  day: number;
  /** Local time of day; intervals.icu plans without a time at midnight. */
  time?: string;
  type: 'Ride' | 'VirtualRide' | 'Run';
  name: string;
  indoor?: boolean;
  steps: DocStep[];
}

export const ftp = (value: number, extra: Partial<Step> = {}) => ({ power: { value, units: '%ftp' }, ...extra });
export const ftpRange = (start: number, end: number, extra: Partial<Step> = {}) => ({
  power: { start, end, units: '%ftp' },
  ...extra,
});
export const watts = (start: number, end = start) =>
  start === end ? { power: { value: start, units: 'w' } } : { power: { start, end, units: 'w' } };
export const lthr = (start: number, end: number) => ({ hr: { start, end, units: '%lthr' } });
export const pace = (start: number, end = start) =>
  start === end ? { pace: { value: start, units: '%pace' } } : { pace: { start, end, units: '%pace' } };
export const rpm = (start: number, end: number) => ({ cadence: { start, end, units: 'rpm' } });
export const min = (m: number) => m * 60;

export const PLANNED: PlannedWorkout[] = [
  {
    id: 71001,
    day: 0,
    time: '06:30:00',
    type: 'VirtualRide',
    name: 'VO2max 5×3 min',
    indoor: true,
    steps: [
      { text: 'Warmup', duration: min(12), warmup: true, ramp: true, ...ftpRange(50, 75) },
      { duration: min(3), ...ftp(65) },
      {
        text: 'Main set',
        reps: 5,
        steps: [
          { duration: min(3), ...ftp(115, rpm(95, 105)) },
          { duration: min(3), ...ftp(50) },
        ],
      },
      { text: 'Cooldown', duration: min(10), cooldown: true, ramp: true, ...ftpRange(65, 45) },
    ],
  },
  {
    id: 71002,
    day: 0,
    time: '18:00:00',
    type: 'Run',
    name: 'Cruise intervals 4×6 min',
    steps: [
      { text: 'Warmup', duration: min(12), warmup: true, ...pace(75, 82) },
      {
        reps: 4,
        steps: [
          { duration: min(6), ...pace(100, 103) },
          { duration: min(2), ...pace(70) },
        ],
      },
      { text: 'Cooldown', duration: min(8), cooldown: true, ...pace(72) },
    ],
  },
  {
    id: 70004,
    day: 1,
    type: 'Ride',
    name: 'Sweet spot 3×12',
    indoor: true,
    steps: [
      { text: 'Warmup', duration: min(15), warmup: true, ramp: true, ...ftpRange(55, 75) },
      {
        reps: 3,
        steps: [
          { duration: min(12), ...ftpRange(88, 93, rpm(85, 95)) },
          { duration: min(4), ...ftp(55) },
        ],
      },
      { text: 'Cooldown', duration: min(10), cooldown: true, ...ftp(50) },
    ],
  },
  {
    id: 70005,
    day: 2,
    type: 'Run',
    name: 'Easy run 45 min',
    steps: [{ duration: min(45), ...lthr(82, 89) }],
  },
  {
    id: 70006,
    day: 4,
    type: 'Ride',
    name: 'Endurance 2 h',
    steps: [{ duration: min(120), ...ftpRange(60, 70) }],
  },
  {
    id: 71003,
    day: 6,
    type: 'Ride',
    name: 'Threshold 2×20 (watts)',
    steps: [
      { text: 'Warmup', duration: min(15), warmup: true, ramp: true, ...watts(150, 220) },
      {
        reps: 2,
        steps: [
          { duration: min(20), ...watts(280, 290) },
          { duration: min(5), ...watts(150) },
        ],
      },
      { text: 'Cooldown', duration: min(10), cooldown: true, ...watts(140) },
    ],
  },
  {
    id: 71004,
    day: 8,
    type: 'Run',
    name: 'Tempo run 3×10 min',
    steps: [
      { text: 'Warmup', duration: min(15), warmup: true, ...pace(78) },
      {
        reps: 3,
        steps: [
          { duration: min(10), ...pace(92, 96) },
          { duration: min(3), ...pace(75) },
        ],
      },
      { text: 'Cooldown', duration: min(10), cooldown: true, ...pace(72) },
    ],
  },
  {
    id: 71005,
    day: 9,
    type: 'Ride',
    name: 'Aerobic ride by heart rate',
    steps: [
      { text: 'Warmup', duration: min(15), warmup: true, ...lthr(65, 75) },
      { duration: min(60), ...lthr(75, 85) },
      { text: 'Cooldown', duration: min(10), cooldown: true, ...lthr(60, 70) },
    ],
  },
  {
    id: 71006,
    day: 11,
    type: 'VirtualRide',
    name: 'Over-unders 3×9 min',
    indoor: true,
    steps: [
      { text: 'Warmup', duration: min(15), warmup: true, ramp: true, ...ftpRange(50, 80) },
      {
        reps: 3,
        steps: [
          { duration: min(2), ...ftp(95) },
          { duration: min(1), ...ftp(108) },
          { duration: min(2), ...ftp(95) },
          { duration: min(1), ...ftp(108) },
          { duration: min(2), ...ftp(95) },
          { duration: min(1), ...ftp(108) },
          { duration: min(5), ...ftp(50) },
        ],
      },
      { text: 'Cooldown', duration: min(10), cooldown: true, ramp: true, ...ftpRange(60, 40) },
    ],
  },
  {
    id: 71007,
    day: 13,
    type: 'Ride',
    name: 'Sprints 8×15 s',
    steps: [
      { text: 'Warmup', duration: min(20), warmup: true, ...ftp(60) },
      {
        reps: 8,
        steps: [
          { duration: 15, ...ftp(180, rpm(100, 120)) },
          { duration: min(4) + 45, ...ftp(50) },
        ],
      },
      { text: 'Ride home', duration: min(20), freeride: true },
    ],
  },
  {
    id: 71008,
    day: 15,
    type: 'Run',
    name: 'Long run 90 min',
    steps: [
      { duration: min(80), ...pace(76, 82) },
      { text: 'Fast finish', duration: min(10), ...pace(92) },
    ],
  },
  {
    id: 71009,
    day: 18,
    type: 'VirtualRide',
    name: 'Sweet spot 2×20',
    indoor: true,
    steps: [
      { text: 'Warmup', duration: min(15), warmup: true, ramp: true, ...ftpRange(55, 75) },
      {
        reps: 2,
        steps: [
          { duration: min(20), ...ftp(90) },
          { duration: min(5), ...ftp(55) },
        ],
      },
      { text: 'Cooldown', duration: min(10), cooldown: true, ramp: true, ...ftpRange(60, 45) },
    ],
  },
  {
    id: 71010,
    day: 21,
    type: 'Ride',
    name: 'Endurance 3 h',
    steps: [{ duration: min(180), ...ftpRange(62, 72) }],
  },
];

export function thresholdsFor(settings: SportSettingsSeed[], type: string): Thresholds {
  const s = settingsFor(settings, type) ?? settings[0];
  return {
    ftp: Number(s?.ftp ?? 250),
    lthr: Number(s?.lthr ?? 165),
    thresholdPace: typeof s?.threshold_pace === 'number' ? s.threshold_pace : undefined,
  };
}

/** An Event body for a structured workout: the totals, load and text derived from the steps. */
export function workoutEvent(
  base: { id: number; start_date_local: string; type: string; name: string; indoor?: boolean },
  steps: DocStep[],
  settings: SportSettingsSeed[],
  updated: string,
  athleteId = ATHLETE_ID,
): EventSeed {
  const t = thresholdsFor(settings, base.type);
  const doc = workoutDoc(steps, t);
  const { load, intensity } = estimateLoad(steps, t);
  return {
    ...base,
    athlete_id: athleteId,
    category: 'WORKOUT',
    description: describe(steps),
    indoor: base.indoor ?? false,
    moving_time: doc.duration,
    icu_training_load: load,
    icu_intensity: intensity,
    target: doc.target ?? 'POWER',
    workout_doc: doc as unknown as Record<string, unknown>,
    updated,
  };
}

export function plannedWorkouts(
  today: string,
  now: Date,
  settings: SportSettingsSeed[],
  planned: PlannedWorkout[] = PLANNED,
  athleteId = ATHLETE_ID,
): EventSeed[] {
  const updated = icuTimestamp(new Date(now.getTime() - 3 * 86_400_000));
  return planned.map((w) =>
    workoutEvent(
      {
        id: w.id,
        start_date_local: `${addDays(today, w.day)}T${w.time ?? '00:00:00'}`,
        type: w.type,
        name: w.name,
        indoor: w.indoor,
      },
      w.steps,
      settings,
      updated,
      athleteId,
    ),
  );
}
