/**
 * VO2max from 5-minute power, in the background.
 *
 * - Card (`getVo2max`): ONE `/athlete/{id}/power-curves?type=Ride&curves=42d,90d,s0,1y,all` request for every window,
 *   then the wellness day of each distinct effort date (usually 1–2; the windows often share their best effort), and
 *   the athlete only when a window has neither a wellness nor a curve weight. Cached; read through for 5 minutes.
 * - Trend (`getVo2maxTrend`): three requests in parallel — every ride's best 5 minutes over 12 months + 42 days from
 *   `/athlete/{id}/activity-power-curves?secs=300` (one request instead of one power-curves window per week), the
 *   activities' types (to leave e-bikes out) and the wellness weights of that range, both with `fields=` to stay small.
 * - Activity (`getActivityVo2max`): the activity (its type decides), `/activity/{id}/power-curve`, or the watts stream
 *   through `meanMaxPower` when the curve has no 5-minute value, and the wellness day. A run costs one request.
 *
 * The formula and the weight override are settings: the popup applies them itself (switching is instant); answers
 * for the content script (`getActivityVo2max`) apply the stored ones.
 */
import { IcuError } from '~/lib/api/errors';
import type { Activity, ActivityStream, PowerCurve, Wellness } from '~/lib/api/types';
import { isoDayOf, todayIn } from '~/lib/dates';
import { meanMaxPower } from '~/lib/power/mean-max';
import {
  type ActivityEffort,
  estimateFor,
  FIVE_MINUTES_SECS,
  fiveMinuteWatts,
  isUsableWeight,
  sportReason,
  summarizeWindows,
  trendRange,
  VO2MAX_WINDOWS,
} from '~/lib/power/vo2max-rules';
import type { ActivityVo2max, Vo2maxOverview, Vo2maxTrendData } from '~/lib/power/vo2max-views';
import { type ConnectedAthlete, readVo2maxFormula, readVo2maxWeightOverride } from '~/lib/settings';
import { getCached, readThrough } from '../store/cache';
import { requireAthlete, type Services } from './context';

/** The sport asked for: intervals.icu includes every activity type of the athlete's Ride sport settings. */
const SPORT = 'Ride';
export const VO2MAX_MAX_AGE_MS = 5 * 60_000;
export const TREND_MAX_AGE_MS = 60 * 60_000;
export const ACTIVITY_MAX_AGE_MS = 24 * 60 * 60_000;

export const vo2maxCacheKey = (athleteId: string) => `vo2max:${athleteId}`;
export const vo2maxTrendCacheKey = (athleteId: string) => `vo2max-trend:${athleteId}`;
export const activityVo2maxCacheKey = (athleteId: string, activityId: string) =>
  `vo2max-activity:${athleteId}:${activityId}`;

const usable = (kg: unknown): number | null => (isUsableWeight(kg) ? kg : null);

async function athleteWeight(services: Services, athleteId: string): Promise<number | null> {
  const athlete = await services.client.getAthlete(athleteId);
  return usable(athlete.icu_weight) ?? usable(athlete.weight);
}

/** Wellness weight recorded on each given day (a day with no weigh-in is absent). One request per day, in parallel. */
async function wellnessWeights(services: Services, athleteId: string, days: readonly string[]) {
  const out = new Map<string, number>();
  const answers = await Promise.all(days.map((day) => services.client.listWellness(athleteId, day, day)));
  for (const day of answers.flat()) {
    const kg = usable(day.weight);
    if (kg !== null && day.id) out.set(day.id, kg);
  }
  return out;
}

// ---- the card ----------------------------------------------------------------------------------------------------

export async function getVo2max(
  services: Services,
  request: { source: 'cache' | 'network' },
): Promise<Vo2maxOverview | null> {
  if (request.source === 'cache') {
    const athlete = await requireAthlete().catch(() => null);
    return athlete ? ((await getCached<Vo2maxOverview>(vo2maxCacheKey(athlete.id)))?.value ?? null) : null;
  }
  const athlete = await requireAthlete();
  const entry = await readThrough(vo2maxCacheKey(athlete.id), () => fetchOverview(services, athlete), {
    maxAgeMs: VO2MAX_MAX_AGE_MS,
    now: () => services.now().getTime(),
  });
  return entry.value;
}

