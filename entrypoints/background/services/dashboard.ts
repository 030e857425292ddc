/**
 * The popup's at-a-glance data: who is connected, today's wellness (in the athlete's time zone) and the latest
 * activity. The popup first asks with `source: 'cache'` (instant, no network), then with `source: 'network'` and a
 * `maxAgeMs`, so a dashboard it fetched a moment ago is not fetched again; its Refresh button asks without one.
 */

import { IcuError } from '~/lib/api/errors';
import type { Activity, ActivityListItem, Wellness } from '~/lib/api/types';
import { addDays, todayIn } from '~/lib/dates';
import type { ActivitySummary, Dashboard, Source, WellnessGlance } from '~/lib/messages';
import { isStravaStub } from '../api/client';
import { getCached, isFresh, putCached, readThrough, refresh, wellnessDayCacheKey } from '../store/cache';
import { loadApiKey } from '../store/secrets';
import { rememberProfile } from './athletes';
import { toConnectedAthlete } from './connection';
import { NOT_CONNECTED, requireAthlete, type Services } from './context';

/** How far back to look for the latest activity, and how many to ask for (newest first). */
export const LATEST_ACTIVITY_DAYS = 60;
const ACTIVITY_LIMIT = 5;

export const STRAVA_ACTIVITY_NAME = 'Imported from Strava (not available through the API)';

export const dashboardCacheKey = (athleteId: string) => `dashboard:${athleteId}`;

export async function getDashboard(services: Services, request: Source): Promise<Dashboard | null> {
  const [athlete, apiKey] = await Promise.all([requireAthlete().catch(() => null), loadApiKey()]);
  if (!athlete || !apiKey) {
    if (request.source === 'cache') return null;
    throw new IcuError({ kind: 'auth', message: NOT_CONNECTED });
  }
  const key = dashboardCacheKey(athlete.id);
  if (request.source === 'cache') {
    const cached = await getCached<Dashboard>(key);
    return cached ? withLatestToday(athlete.id, cached.value) : null;
  }
  if (request.maxAgeMs !== undefined) {
    // Fresh enough, and still about today (a dashboard from before the athlete's midnight is not): no request.
    const cached = await getCached<Dashboard>(key);
    const now = () => services.now().getTime();
    if (
      cached &&
      isFresh(cached, { maxAgeMs: request.maxAgeMs, now }) &&
      cached.value.today === todayIn(athlete.timezone, services.now())
    ) {
      return withLatestToday(athlete.id, cached.value);
    }
  }
  const entry = await refresh(
    key,
    () => fetchDashboard(services, athlete.id),
    () => services.now().getTime(),
  );
  return withLatestToday(athlete.id, entry.value);
}

/**
 * "Today" from the wellness day cache when that was read later than the dashboard: a save, lock or undo of today
 * (which reads the day back into that cache) shows at once, without the wellness code knowing about the dashboard.
 */
async function withLatestToday(athleteId: string, dashboard: Dashboard): Promise<Dashboard> {
  const today = dashboard.wellness?.date ?? dashboard.today;
  if (!today) return dashboard;
  const day = await getCached<Wellness>(wellnessDayCacheKey(athleteId, today));
  if (!day || day.fetchedAt <= dashboard.fetchedAt) return dashboard;
  return { ...dashboard, wellness: toWellnessGlance(day.value, today) };
}

async function fetchDashboard(services: Services, athleteId: string): Promise<Dashboard> {
  const { client } = services;
  const now = services.now();
  const athlete = toConnectedAthlete(await client.getAthlete(athleteId));
  await rememberProfile(athlete); // keep the stored name, time zone and units current

  const today = todayIn(athlete.timezone, now);
  const [wellness, activities] = await Promise.all([
    client.listWellness(athlete.id, today, today),
    client.listActivities(athlete.id, { oldest: addDays(today, -LATEST_ACTIVITY_DAYS), limit: ACTIVITY_LIMIT }),
  ]);
  const latest = newest(activities);
  const todayRecord = wellness.find((day) => day.id === today) ?? null;
  if (todayRecord) await putCached(wellnessDayCacheKey(athlete.id, today), todayRecord, now.getTime());
  return {
    athlete: { id: athlete.id, name: athlete.name },
    today,
    timezone: athlete.timezone,
    wellness: toWellnessGlance(todayRecord, today),
    latestActivity: latest ? toActivitySummary(latest) : null,
    fetchedAt: now.getTime(),
  };
}

export const activitySummaryCacheKey = (athleteId: string, activityId: string) =>
  `activity-summary:${athleteId}:${activityId}`;

/** One activity's summary; a Strava import comes back as a summary with `restrictedBy: 'strava'`, not an error. */
export async function getActivitySummary(
  services: Services,
  request: { activityId: string } & Source,
): Promise<ActivitySummary | null> {
  const athlete = await requireAthlete().catch((error) => {
    if (request.source === 'cache') return null;
    throw error;
  });
  if (!athlete) return null;
  const key = activitySummaryCacheKey(athlete.id, request.activityId);
  if (request.source === 'cache') return (await getCached<ActivitySummary>(key))?.value ?? null;
  // maxAgeMs 0 (none given): always fetched.
  const entry = await readThrough(
    key,
    async () => {
      try {
        return toActivitySummary(await services.client.getActivity(request.activityId));
      } catch (error) {
        if (error instanceof IcuError && error.kind === 'strava') {
          return toActivitySummary({ id: request.activityId, source: 'STRAVA' });
        }
        throw error;
      }
    },
    { maxAgeMs: request.maxAgeMs ?? 0, now: () => services.now().getTime() },
  );
  return entry.value;
}

export function toWellnessGlance(day: Wellness | null, date: string): WellnessGlance | null {
  if (!day) return null;
  return {
    date,
    weight: day.weight ?? null,
    restingHR: day.restingHR ?? null,
    hrv: day.hrv ?? null,
    sleepSecs: day.sleepSecs ?? null,
    locked: day.locked ?? false,
  };
}

export function toActivitySummary(activity: ActivityListItem): ActivitySummary {
  const id = String(activity.id ?? '');
  const url = `https://intervals.icu/activities/${encodeURIComponent(id)}`;
  const startDateLocal = activity.start_date_local ?? '';
  if (isStravaStub(activity)) {
    return {
      id,
      name: STRAVA_ACTIVITY_NAME,
      type: null,
      startDateLocal,
      movingTimeSecs: null,
      elapsedTimeSecs: null,
      distanceMeters: null,
      trainingLoad: null,
      url,
      restrictedBy: 'strava',
      ...(activity.icu_athlete_id ? { athleteId: activity.icu_athlete_id } : {}),
    };
  }
  const a = activity as Activity;
  return {
    ...(a.icu_athlete_id ? { athleteId: a.icu_athlete_id } : {}),
    id,
    name: a.name || 'Untitled activity',
    type: a.type ?? null,
    startDateLocal,
    movingTimeSecs: a.moving_time ?? null,
    elapsedTimeSecs: a.elapsed_time ?? null,
    distanceMeters: a.distance ?? a.icu_distance ?? null,
    trainingLoad: a.icu_training_load ?? null,
    url,
    restrictedBy: null,
  };
}

/** The API lists newest first; sorting again costs nothing and does not rely on it. */
function newest(activities: readonly ActivityListItem[]): ActivityListItem | undefined {
  return [...activities]
    .filter((a) => a.id !== undefined)
    .sort((a, b) => (b.start_date_local ?? '').localeCompare(a.start_date_local ?? ''))[0];
}
