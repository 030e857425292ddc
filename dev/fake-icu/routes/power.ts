/**
 * Power curves, computed with lib/power/mean-max from the recordings' watts streams.
 *
 * GET /athlete/{id}/power-curves{ext}?type=Ride&curves=42d,84d,1y,all,s0,r.2024-01-01.2024-03-31[-kj0|-kj1]
 *   → DataCurveSetPowerCurve: one list entry per curve (best of the sport's activities in the window at each
 *   duration, and which activity it came from) plus `activities` {id: Activity} for the activities named.
 * GET /activity/{id}/power-curve{ext}[?fatigue=kj0|kj1] → PowerCurve of one activity.
 *
 * Windows end on `now` (local date param), else `newest`, else today. "42d" is today and the 41 days before; "1y"
 * the year up to today; "s0" the current season (from the latest SEASON_START event, else 1 January), "s1" the one
 * before; "all" everything; "r.A.B" the days A to B inclusive. start_date_local / end_date_local of a curve are the
 * window's first day and the day after its last, at midnight (assumption: the live format is not documented).
 * vo2max_5m is given for cycling curves only (see seed/power.ts for the formula assumption).
 *
 * GET /athlete/{id}/activity-power-curves{ext}?oldest=&newest=[&type=Ride][&secs=300,1200][&fatigue=kj0|kj1]
 *   → ActivityPowerCurvePayload {secs, curves: [{id, start_date_local, weight, watts}]}: each activity's best power at
 *   `secs` (default: the standard durations), 0 where the activity is shorter. Without `type`, every activity with
 *   power. Newest first (assumption: the order is not documented).
 */

import { meanMaxPower } from '../../../lib/power/mean-max';
import type { AthleteState } from '../athlete-state';
import { badRequest, csv, error, json, listParam, type Reply } from '../http';
import type { Router } from '../router';
import { SPORT_TYPES } from '../seed/athlete';
import { afterWork, effortsFor, STANDARD_SECS, vo2max5m } from '../seed/power';
import { weightOn } from '../seed/wellness';
import { addDays, daysBetween, isIsoDay } from '../time';
import type { Json, PowerEfforts, UploadedActivity } from '../types';
import { type App, athleteFor, findActivity, isReply, STRAVA_REFUSAL, today } from './app';

interface Window {
  id: string;
  label: string;
  start: string;
  end: string;
  afterKj?: number;
}

const RIDE_TYPES = new Set(SPORT_TYPES.Ride);

function sportTypes(type: string): string[] {
  for (const types of Object.values(SPORT_TYPES)) if (types.includes(type)) return types;
  return [type];
}

function seasonStarts(athlete: AthleteState, end: string): string[] {
  const known = athlete.events
    .filter((e) => e.category === 'SEASON_START')
    .map((e) => e.start_date_local.slice(0, 10))
    .filter((d) => d <= end)
    .sort()
    .reverse();
  const starts = known.length > 0 ? known : [`${end.slice(0, 4)}-01-01`];
  while (starts.length < 50) {
    const last = starts.at(-1) as string;
    starts.push(`${Number(last.slice(0, 4)) - 1}${last.slice(4)}`);
  }
  return starts;
}