export async function fetchOverview(services: Services, athlete: ConnectedAthlete): Promise<Vo2maxOverview> {
  const now = services.now();
  const curves = await services.client.getAthletePowerCurves(athlete.id, {
    type: SPORT,
    curves: VO2MAX_WINDOWS.map((w) => w.id),
  });
  const windows = summarizeWindows(curves);
  const dates = [...new Set(windows.flatMap((w) => (w.effort?.date && !w.excluded ? [w.effort.date] : [])))];
  const weights = await wellnessWeights(services, athlete.id, dates);
  for (const w of windows) w.wellnessWeight = (w.effort?.date && weights.get(w.effort.date)) || null;
  const needsAthlete = windows.some((w) => w.effort && !w.excluded && !w.wellnessWeight && !w.curveWeight);
  return {
    windows,
    athleteWeight: needsAthlete ? await athleteWeight(services, athlete.id) : null,
    today: todayIn(athlete.timezone, now),
    fetchedAt: now.getTime(),
  };
}

// ---- the trend ---------------------------------------------------------------------------------------------------

export async function getVo2maxTrend(services: Services): Promise<Vo2maxTrendData> {
  const athlete = await requireAthlete();
  const entry = await readThrough(vo2maxTrendCacheKey(athlete.id), () => fetchTrend(services, athlete), {
    maxAgeMs: TREND_MAX_AGE_MS,
    now: () => services.now().getTime(),
  });
  return entry.value;
}

export async function fetchTrend(services: Services, athlete: ConnectedAthlete): Promise<Vo2maxTrendData> {
  const now = services.now();
  const today = todayIn(athlete.timezone, now);
  const { oldest, newest } = trendRange(today);
  const { client } = services;
  const [payload, types, wellness] = await Promise.all([
    client.listActivityPowerCurves(athlete.id, { oldest, newest, type: SPORT, secs: [FIVE_MINUTES_SECS] }),
    client.request<Pick<Activity, 'id' | 'type'>[]>('GET', `athlete/${encodeURIComponent(athlete.id)}/activities`, {
      searchParams: { oldest, newest, fields: ['id', 'type'] },
    }),
    client.request<Pick<Wellness, 'id' | 'weight'>[]>('GET', `athlete/${encodeURIComponent(athlete.id)}/wellness`, {
      searchParams: { oldest, newest, fields: ['id', 'weight'] },
    }),
  ]);
  const typeOf = new Map(types.map((a) => [String(a.id), a.type ?? null]));
  const weightOn = new Map(
    wellness.flatMap((d) => (d.id && isUsableWeight(d.weight) ? [[d.id, d.weight] as const] : [])),
  );
  const i300 = (payload.secs ?? []).indexOf(FIVE_MINUTES_SECS);
  const efforts: ActivityEffort[] = [];
  let excluded = 0;
  for (const curve of payload.curves ?? []) {
    const watts = i300 >= 0 ? curve.watts?.[i300] : undefined;
    const date = isoDayOf(curve.start_date_local);
    if (!curve.id || !date || typeof watts !== 'number' || !(watts > 0)) continue;
    const type = typeOf.get(curve.id);
    // A type we were not told is a ride of the Ride sport, as asked; only known non-cycling types are left out.
    if (type && sportReason(type) !== null) {
      excluded++;
      continue;
    }
    efforts.push({
      id: curve.id,
      date,
      watts,
      curveWeight: usable(curve.weight),
      wellnessWeight: weightOn.get(date) ?? null,
    });
  }
  const needsAthlete = efforts.some((e) => e.wellnessWeight === null && e.curveWeight === null);
  return {
    today,
    efforts,
    excluded,
    athleteWeight: needsAthlete ? await athleteWeight(services, athlete.id) : null,
    fetchedAt: now.getTime(),
  };
}

// ---- one activity ------------------------------------------------------------------------------------------------

type ActivityFacts = Omit<ActivityVo2max, 'result'> & { reason: ActivityVo2max['result'] | null };

