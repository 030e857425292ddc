/**
 * What goes into a VO2max estimate, decided in one place: which sports count, the best 5-minute effort of each
 * window of an athlete power curve, which weight is used, why no estimate is offered, and the weekly trend.
 *
 * Rules (README "VO2max"):
 * - Cycling power only. Runs are refused (running power follows other physiology and other meters), and so are e-bike
 *   rides (the recorded power may include the motor's) and handcycling (arm cranking: both formulas were fitted to
 *   leg cycling). Every other activity type has no cycling power to speak of.
 * - The effort is the window's best mean power over 300 s (the curve's `values` at `secs` = 300), from the activity
 *   the curve names for it.
 * - Weight: the user's override, else the wellness weight recorded on the effort's date, else the curve's (or the
 *   activity's) `weight`, else the athlete profile's. No weight → no number, and the card says what to enter.
 *
 * Pure: no browser, Node or network imports (types only).
 */
import { addDays, isoDayOf } from '../dates';
import {
  DEFAULT_VO2MAX_FORMULA,
  estimateVo2max,
  POWER_5MIN_MAX_WATTS,
  type Vo2maxFormulaId,
  WEIGHT_KG_RANGE,
} from './vo2max';

export const FIVE_MINUTES_SECS = 300;

// ---- windows ------------------------------------------------------------------------------------------------------

/** The windows of the popup card, as `curves=` ids of `/athlete/{id}/power-curves`, in selector order. */
export const VO2MAX_WINDOWS = [
  { id: '42d', label: '42 days', short: '42 d' },
  { id: '90d', label: '90 days', short: '90 d' },
  { id: 's0', label: 'This season', short: 'Season' },
  { id: '1y', label: '1 year', short: '1 y' },
  { id: 'all', label: 'All time', short: 'All' },
] as const;

export type Vo2maxWindowId = (typeof VO2MAX_WINDOWS)[number]['id'];
export const DEFAULT_VO2MAX_WINDOW: Vo2maxWindowId = '42d';

export function isVo2maxWindowId(value: unknown): value is Vo2maxWindowId {
  return VO2MAX_WINDOWS.some((w) => w.id === value);
}

// ---- sports and reasons ------------------------------------------------------------------------------------------

/** Leg-powered bicycles whose power meter measures the rider. */
export const CYCLING_TYPES: ReadonlySet<string> = new Set([
  'Ride',
  'VirtualRide',
  'GravelRide',
  'MountainBikeRide',
  'TrackRide',
  'Cyclocross',
  'Velomobile',
]);
const RUNNING_TYPES: ReadonlySet<string> = new Set(['Run', 'VirtualRun', 'TrailRun']);
const EBIKE_TYPES: ReadonlySet<string> = new Set(['EBikeRide', 'EMountainBikeRide']);

export type NotOfferedReason =
  | 'running'
  | 'ebike'
  | 'handcycle'
  | 'not-cycling'
  | 'strava'
  | 'no-power'
  | 'too-short'
  | 'no-effort'
  | 'no-weight';

/** Why an activity type gets no estimate, or null when it is cycling with a rider's power. */
export function sportReason(type: string | null | undefined): NotOfferedReason | null {
  if (type && CYCLING_TYPES.has(type)) return null;
  if (type && RUNNING_TYPES.has(type)) return 'running';
  if (type && EBIKE_TYPES.has(type)) return 'ebike';
  if (type === 'Handcycle') return 'handcycle';
  return 'not-cycling';
}

// ---- the best 5 minutes of a curve --------------------------------------------------------------------------------

/** The shape of an athlete power curve entry this module reads (spec DataCurve plus what the live API sends). */
export interface CurveLike {
  id?: string;
  label?: string;
  secs?: readonly number[];
  values?: readonly number[];
  /** `/activity/{id}/power-curve` sends `watts` beside `values`. */
  watts?: readonly number[];
  activity_id?: readonly string[];
  weight?: number;
  vo2max_5m?: number;
  /** The window's first day as intervals.icu resolved it (e.g. the season's start for `s0`). */
  start_date_local?: string;
}

export interface ActivityLike {
  id?: string;
  name?: string;
  type?: string;
  start_date_local?: string;
}

/** The 5-minute power of a curve (values or watts at secs = 300), or null when the curve has none above 0 W. */
export function fiveMinuteWatts(curve: CurveLike): number | null {
  const i = curve.secs?.indexOf(FIVE_MINUTES_SECS) ?? -1;
  if (i < 0) return null;
  const w = curve.values?.[i] ?? curve.watts?.[i];
  return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : null;
}

export interface FiveMinuteEffort {
  /** Mean watts over the best 300 s. */
  watts: number;
  activityId: string | null;
  activityName: string | null;
  activityType: string | null;
  /** The activity's local ISO day, when known. */
  date: string | null;
}