function parseCurve(athlete: AthleteState, spec: string, end: string): Window | null {
  const m = /^(.+?)(?:-kj([01]))?$/.exec(spec);
  if (!m) return null;
  const [, base = '', kj] = m;
  const days = /^(\d+)d$/.exec(base);
  const years = /^(\d+)y$/.exec(base);
  const season = /^s(\d+)$/.exec(base);
  const range = /^r\.(\d{4}-\d{2}-\d{2})\.(\d{4}-\d{2}-\d{2})$/.exec(base);
  let w: Omit<Window, 'id'> | null = null;
  if (days && Number(days[1]) > 0) {
    const n = Number(days[1]);
    w = { label: `${n} days`, start: addDays(end, -(n - 1)), end };
  } else if (years && Number(years[1]) > 0) {
    const n = Number(years[1]);
    const sameDay = `${Number(end.slice(0, 4)) - n}${end.slice(4)}`;
    const start = addDays(isIsoDay(sameDay) ? sameDay : sameDay.replace(/-02-29$/, '-02-28'), 1);
    w = { label: n === 1 ? '1 year' : `${n} years`, start, end };
  } else if (base === 'all') {
    w = { label: 'All time', start: '1970-01-01', end };
  } else if (season) {
    const n = Number(season[1]);
    const starts = seasonStarts(athlete, end);
    const start = starts[n];
    if (!start) return null;
    const seasonEnd = n === 0 ? end : addDays(starts[n - 1] as string, -1);
    w = { label: n === 0 ? 'This season' : `Season -${n}`, start, end: seasonEnd };
  } else if (range) {
    const [, a = '', b = ''] = range;
    if (!isIsoDay(a) || !isIsoDay(b) || b < a) return null;
    w = { label: `${a} to ${b}`, start: a, end: b };
  }
  if (!w) return null;
  if (kj !== undefined) {
    const afterKj = afterKjOf(athlete, kj === '0' ? 'kj0' : 'kj1');
    return { ...w, id: spec, label: `${w.label} after ${afterKj} kJ`, afterKj };
  }
  return { ...w, id: spec };
}

/** The work (kJ) after which a fatigued curve starts: the athlete's Ride settings' after_kj0 / after_kj1. */
function afterKjOf(athlete: AthleteState, fatigue: 'kj0' | 'kj1'): number {
  const ride = athlete.sportSettings[0];
  return Number((fatigue === 'kj0' ? ride?.after_kj0 : ride?.after_kj1) ?? 0);
}

const fatigued = new Map<string, PowerEfforts | null>();

/** Efforts of an activity, or of its part after `afterKj` kJ (null when it never gets there). */
function effortsOf(a: UploadedActivity, afterKj: number | undefined): PowerEfforts | null {
  if (!afterKj) return a.efforts;
  // The same recording seeded without power (an athlete with no power meter) must not share the powered entry.
  const key = `${a.file}:${a.activity.device_watts}:${afterKj}`;
  if (!fatigued.has(key)) {
    const part = afterWork(a.time, a.watts, afterKj);
    if (!part) fatigued.set(key, null);
    else {
      const e = effortsFor(part.time, part.watts);
      const shift = (xs: (number | null)[]) => xs.map((x) => (x === null ? null : x + part.offset));
      fatigued.set(key, { ...e, startIndex: shift(e.startIndex), endIndex: shift(e.endIndex) });
    }
  }
  return fatigued.get(key) ?? null;
}

function lastIndexWithValue(values: (number | null)[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null) return i;
  return -1;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** A local ISO date or date-time bound; a bare date means the start (or, for `newest`, the end) of that day. */
function localBound(value: string, end: boolean): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDay(value)) return `${value}T${end ? '23:59:59' : '00:00:00'}`;
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return value.length === 16 ? `${value}:00` : value;
  return null;
}

