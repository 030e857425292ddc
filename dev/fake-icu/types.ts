import type { components } from '../../lib/api/schema';

/** Shapes the stand-in serves, named as in the spec. Only what the code needs is typed; tests check the rest. */
export type Json = Record<string, unknown>;

/** Wellness (camelCase, as in the spec; the generated type). `id` is the local day "YYYY-MM-DD". */
export type Wellness = components['schemas']['Wellness'] & { id: string };

/** Wellness fields the server computes; a PUT that sends them is not allowed to change them. */
export const COMPUTED_WELLNESS_FIELDS = ['id', 'ctl', 'atl', 'rampRate', 'ctlLoad', 'atlLoad', 'sportInfo', 'updated'];

export interface IcuInterval extends Json {
  id: number;
  type: 'WORK' | 'RECOVERY';
  label: string;
  start_index: number;
  end_index: number;
  start_time: number;
  end_time: number;
}

export interface IcuStream {
  type: string;
  data: (number | null)[];
  data2?: (number | null)[];
  valueTypeIsArray: boolean;
  custom: boolean;
  allNull: boolean;
}

/** Best efforts of one activity at the standard durations (see seed/power.ts). */
export interface PowerEfforts {
  secs: number[];
  /** Mean watts per duration (unrounded), null past the activity's length. */
  watts: (number | null)[];
  /** Stream indices of each best window. */
  startIndex: (number | null)[];
  endIndex: (number | null)[];
}

/** An activity uploaded from one of the FIT files. */
export interface UploadedActivity {
  kind: 'upload';
  id: string;
  file: string;
  /** The Activity body (without icu_intervals / icu_groups). */
  activity: Json & { id: string; type: string; start_date_local: string; icu_weight?: number };
  intervals: IcuInterval[];
  streams: IcuStream[];
  /** Stream `time` and `watts` (for power curves and fatigued curves). */
  time: number[];
  watts: (number | null)[];
  efforts: PowerEfforts;
  /** What identifies the recording for duplicate checks: its first record's time, its device, the file's hash. */
  recorded: { start: string; device: string; sha256?: string };
}

/** An activity imported from Strava: the API only shows the Hidden stub. */
export interface StravaActivity {
  kind: 'strava';
  id: string;
  stub: { id: string; icu_athlete_id: string; start_date_local: string; source: 'STRAVA'; _note: string };
}

export type SeededActivity = UploadedActivity | StravaActivity;
