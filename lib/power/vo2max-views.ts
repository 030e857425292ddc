/**
 * What the background answers for VO2max (lib/messages.ts): plain data, computed by entrypoints/background/services/
 * vo2max.ts with the rules of vo2max-rules.ts.
 */
import type { ActivityEffort, Vo2maxResult, WindowSummary } from './vo2max-rules';

/** `getVo2max`: the card's windows from one power-curves request, with the weights to choose from. */
export interface Vo2maxOverview {
  /** One per VO2MAX_WINDOWS entry, in that order. */
  windows: WindowSummary[];
  /** The athlete profile's weight; fetched only when a window has neither a wellness nor a curve weight. */
  athleteWeight: number | null;
  /** Athlete-local today when fetched ("YYYY-MM-DD"). */
  today: string;
  fetchedAt: number;
}

/** `getVo2maxTrend`: every ride's best 5 minutes over the trend's range; the weeks are computed by `weeklyTrend`. */
export interface Vo2maxTrendData {
  today: string;
  efforts: ActivityEffort[];
  /** Rides left out because their type cannot count (e-bikes, handcycles). */
  excluded: number;
  athleteWeight: number | null;
  fetchedAt: number;
}

/** `getActivityVo2max`: one activity's 5-minute power and estimate, or why there is none. */
export interface ActivityVo2max {
  activityId: string;
  /** Local ISO day of the activity, when known. */
  date: string | null;
  type: string | null;
  /** Mean-maximal 5-minute power; null when the activity has none. */
  watts: number | null;
  /** Where the 5-minute power came from: the activity's power curve, or its watts stream through lib/power. */
  powerFrom: 'curve' | 'stream' | null;
  /** The weights on offer (the override is applied on top, from settings). */
  weights: { wellness: number | null; curve: number | null; athlete: number | null };
  icuVo2max5m: number | null;
  /** With the formula and weight override stored in settings when the answer was made. */
  result: Vo2maxResult;
}