function athleteCurve(athlete: AthleteState, window: Window, activities: UploadedActivity[], cycling: boolean): Json {
  const inWindow = activities.filter((a) => {
    const day = a.activity.start_date_local.slice(0, 10);
    return day >= window.start && day <= window.end;
  });
  const secs = inWindow[0]?.efforts.secs ?? [];
  const best: { watts: number; id: string; start: number; end: number }[] = [];
  const bestWkg: { wkg: number; id: string }[] = [];
  for (const a of inWindow) {
    const e = effortsOf(a, window.afterKj);
    if (!e) continue;
    const weight = Number(a.activity.icu_weight ?? 0);
    e.watts.forEach((w, i) => {
      if (w === null) return;
      const current = best[i];
      if (!current || w > current.watts) {
        best[i] = { watts: w, id: a.id, start: e.startIndex[i] ?? 0, end: e.endIndex[i] ?? 0 };
      }
      if (weight > 0 && (!bestWkg[i] || w / weight > (bestWkg[i]?.wkg ?? 0)))
        bestWkg[i] = { wkg: w / weight, id: a.id };
    });
  }
  const n = lastIndexWithValue(secs.map((_, i) => best[i]?.watts ?? null)) + 1;
  const picked = best.slice(0, n);
  const curve: Json = {
    id: window.id,
    label: window.label,
    start_date_local: `${window.start}T00:00:00`,
    end_date_local: `${addDays(window.end, 1)}T00:00:00`,
    days: daysBetween(window.start, window.end) + 1,
    moving_time: inWindow.reduce((s, a) => s + Number(a.activity.moving_time ?? 0), 0),
    training_load: inWindow.reduce((s, a) => s + Number(a.activity.icu_training_load ?? 0), 0),
    weight: weightOn(weightsOf(athlete), window.end),
    secs: secs.slice(0, n),
    values: picked.map((b) => Math.round(b?.watts ?? 0)),
    start_index: picked.map((b) => b?.start ?? 0),
    end_index: picked.map((b) => b?.end ?? 0),
    activity_id: picked.map((b) => b?.id ?? ''),
    watts_per_kg: bestWkg.slice(0, n).map((b) => r2(b?.wkg ?? 0)),
    wkg_activity_id: bestWkg.slice(0, n).map((b) => b?.id ?? ''),
  };
  if (window.afterKj) curve.after_kj = window.afterKj;
  const i300 = secs.indexOf(300);
  const wkg5 = bestWkg[i300]?.wkg;
  if (cycling && i300 >= 0 && i300 < n && wkg5 !== undefined) curve.vo2max_5m = vo2max5m(wkg5);
  return curve;
}

/** Recorded wellness weights, as edited (so a weight written through the API shows up in the curves). */
function weightsOf(athlete: AthleteState): Map<string, number> {
  const out = new Map<string, number>();
  for (const w of athlete.wellness.values()) if (w.weight !== undefined) out.set(w.id, w.weight);
  return out;
}

function curveCsv(curves: Json[]): Reply {
  const longest = curves.reduce<number[]>(
    (acc, c) => ((c.secs as number[]).length > acc.length ? (c.secs as number[]) : acc),
    [],
  );
  return csv([
    ['secs', ...curves.map((c) => String(c.id))],
    ...longest.map((s, i) => [s, ...curves.map((c) => (c.values as number[])[i] ?? null)]),
  ]);
}

