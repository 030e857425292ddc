/**
 * A coach's view: who the key may see, and how their week went.
 *
 * GET /athletes (listAthletes): "List athletes the caller is following or coaching, including the caller" as
 *   AthleteWithTags[]. Documented: "cannot be called with a bearer token, an API_KEY is required" → 403 Access denied
 *   (server.ts already refuses every Bearer token, as the stand-in has no OAuth; the route says so again).
 *   Assumed: the caller comes first, then the coached athletes in the order they were added; `ext_id_prefix` (an
 *   OAuth app's external ids) is accepted and ignored. Each entry is the athlete's profile without sport settings,
 *   plus fields the extension must not keep (email, tags, notes, an invite token, even `icu_api_key`).
 *
 * GET /athlete/{id}/athlete-summary{ext} (getAthleteSummary): SummaryWithCats[], one entry per athlete of `{id}`'s
 *   roster that the key may see (for a coach: themselves and everyone they coach; for anyone else: just them).
 *   Documented: `start` defaults to 6 days ago, `end` to today, `tags` keeps athletes with one of the tags; the forum
 *   post that announced it: "Calculates totals by week … Fitness, fatigue and form are as of the last activity
 *   completed in the week", `.csv` for CSV. Assumed: one entry per athlete for the whole window (not one per
 *   calendar week) with `date` its first day; the defaults are in the caller's time zone, each athlete's activities
 *   are counted by their own local start; totals come from the athlete's activities (Strava stubs carry nothing the
 *   stand-in could count); `byCategory` groups by activity type; eFTP, weight and `mostRecentWellnessId` come from
 *   the latest wellness record on or before `end`; with no activity, fitness is as of that record.
 */
import type { AthleteState } from '../athlete-state';
import { authScheme } from '../auth';
import { badRequest, csv, json, listParam, type Reply } from '../http';
import type { Router } from '../router';
import { ATHLETE_ID } from '../seed/athlete';
import { HONOLULU_ATHLETE_ID, IMPERIAL_ATHLETE_ID, NO_POWER_ATHLETE_ID } from '../seed/coached';
import { addDays, isIsoDay } from '../time';
import type { Json, UploadedActivity, Wellness } from '../types';
import { type App, accessDenied, athleteFor, isReply, today } from './app';
import { athleteProfile } from './athlete';

/** Tags a coach put on each athlete (AthleteWithTags.icu_tags), for `tags=` on athlete-summary. */
const TAGS: Record<string, string[]> = {
  [ATHLETE_ID]: ['coach'],
  [HONOLULU_ATHLETE_ID]: ['triathlon', 'pacific'],
  [IMPERIAL_ATHLETE_ID]: ['road', 'usa'],
  [NO_POWER_ATHLETE_ID]: ['road', 'heart-rate'],
};

/** One /athletes entry: the profile as AthleteWithTags, with the extras a client should drop. */
function listed(athlete: AthleteState): Json {
  const { sportSettings: _settings, custom_items: _items, ...profile } = athleteProfile(athlete);
  const first = String(profile.firstname ?? 'athlete').toLowerCase();
  return {
    ...profile,
    email: `${first}.${athlete.id}@example.com`,
    icu_tags: TAGS[athlete.id] ?? [],
    icu_notes: 'Private coach notes: not for the extension to keep.',
    icu_friend_invite_token: `invite-${athlete.id}`,
    icu_last_seen: `${athlete.seed.today}T06:12:00.000+00:00`,
    // A dummy, never a key: it proves the extension keeps only id, name, time zone and units of what /athletes sends.
    icu_api_key: `fake-icu-not-a-key-${athlete.id}`,
  };
}

/** `{id}`'s roster as the key may see it: the athlete, then the athletes they coach. */
function rosterOf(app: App, caller: string, athlete: AthleteState): AthleteState[] {
  const coached = app.state.coachedBy(athlete.id).filter((id) => app.state.mayAccess(caller, id));
  return [athlete, ...coached.map((id) => app.state.athlete(id) as AthleteState)];
}

const LOCAL = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/;

/** A local date or date-time bound as "YYYY-MM-DDTHH:mm:ss"; a bare `end` date means the end of that day. */
function bound(value: string, end: boolean): string | null {
  if (!LOCAL.test(value) || !isIsoDay(value.slice(0, 10))) return null;
  if (value.length === 10) return `${value}T${end ? '23:59:59' : '00:00:00'}`;
  return value.length === 16 ? `${value}:00` : value;
}

interface Totals extends Json {
  count: number;
  time: number;
  moving_time: number;
  elapsed_time: number;
  calories: number;
  total_elevation_gain: number;
  training_load: number;
  distance: number;
}