export interface WindowSummary {
  id: string;
  label: string;
  /** The best 5 minutes in the window (null: no ride reached 5 minutes). */
  effort: FiveMinuteEffort | null;
  /** Set when the effort exists but its activity cannot count (an e-bike ride in the sport's curve). */
  excluded: NotOfferedReason | null;
  /** The curve's `weight` (kg), if any. */
  curveWeight: number | null;
  /** intervals.icu's own `vo2max_5m` for this curve, if it sent one. */
  icuVo2max5m: number | null;
  /** Wellness weight recorded on the effort's date; filled in by the background after a lookup. */
  wellnessWeight: number | null;
  /** The window's first day, as intervals.icu sent it (absent in cards cached by older versions). */
  since?: string | null;
}

/** Only positive finite numbers count as a value; 0 and absent mean "none". */
function positive(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The best 5-minute effort of one athlete curve, with its activity from the answer's `activities`. */
export function bestFiveMinutes(
  curve: CurveLike,
  activities: Readonly<Record<string, ActivityLike | undefined>> = {},
): FiveMinuteEffort | null {
  const watts = fiveMinuteWatts(curve);
  if (watts === null) return null;
  const i = curve.secs?.indexOf(FIVE_MINUTES_SECS) ?? -1;
  const activityId = curve.activity_id?.[i] || null;
  const activity = activityId ? activities[activityId] : undefined;
  return {
    watts,
    activityId,
    activityName: activity?.name ?? null,
    activityType: activity?.type ?? null,
    date: isoDayOf(activity?.start_date_local),
  };
}

/**
 * One summary per requested window, in the order asked, matched by curve `id` (falling back to position when the
 * answer has no ids). A window the answer lacks gets no effort.
 */
export function summarizeWindows(
  answer: { list?: readonly CurveLike[]; activities?: Readonly<Record<string, ActivityLike | undefined>> },
  windows: readonly { id: string; label: string }[] = VO2MAX_WINDOWS,
): WindowSummary[] {
  const list = answer.list ?? [];
  return windows.map((w, index) => {
    const curve = list.find((c) => c.id === w.id) ?? (list.every((c) => c.id === undefined) ? list[index] : undefined);
    const effort = curve ? bestFiveMinutes(curve, answer.activities) : null;
    // A type we know nothing about (activity missing from the answer) counts: the curve was asked for rides.
    const reason = effort?.activityType ? sportReason(effort.activityType) : null;
    return {
      id: w.id,
      label: w.label,
      effort,
      excluded: reason,
      curveWeight: positive(curve?.weight),
      icuVo2max5m: positive(curve?.vo2max_5m),
      wellnessWeight: null,
      since: isoDayOf(curve?.start_date_local),
    };
  });
}

// ---- weight ------------------------------------------------------------------------------------------------------

export type WeightSource = 'override' | 'wellness' | 'curve' | 'athlete';

export interface WeightCandidates {
  override?: number | null;
  wellness?: number | null;
  curve?: number | null;
  athlete?: number | null;
}

export interface ResolvedWeight {
  kg: number;
  source: WeightSource;
}

const WEIGHT_ORDER: readonly WeightSource[] = ['override', 'wellness', 'curve', 'athlete'];

export function isUsableWeight(kg: unknown): kg is number {
  return typeof kg === 'number' && Number.isFinite(kg) && kg >= WEIGHT_KG_RANGE.min && kg <= WEIGHT_KG_RANGE.max;
}

/** The first usable weight in the order override → wellness on the effort's date → curve → athlete profile. */
export function resolveWeight(candidates: WeightCandidates): ResolvedWeight | null {
  for (const source of WEIGHT_ORDER) {
    const kg = candidates[source];
    if (isUsableWeight(kg)) return { kg, source };
  }
  return null;
}

export type WeightInput = { ok: true; kg: number } | { ok: false; message: string };

/** Reads a weight typed by the user ("71.5", "71,5", " 70 kg "); kilograms, 20–300, at most one decimal kept. */
export function parseWeightInput(text: string): WeightInput {
  const cleaned = text
    .trim()
    .replace(/\s*kg$/i, '')
    .replace(',', '.');
  if (cleaned === '') return { ok: false, message: 'Enter your weight in kilograms, for example 70.5.' };
  if (!/^\d+(\.\d+)?$/.test(cleaned)) {
    return { ok: false, message: `“${text.trim()}” is not a number of kilograms. Use digits, for example 70.5.` };
  }
  const kg = Math.round(Number(cleaned) * 10) / 10;
  if (!isUsableWeight(kg)) {
    return {
      ok: false,
      message: `Weight must be between ${WEIGHT_KG_RANGE.min} and ${WEIGHT_KG_RANGE.max} kg (pounds? divide by 2.2).`,
    };
  }
  return { ok: true, kg };
}

// ---- the estimate ------------------------------------------------------------------------------------------------

export type Vo2maxResult =
  | {
      ok: true;
      /** ml/kg/min, unrounded. */
      vo2max: number;
      watts: number;
      wattsPerKg: number;
      weight: ResolvedWeight;
      formula: Vo2maxFormulaId;
    }
  | { ok: false; reason: NotOfferedReason };

/** The estimate for an effort with the weights on offer, or why there is none. */
export function estimateFor(
  watts: number | null,
  weights: WeightCandidates,
  formula: Vo2maxFormulaId = DEFAULT_VO2MAX_FORMULA,
): Vo2maxResult {
  if (watts === null || !(watts > 0) || watts > POWER_5MIN_MAX_WATTS) return { ok: false, reason: 'no-effort' };
  const weight = resolveWeight(weights);
  if (!weight) return { ok: false, reason: 'no-weight' };
  return {
    ok: true,
    vo2max: estimateVo2max(watts, weight.kg, formula),
    watts,
    wattsPerKg: watts / weight.kg,
    weight,
    formula,
  };
}

/** A window's estimate: its effort, the excluded-sport check, then the weight rule. */
export function estimateWindow(
  window: WindowSummary,
  options: { formula?: Vo2maxFormulaId; override?: number | null; athleteWeight?: number | null } = {},
): Vo2maxResult {
  if (!window.effort) return { ok: false, reason: 'no-effort' };
  if (window.excluded) return { ok: false, reason: window.excluded };
  return estimateFor(
    window.effort.watts,
    {
      override: options.override,
      wellness: window.wellnessWeight,
      curve: window.curveWeight,
      athlete: options.athleteWeight,
    },
    options.formula,
  );
}

/** The value written to wellness `vo2max`: one decimal, as the wellness form takes it. */
export function roundVo2max(vo2max: number): number {
  return Math.round(vo2max * 10) / 10;
}

// ---- weekly trend ------------------------------------------------------------------------------------------------

export const TREND_WEEKS = 52;
export const TREND_WINDOW_DAYS = 42;

/** The range to fetch for the trend: the first week's 42-day window start through today. */
export function trendRange(today: string, weeks = TREND_WEEKS, windowDays = TREND_WINDOW_DAYS) {
  return { oldest: addDays(today, -7 * (weeks - 1) - (windowDays - 1)), newest: today };
}

/** One activity's best 5 minutes, as `/athlete/{id}/activity-power-curves?secs=300` gives it. */
export interface ActivityEffort {
  id: string;
  /** Local ISO day. */
  date: string;
  watts: number;
  /** The activity's `weight`. */
  curveWeight: number | null;
  /** Wellness weight recorded that day. */
  wellnessWeight: number | null;
}

export interface TrendPoint {
  /** Last day of the week (and of its 42-day window). */
  weekEnd: string;
  /** The window's best 5 minutes, or null when no ride in it reached 5 minutes. */
  effort: ActivityEffort | null;
  /** Estimate for that effort; null when there is no effort or no weight. */
  vo2max: number | null;
  weight: ResolvedWeight | null;
}

/**
 * Week by week over the last `weeks` weeks (the last one ends today, each earlier one 7 days before): the best
 * 5-minute power of the rolling `windowDays`-day window ending that week, and its estimate with the weight rule.
 * Efforts are taken as given: exclude non-cycling activities before calling.
 */
export function weeklyTrend(
  efforts: readonly ActivityEffort[],
  today: string,
  options: {
    formula?: Vo2maxFormulaId;
    override?: number | null;
    athleteWeight?: number | null;
    weeks?: number;
    windowDays?: number;
  } = {},
): TrendPoint[] {
  const weeks = options.weeks ?? TREND_WEEKS;
  const windowDays = options.windowDays ?? TREND_WINDOW_DAYS;
  const sorted = efforts.filter((e) => e.watts > 0).sort((a, b) => a.date.localeCompare(b.date));
  const points: TrendPoint[] = [];
  for (let k = weeks - 1; k >= 0; k--) {
    const weekEnd = addDays(today, -7 * k);
    const start = addDays(weekEnd, -(windowDays - 1));
    let best: ActivityEffort | null = null;
    for (const e of sorted) {
      if (e.date < start) continue;
      if (e.date > weekEnd) break;
      if (!best || e.watts > best.watts) best = e;
    }
    const result = best
      ? estimateFor(
          best.watts,
          {
            override: options.override,
            wellness: best.wellnessWeight,
            curve: best.curveWeight,
            athlete: options.athleteWeight,
          },
          options.formula,
        )
      : null;
    points.push({
      weekEnd,
      effort: best,
      vo2max: result?.ok ? result.vo2max : null,
      weight: result?.ok ? result.weight : null,
    });
  }
  return points;
}