export async function getActivityVo2max(services: Services, request: { activityId: string }): Promise<ActivityVo2max> {
  const athlete = await requireAthlete();
  const [entry, formula, override] = await Promise.all([
    readThrough(
      activityVo2maxCacheKey(athlete.id, request.activityId),
      () => fetchActivityFacts(services, athlete, request.activityId),
      { maxAgeMs: ACTIVITY_MAX_AGE_MS, now: () => services.now().getTime() },
    ),
    readVo2maxFormula(),
    readVo2maxWeightOverride(),
  ]);
  const { reason, ...facts } = entry.value;
  const result =
    reason ??
    estimateFor(
      facts.watts,
      { override, wellness: facts.weights.wellness, curve: facts.weights.curve, athlete: facts.weights.athlete },
      formula,
    );
  return { ...facts, result };
}

async function fetchActivityFacts(
  services: Services,
  athlete: ConnectedAthlete,
  activityId: string,
): Promise<ActivityFacts> {
  const { client } = services;
  const facts: ActivityFacts = {
    activityId,
    date: null,
    type: null,
    watts: null,
    powerFrom: null,
    weights: { wellness: null, curve: null, athlete: null },
    icuVo2max5m: null,
    reason: null,
  };
  let activity: Activity;
  try {
    activity = await client.getActivity(activityId);
  } catch (error) {
    if (error instanceof IcuError && error.kind === 'strava')
      return { ...facts, reason: { ok: false, reason: 'strava' } };
    throw error;
  }
  facts.type = activity.type ?? null;
  facts.date = isoDayOf(activity.start_date_local);
  // A coach sees the athletes' activities too: the weights are the activity's own athlete's.
  const ownerId = activity.icu_athlete_id ?? athlete.id;
  const sport = sportReason(activity.type);
  if (sport) return { ...facts, reason: { ok: false, reason: sport } };

  const [curve, wellness] = await Promise.all([
    client.getActivityPowerCurve(activityId).catch((error: unknown) => {
      // No curve (never analysed, or no power): fall back to the stream below.
      if (error instanceof IcuError && error.kind === 'not-found') return null;
      throw error;
    }),
    facts.date ? wellnessWeights(services, ownerId, [facts.date]) : Promise.resolve(new Map<string, number>()),
  ]);
  facts.weights.wellness = facts.date ? (wellness.get(facts.date) ?? null) : null;
  facts.weights.curve = usable(curve?.weight) ?? usable(activity.icu_weight);
  facts.icuVo2max5m = positiveOrNull((curve as (PowerCurve & { vo2max_5m?: number }) | null)?.vo2max_5m);

  const fromCurve = curve ? fiveMinuteWatts(curve) : null;
  if (fromCurve !== null) {
    facts.watts = fromCurve;
    facts.powerFrom = 'curve';
  } else {
    const streams = await client.getStreams(activityId, ['time', 'watts']);
    const power = fromStreams(streams);
    if (power === 'no-power' || power === 'too-short') return { ...facts, reason: { ok: false, reason: power } };
    facts.watts = power;
    facts.powerFrom = 'stream';
  }
  if (facts.weights.wellness === null && facts.weights.curve === null) {
    facts.weights.athlete = await athleteWeight(services, ownerId);
  }
  return facts;
}

/** 5-minute power from the `time` and `watts` streams with lib/power (the policy of DESIGN.md). */
export function fromStreams(streams: readonly ActivityStream[]): number | 'no-power' | 'too-short' {
  const find = (...types: string[]) =>
    streams.find((s) => s.type !== undefined && types.includes(s.type))?.data as unknown;
  const time = find('time') as (number | null)[] | undefined;
  const watts = find('watts', 'fixed_watts', 'raw_watts') as (number | null)[] | undefined;
  if (!time || !watts?.some((w) => typeof w === 'number' && w > 0)) return 'no-power';
  const [best] = meanMaxPower(
    time.map((t) => (typeof t === 'number' ? t : Number.NaN)),
    watts,
    [FIVE_MINUTES_SECS],
  );
  return best === null || best === undefined ? 'too-short' : best > 0 ? best : 'no-power';
}

function positiveOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}
