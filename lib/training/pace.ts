/**
 * Threshold pace as intervals.icu keeps it and as athletes read it. The API stores `threshold_pace` as a speed in
 * metres per second; `pace_units` says how the sport shows pace: minutes per km or mile, or seconds per 100 m, 100 yd,
 * 500 m, 400 m or 250 m. Pure: no browser, network or storage.
 */
import type { SportSettings } from '../api/types';

export type PaceUnit = NonNullable<SportSettings['pace_units']>;

/** The distance each unit's pace is "per", in metres (a yard is exactly 0.9144 m, a mile 1609.344 m). */
export const PACE_DISTANCE_M: Readonly<Record<Exclude<PaceUnit, 'NONE'>, number>> = {
  MINS_KM: 1000,
  MINS_MILE: 1609.344,
  SECS_100M: 100,
  SECS_100Y: 91.44,
  SECS_500M: 500,
  SECS_400M: 400,
  SECS_250M: 250,
};

const LABEL: Readonly<Record<Exclude<PaceUnit, 'NONE'>, string>> = {
  MINS_KM: '/km',
  MINS_MILE: '/mi',
  SECS_100M: '/100 m',
  SECS_100Y: '/100 yd',
  SECS_500M: '/500 m',
  SECS_400M: '/400 m',
  SECS_250M: '/250 m',
};

/**
 * The paces an athlete can plausibly hold at threshold, in seconds per unit: from about 7 m/s (a fast rower or skater)
 * down to about 0.3 m/s (a slow swim) — wide enough for every sport a unit serves, narrow enough to catch a typo such
 * as 45:00 /km.
 */
const FASTEST_MPS = 7;
const SLOWEST_MPS = 0.3;

export function isPaceUnit(value: unknown): value is Exclude<PaceUnit, 'NONE'> {
  return typeof value === 'string' && Object.hasOwn(PACE_DISTANCE_M, value);
}

export function paceUnitLabel(unit: PaceUnit | null | undefined): string {
  return isPaceUnit(unit) ? LABEL[unit] : '';
}

/** Seconds per unit distance for a speed in m/s (null for no speed or no unit). */
export function speedToPaceSecs(metresPerSecond: number | null | undefined, unit: PaceUnit | null | undefined) {
  if (!isPaceUnit(unit) || typeof metresPerSecond !== 'number' || !(metresPerSecond > 0)) return null;
  return PACE_DISTANCE_M[unit] / metresPerSecond;
}

/** m/s for a pace in seconds per unit distance. */
export function paceSecsToSpeed(secs: number, unit: Exclude<PaceUnit, 'NONE'>): number {
  return PACE_DISTANCE_M[unit] / secs;
}

/** "4:20" for 260 s (rounded to the second; hours as "1:05:00"). */
export function formatPace(secs: number | null | undefined): string {
  if (typeof secs !== 'number' || !Number.isFinite(secs) || secs <= 0) return '';
  const whole = Math.round(secs);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The slowest and fastest threshold pace accepted in `unit`, in whole seconds per unit. */
export function paceBounds(unit: Exclude<PaceUnit, 'NONE'>): { fastest: number; slowest: number } {
  const distance = PACE_DISTANCE_M[unit];
  return { fastest: Math.ceil(distance / FASTEST_MPS), slowest: Math.floor(distance / SLOWEST_MPS) };
}

/** "m:ss" (or "h:mm:ss") → seconds; undefined when it is not written that way. */
export function parsePace(text: string): number | undefined {
  const match = /^\s*(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)\s*$/.exec(text);
  if (!match) return undefined;
  const [, h, m, s] = match;
  if (h !== undefined && Number(m) > 59) return undefined;
  return Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s);
}
