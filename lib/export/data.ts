/**
 * What the background sends for a CSV export (`getExportData`): the activity's fields the export uses, with its laps,
 * and its streams when asked for. Kept apart from build.ts so the background, which only fetches, loads none of the
 * CSV code. Pure.
 */
import type { ActivityStream, ActivityWithIntervals } from '../api/types';

/** The activity fields the export uses (the background sends only these). */
export const EXPORT_ACTIVITY_FIELDS = [
  'id',
  'name',
  'type',
  'start_date_local',
  'icu_weight',
  'moving_time',
  'elapsed_time',
  'distance',
  'icu_distance',
  'icu_training_load',
  'icu_average_watts',
  'icu_weighted_avg_watts',
  'average_heartrate',
  'stream_types',
  'icu_intervals',
] as const satisfies readonly (keyof ActivityWithIntervals)[];

export type ExportActivityData = Pick<ActivityWithIntervals, (typeof EXPORT_ACTIVITY_FIELDS)[number]>;

/** What `getExportData` answers: the activity (with its laps) and, when asked for, its streams. */
export interface ExportData {
  activity: ExportActivityData;
  streams: ActivityStream[] | null;
}

export function pickExportFields(activity: ActivityWithIntervals): ExportActivityData {
  const out: Record<string, unknown> = {};
  for (const field of EXPORT_ACTIVITY_FIELDS) if (activity[field] !== undefined) out[field] = activity[field];
  return out as ExportActivityData;
}
