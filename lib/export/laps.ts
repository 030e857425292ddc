/**
 * Laps CSV: one row per lap or interval of `/activity/{id}/intervals` (`icu_intervals`), for every sport. intervals.icu
 * has no laps export for runs and swims; this is it. Units are in the column names; the README documents each column
 * (a test keeps the two in step). Values the API sends are written as sent; derived ones (clock times, km/h, pace,
 * W/kg without the API's figure) are computed here. Missing values are empty cells.
 *
 * Pure: API shapes in, rows out.
 */
import type { Activity, Interval } from '../api/types';
import type { CsvCell } from './csv';
import { hms, localPlus, paceText, paceUnitOf, round } from './time';

/** What the laps need from the activity: its start (for clock times), sport (for pace) and weight (for W/kg). */
export type LapsActivity = Pick<Activity, 'start_date_local' | 'type' | 'icu_weight'>;

/** One column: its header (the README's "Export" section says what each means) and how to fill it. */
export interface Column<T> {
  header: string;
  value(row: T): CsvCell;
}

interface LapContext {
  lap: Interval;
  n: number;
  activity: LapsActivity;
}

const kmh = (metresPerSecond: number | undefined) =>
  round(metresPerSecond === undefined ? null : metresPerSecond * 3.6, 2);

function pace(ctx: LapContext, unit: 'km' | '100m'): string {
  if (paceUnitOf(ctx.activity.type) !== unit) return '';
  const speed = ctx.lap.average_speed;
  if (!speed || speed <= 0) return '';
  return paceText((unit === 'km' ? 1000 : 100) / speed);
}

function wattsPerKg({ lap, activity }: LapContext): number | null {
  if (lap.average_watts_kg !== undefined) return lap.average_watts_kg;
  if (lap.average_watts === undefined || !activity.icu_weight) return null;
  return round(lap.average_watts / activity.icu_weight, 2);
}

export const LAP_COLUMNS: readonly Column<LapContext>[] = [
  { header: 'lap', value: (c) => c.n },
  { header: 'label', value: (c) => c.lap.label },
  { header: 'type', value: (c) => c.lap.type },
  { header: 'start_time', value: (c) => localPlus(c.activity.start_date_local, c.lap.start_time) },
  { header: 'end_time', value: (c) => localPlus(c.activity.start_date_local, c.lap.end_time) },
  { header: 'start_elapsed', value: (c) => hms(c.lap.start_time) },
  { header: 'end_elapsed', value: (c) => hms(c.lap.end_time) },
  { header: 'start_s', value: (c) => c.lap.start_time },
  { header: 'end_s', value: (c) => c.lap.end_time },
  { header: 'moving_time', value: (c) => hms(c.lap.moving_time) },
  { header: 'moving_time_s', value: (c) => c.lap.moving_time },
  { header: 'elapsed_time', value: (c) => hms(c.lap.elapsed_time) },
  { header: 'elapsed_time_s', value: (c) => c.lap.elapsed_time },
  { header: 'distance_m', value: (c) => c.lap.distance },
  { header: 'avg_power_w', value: (c) => c.lap.average_watts },
  { header: 'max_power_w', value: (c) => c.lap.max_watts },
  { header: 'np_w', value: (c) => c.lap.weighted_average_watts },
  { header: 'avg_w_kg', value: wattsPerKg },
  { header: 'intensity_pct', value: (c) => c.lap.intensity },
  { header: 'load', value: (c) => c.lap.training_load },
  { header: 'avg_hr_bpm', value: (c) => c.lap.average_heartrate },
  { header: 'max_hr_bpm', value: (c) => c.lap.max_heartrate },
  { header: 'avg_cadence', value: (c) => c.lap.average_cadence },
  { header: 'max_cadence', value: (c) => c.lap.max_cadence },
  { header: 'avg_speed_kmh', value: (c) => kmh(c.lap.average_speed) },
  { header: 'max_speed_kmh', value: (c) => kmh(c.lap.max_speed) },
  { header: 'pace_min_km', value: (c) => pace(c, 'km') },
  { header: 'pace_min_100m', value: (c) => pace(c, '100m') },
  { header: 'elevation_gain_m', value: (c) => c.lap.total_elevation_gain },
  { header: 'lr_balance_left_pct', value: (c) => c.lap.avg_lr_balance },
  { header: 'zone', value: (c) => c.lap.zone },
];

export const LAP_HEADERS: readonly string[] = LAP_COLUMNS.map((c) => c.header);

/** Laps in the order they happened (the API's order is not promised). */
function inOrder(intervals: readonly Interval[]): Interval[] {
  return intervals
    .map((lap, i) => ({ lap, i }))
    .sort(
      (a, b) =>
        (a.lap.start_index ?? a.lap.start_time ?? 0) - (b.lap.start_index ?? b.lap.start_time ?? 0) || a.i - b.i,
    )
    .map((x) => x.lap);
}

/** Header row, then one row per lap. An activity without laps gives the header alone. */
export function lapRows(activity: LapsActivity, intervals: readonly Interval[] | undefined): CsvCell[][] {
  const rows: CsvCell[][] = [[...LAP_HEADERS]];
  inOrder(intervals ?? []).forEach((lap, i) => {
    const ctx: LapContext = { lap, n: i + 1, activity };
    rows.push(LAP_COLUMNS.map((column) => column.value(ctx)));
  });
  return rows;
}
