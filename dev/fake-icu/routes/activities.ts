/**
 * Activities: the list, one activity (optionally with intervals), its intervals and its streams. Strava imports are
 * `Hidden` stubs in the list and on GET /activity/{id}; their intervals, streams and curves are refused with 422.
 * `/activity/{id}…` serves an activity of any athlete the key may see (its `icu_athlete_id` says whose), 403 for an
 * athlete the key may not see, 404 when no athlete has it (routes/app.ts).
 */
import { badRequest, csv, error, json, listParam, pickFields, type Reply } from '../http';
import type { Router } from '../router';
import { ISO_DAY } from '../time';
import type { IcuStream, UploadedActivity } from '../types';
import { type App, athleteFor, findActivity, isReply, nowLocal, STRAVA_REFUSAL } from './app';

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A local ISO date or date-time bound; a bare date means the start (or, for `newest`, the end) of that day. */
function bound(value: string, end: boolean): string | null {
  if (ISO_DAY.test(value)) return `${value}T${end ? '23:59:59' : '00:00:00'}`;
  if (LOCAL_DATE_TIME.test(value)) return value.length === 16 ? `${value}:00` : value.slice(0, 19);
  return null;
}

export function withIntervals(a: UploadedActivity) {
  return { ...a.activity, icu_intervals: a.intervals, icu_groups: [] };
}

/** An uploaded (not Strava) activity the caller may see, or the refusal. */
export function uploaded(app: App, caller: string, id: string | undefined): UploadedActivity | Reply {
  const found = findActivity(app, caller, id);
  if (isReply(found)) return found;
  if (found.activity.kind === 'strava') return error(422, STRAVA_REFUSAL);
  return found.activity;
}

/** Streams as served: `types` picks and orders them; without `types` the watts stream is called raw_watts. */
function selectStreams(a: UploadedActivity, types: string[] | undefined, includeDefaults: boolean): IcuStream[] {
  const byType = new Map(a.streams.map((s) => [s.type, s]));
  const rename = (s: IcuStream, type: string): IcuStream => ({ ...s, type });
  if (!types) {
    // Spec: "If 'raw_watts' is asked for or types is null then the 'watts' stream is renamed to 'raw_watts'." The
    // seed has no fixed_watts (no spikes were fixed), so there is no 'watts' stream in this case.
    return a.streams.map((s) => (s.type === 'watts' ? rename(s, 'raw_watts') : s));
  }
  const wanted = [...types];
  if (includeDefaults) for (const s of a.streams) if (!wanted.includes(s.type)) wanted.push(s.type);
  const out: IcuStream[] = [];
  for (const type of wanted) {
    if (type === 'raw_watts' || type === 'fixed_watts') {
      const watts = byType.get('watts');
      if (watts) out.push(rename(watts, type === 'raw_watts' ? 'raw_watts' : 'watts'));
      continue;
    }
    const s = byType.get(type);
    if (s && !out.some((o) => o.type === type)) out.push(s);
  }
  return out;
}

function streamsCsv(streams: IcuStream[]): Reply {
  const header: string[] = [];
  const columns: (number | null)[][] = [];
  for (const s of streams) {
    if (s.type === 'latlng') {
      header.push('lat', 'lng');
      columns.push(s.data, s.data2 ?? []);
    } else {
      header.push(s.type);
      columns.push(s.data);
    }
  }
  const rows = Math.max(0, ...columns.map((c) => c.length));
  return csv([header, ...Array.from({ length: rows }, (_, i) => columns.map((c) => c[i] ?? null))]);
}

export function activityRoutes(router: Router, app: App): void {
  router.add('GET', '/api/v1/athlete/{id}/activities', ({ params, query, caller }) => {
    const athlete = athleteFor(app, caller, params.id);
    if (isReply(athlete)) return athlete;
    const oldestParam = query.get('oldest');
    if (!oldestParam) return badRequest("Required request parameter 'oldest' is not present");
    const oldest = bound(oldestParam, false);
    const newest = query.has('newest') ? bound(query.get('newest') ?? '', true) : nowLocal(app, athlete);
    if (!oldest || !newest) return badRequest('oldest and newest must be local ISO-8601 dates or date-times');
    const limitParam = query.get('limit');
    const limit = limitParam === null ? Number.POSITIVE_INFINITY : Number(limitParam);
    if (!(limit >= 0)) return badRequest(`Invalid limit: ${limitParam}`);
    const fields = listParam(query, 'fields');
    const body = athlete.activities
      .filter((a) => {
        const start = a.kind === 'upload' ? a.activity.start_date_local : a.stub.start_date_local;
        return start >= oldest && start <= newest;
      })
      .slice(0, limit)
      .map((a) => (a.kind === 'upload' ? pickFields(a.activity, fields) : a.stub));
    return json(body);
  });

  router.add('GET', '/api/v1/activity/{id}', ({ params, query, caller }) => {
    const found = findActivity(app, caller, params.id);
    if (isReply(found)) return found;
    const { activity } = found;
    if (activity.kind === 'strava') return json(activity.stub);
    return json(query.get('intervals') === 'true' ? withIntervals(activity) : activity.activity);
  });

  router.add('GET', '/api/v1/activity/{id}/intervals', ({ params, caller }) => {
    const a = uploaded(app, caller, params.id);
    if (isReply(a)) return a;
    return json({ id: a.id, analyzed: a.activity.analyzed, icu_intervals: a.intervals, icu_groups: [] });
  });

  router.add('GET', '/api/v1/activity/{id}/streams{ext}', ({ params, query, caller }) => {
    const ext = params.ext ?? '';
    if (!['', '.json', '.csv'].includes(ext)) return badRequest(`Unsupported format ${ext}`);
    const a = uploaded(app, caller, params.id);
    if (isReply(a)) return a;
    const streams = selectStreams(a, listParam(query, 'types'), query.get('includeDefaults') === 'true');
    return ext === '.csv' ? streamsCsv(streams) : json(streams);
  });
}
