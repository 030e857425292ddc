/**
 * Planned workouts as the surfaces show them (the popup's Plan section, the in-page download buttons), built by the
 * background from intervals.icu's events, and the file names they download under.
 *
 * Pure.
 */
import type { Event } from '../api/types';
import { safeNamePart } from '../export/names';
import type { WorkoutFormat } from './formats';
import { targetsOf, type WorkoutTargets } from './targets';

export interface PlannedWorkoutView {
  id: number;
  /** Athlete-local day, "2026-12-04". */
  date: string;
  /** "06:30" when planned at a time of day; null for a day's workout (intervals.icu plans those at midnight). */
  time: string | null;
  name: string;
  /** intervals.icu activity type ("Ride", "Run", …), or null. */
  sport: string | null;
  movingTimeSecs: number | null;
  load: number | null;
  /** The first lines of its description (at most DESCRIPTION_LINES, each cut to DESCRIPTION_CHARS). */
  descriptionLines: string[];
  targets: WorkoutTargets;
}

export interface PlanView {
  /** The athlete's today: the first day shown. */
  today: string;
  /** The last day shown (today + PLAN_DAYS - 1). */
  newest: string;
  /** Structured and unstructured workouts, in time order. */
  workouts: PlannedWorkoutView[];
  fetchedAt: number;
}

/** Today and the next 7 days. */
export const PLAN_DAYS = 8;
export const DESCRIPTION_LINES = 3;
const DESCRIPTION_CHARS = 120;

const numberOrNull = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export function toPlannedWorkout(event: Event): PlannedWorkoutView {
  const start = event.start_date_local ?? '';
  const time = /T(\d{2}:\d{2})/.exec(start)?.[1] ?? null;
  return {
    id: event.id as number,
    date: start.slice(0, 10),
    time: time === '00:00' ? null : time,
    name: event.name?.trim() || 'Workout',
    sport: event.type ?? null,
    movingTimeSecs: numberOrNull(event.moving_time),
    load: numberOrNull(event.icu_training_load),
    descriptionLines: (event.description ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, DESCRIPTION_LINES)
      .map((line) => (line.length > DESCRIPTION_CHARS ? `${line.slice(0, DESCRIPTION_CHARS - 1)}…` : line)),
    targets: targetsOf(event.workout_doc),
  };
}

/** `2026-12-04_VO2max-5×3-min.zwo`: the day, the workout's name, safe on every OS (lib/export/names.ts). */
export function workoutFileName(workout: Pick<PlannedWorkoutView, 'date' | 'name'>, format: WorkoutFormat): string {
  return `${safeNamePart(workout.date, 'undated')}_${safeNamePart(workout.name, 'workout')}.${format}`;
}

/** The zip of a plan's workouts: `2026-12-04_to_2026-12-11_workouts_zwo.zip`. */
export function planZipName(plan: Pick<PlanView, 'today' | 'newest'>, format: WorkoutFormat): string {
  return `${plan.today}_to_${plan.newest}_workouts_${format}.zip`;
}

/** Whether intervals.icu can convert it to a file: it has structured steps. */
export const isDownloadable = (workout: PlannedWorkoutView) => workout.targets.steps > 0;