export function powerRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}/power-curves{ext}', ({ params, query, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const ext = params.ext ?? '';
    if (!['', '.json', '.csv'].includes(ext)) return badRequest(`Unsupported format ${ext}`);
    const type = query.get('type');
    if (!type) return badRequest("Required request parameter 'type' is not present");
    const end = query.get('now') ?? query.get('newest')?.slice(0, 10) ?? today(app, athlete);
    if (!isIsoDay(end)) return badRequest(`Invalid date: ${end}`);
    const windows: Window[] = [];
    for (const spec of listParam(query, 'curves') ?? ['1y']) {
      const w = parseCurve(athlete, spec, end);
      if (!w) return badRequest(`Invalid curve: ${spec}`);
      windows.push(w);
    }
    const types = new Set(sportTypes(type));
    const activities = athlete.activities.filter(
      (a): a is UploadedActivity => a.kind === 'upload' && types.has(a.activity.type),
    );
    const cycling = [...types].some((t) => RIDE_TYPES.has(t));
    const list = windows.map((w) => athleteCurve(athlete, w, activities, cycling));
    if (ext === '.csv') return curveCsv(list);
    const named = new Set(list.flatMap((c) => [...(c.activity_id as string[]), ...(c.wkg_activity_id as string[])]));
    const summaries: Record<string, Json> = {};
    for (const a of activities) if (named.has(a.id)) summaries[a.id] = a.activity;
    return json({ list, activities: summaries });
  });

  router.add('GET', '/api/v1/athlete/{id}/activity-power-curves{ext}', ({ params, query, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const ext = params.ext ?? '';
    if (!['', '.json', '.csv'].includes(ext)) return badRequest(`Unsupported format ${ext}`);
    const oldest = query.get('oldest');
    const newest = query.get('newest');
    if (!oldest) return badRequest("Required request parameter 'oldest' is not present");
    if (!newest) return badRequest("Required request parameter 'newest' is not present");
    const from = localBound(oldest, false);
    const to = localBound(newest, true);
    if (!from || !to) return badRequest('oldest and newest must be local ISO-8601 dates or date-times');
    const secsParam = listParam(query, 'secs');
    const secs = secsParam ? secsParam.map(Number) : STANDARD_SECS;
    if (secs.some((s) => !Number.isInteger(s) || s < 1)) return badRequest(`Invalid secs: ${secsParam?.join(',')}`);
    const type = query.get('type');
    const fatigue = query.get('fatigue');
    if (fatigue !== null && fatigue !== 'kj0' && fatigue !== 'kj1') return badRequest(`Invalid fatigue: ${fatigue}`);
    if (fatigue !== null && !type) return badRequest('type is required when fatigue is used');
    const afterKj = fatigue === null ? undefined : afterKjOf(athlete, fatigue);
    const types = type ? new Set(sportTypes(type)) : null;
    const curves: Json[] = [];
    for (const a of athlete.activities) {
      if (a.kind !== 'upload' || (types && !types.has(a.activity.type))) continue;
      if (!a.watts.some((w) => typeof w === 'number')) continue;
      const start = a.activity.start_date_local;
      if (start < from || start > to) continue;
      const part = afterKj ? afterWork(a.time, a.watts, afterKj) : { time: a.time, watts: a.watts };
      const best = part ? meanMaxPower(part.time, part.watts, secs) : secs.map(() => null);
      curves.push({
        id: a.id,
        start_date_local: start,
        weight: Number(a.activity.icu_weight ?? 0),
        watts: best.map((w) => (w === null ? 0 : Math.round(w))),
      });
    }
    curves.sort((x, y) => String(y.start_date_local).localeCompare(String(x.start_date_local)));
    if (ext === '.csv') {
      return csv([
        ['id', 'start_date_local', 'weight', ...secs],
        ...curves.map((c) => [c.id, c.start_date_local, c.weight, ...(c.watts as number[])] as (string | number)[]),
      ]);
    }
    const payload: Json = { secs, curves };
    if (afterKj) payload.after_kj = afterKj;
    return json(payload);
  });

  router.add('GET', '/api/v1/activity/{id}/power-curve{ext}', ({ params, query, caller }) => {
    const ext = params.ext ?? '';
    if (!['', '.json', '.csv'].includes(ext)) return badRequest(`Unsupported format ${ext}`);
    const found = findActivity(app, caller, params.id);
    if (isReply(found)) return found;
    const a = found.activity;
    if (a.kind === 'strava') return error(422, STRAVA_REFUSAL);
    const fatigue = query.get('fatigue');
    if (fatigue !== null && fatigue !== 'kj0' && fatigue !== 'kj1') return badRequest(`Invalid fatigue: ${fatigue}`);
    const afterKj = fatigue === null ? undefined : afterKjOf(found.athlete, fatigue);
    const e = effortsOf(a, afterKj);
    const n = e ? lastIndexWithValue(e.watts) + 1 : 0;
    const watts = (e?.watts ?? []).slice(0, n).map((w) => w ?? 0);
    const weight = Number(a.activity.icu_weight ?? 0);
    const values = watts.map((w) => Math.round(w));
    const curve: Json = {
      id: a.id,
      label: String(a.activity.name ?? ''),
      start_date_local: a.activity.start_date_local,
      moving_time: Number(a.activity.moving_time ?? 0),
      training_load: Number(a.activity.icu_training_load ?? 0),
      weight,
      secs: (e?.secs ?? []).slice(0, n),
      values,
      watts: values,
      start_index: (e?.startIndex ?? []).slice(0, n).map((x) => x ?? 0),
      end_index: (e?.endIndex ?? []).slice(0, n).map((x) => x ?? 0),
      stream_type: 'watts',
    };
    if (afterKj) curve.after_kj = afterKj;
    if (weight > 0) {
      curve.watts_per_kg = watts.map((w) => r2(w / weight));
      const i300 = (e?.secs ?? []).indexOf(300);
      if (RIDE_TYPES.has(a.activity.type) && i300 >= 0 && i300 < n) {
        curve.vo2max_5m = vo2max5m((watts[i300] ?? 0) / weight);
      }
    }
    if (ext === '.csv') return curveCsv([curve]);
    return json(curve);
  });
}