function totals(activities: UploadedActivity[]): Totals {
  const sum = (key: string) => activities.reduce((s, a) => s + Number(a.activity[key] ?? 0), 0);
  return {
    count: activities.length,
    time: Math.round(sum('icu_recording_time')),
    moving_time: Math.round(sum('moving_time')),
    elapsed_time: Math.round(sum('elapsed_time')),
    calories: Math.round(sum('calories')),
    total_elevation_gain: Math.round(sum('total_elevation_gain') * 10) / 10,
    training_load: Math.round(sum('icu_training_load')),
    distance: Math.round(sum('distance') * 10) / 10,
  };
}

const r2 = (x: number) => Math.round(x * 100) / 100;

function latestOnOrBefore(athlete: AthleteState, day: string, has: (w: Wellness) => boolean): Wellness | undefined {
  return [...athlete.wellness.values()]
    .filter((w) => w.id <= day && has(w))
    .sort((a, b) => b.id.localeCompare(a.id))[0];
}

/** One SummaryWithCats for `athlete` over [from, to] (local date-times). */
export function summaryOf(athlete: AthleteState, from: string, to: string): Json {
  const inWindow = athlete.activities.filter(
    (a): a is UploadedActivity =>
      a.kind === 'upload' && a.activity.start_date_local >= from && a.activity.start_date_local <= to,
  );
  const endDay = to.slice(0, 10);
  const out: Json = {
    ...totals(inWindow),
    date: from.slice(0, 10),
    athlete_id: athlete.id,
    athlete_name: String(athlete.seed.athlete.name),
    email: String(listed(athlete).email),
  };
  // "as of the last activity completed in the week" (activities are newest first).
  const lastDay = inWindow[0]?.activity.start_date_local.slice(0, 10) ?? endDay;
  const fitnessDay = latestOnOrBefore(athlete, lastDay, (w) => w.ctl !== undefined);
  if (fitnessDay?.ctl !== undefined && fitnessDay.atl !== undefined) {
    out.fitness = fitnessDay.ctl;
    out.fatigue = fitnessDay.atl;
    out.form = r2(fitnessDay.ctl - fitnessDay.atl);
    if (fitnessDay.rampRate !== undefined) out.rampRate = fitnessDay.rampRate;
  }
  const weighed = latestOnOrBefore(athlete, endDay, (w) => typeof w.weight === 'number');
  if (weighed?.weight) out.weight = weighed.weight;
  const withEftp = latestOnOrBefore(athlete, endDay, (w) => (w.sportInfo ?? []).some((s) => s.type === 'Ride'));
  const eftp = withEftp?.sportInfo?.find((s) => s.type === 'Ride')?.eftp;
  if (typeof eftp === 'number') {
    out.eftp = eftp;
    if (weighed?.weight) out.eftpPerKg = r2(eftp / weighed.weight);
  }
  const types = [...new Set(inWindow.map((a) => a.activity.type))].sort();
  out.byCategory = types.map((type) => ({
    ...totals(inWindow.filter((a) => a.activity.type === type)),
    category: type,
  }));
  const recent = latestOnOrBefore(athlete, endDay, () => true);
  if (recent) out.mostRecentWellnessId = recent.id;
  return out;
}

const SUMMARY_CSV_COLUMNS = [
  'athlete_id',
  'athlete_name',
  'date',
  'count',
  'moving_time',
  'elapsed_time',
  'distance',
  'total_elevation_gain',
  'calories',
  'training_load',
  'fitness',
  'fatigue',
  'form',
  'rampRate',
  'weight',
  'eftp',
  'eftpPerKg',
];

export function rosterRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athletes', ({ req, caller }) => {
    if (authScheme(req) === 'bearer') return accessDenied();
    const me = app.state.athlete(caller);
    if (!me) return accessDenied();
    return json(rosterOf(app, caller, me).map(listed));
  });

  router.add('GET', '/api/v1/athlete/{id}/athlete-summary{ext}', ({ params, query, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const ext = params.ext ?? '';
    if (!['', '.json', '.csv'].includes(ext)) return badRequest(`Unsupported format ${ext}`);
    const me = app.state.athlete(caller) as AthleteState;
    const endParam = query.get('end') ?? today(app, me);
    const startParam = query.get('start') ?? addDays(endParam.slice(0, 10), -6);
    const from = bound(startParam, false);
    const to = bound(endParam, true);
    if (!from || !to) return badRequest('start and end must be local ISO-8601 dates or date-times');
    const tags = listParam(query, 'tags');
    const athletes = rosterOf(app, caller, athlete).filter(
      (a) => !tags || (TAGS[a.id] ?? []).some((t) => tags.includes(t)),
    );
    const summaries = athletes.map((a) => summaryOf(a, from, to));
    if (ext === '.csv') return summaryCsv(summaries);
    return json(summaries);
  });
}

function summaryCsv(summaries: Json[]): Reply {
  return csv([
    SUMMARY_CSV_COLUMNS,
    ...summaries.map((s) => SUMMARY_CSV_COLUMNS.map((c) => s[c] as string | number | undefined)),
  ]);
}
